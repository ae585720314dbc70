using System.Text;
using CsCheck;
using Xunit;

namespace WitBindgen.Composition.Tests;

/// <summary>
/// Random input never makes the front end throw: random bytes, random token soup and mutations of valid files all
/// end in a plan or in located diagnostics whose spans lie inside the text.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly string[] Corpus =
    [
        """
        package demo:app@1.0.0;
        // comment
        let greeter = new test:greeter {};
        let app = new test:app { greeter: greeter.greeter, log: greeter["hello"], ... };
        export app.run;
        export greeter["hello"] as hi;
        """,
        """
        package demo:chain;
        /* block /* nested */ */
        let g = new test:greeter {};
        let m = new test:middle { greeter: g };
        let app = new test:app { ...m, log: g.hello, ... };
        export m as "the-middle";
        export g...;
        """,
        """
        package demo:app;
        let %let = new test:greeter {};
        let alias = (%let);
        let app = new test:app { "test:demo/greeter@0.1.0": alias.greeter, log: %let.hello, ..., };
        export (alias).hello as "hello-again";
        """,
    ];

    private static readonly string[] Vocabulary =
    [
        "package", "let", "new", "export", "as", "import", "interface", "targets", "g", "app", "%let", "test", "greeter",
        "hello", ":", ";", ",", ".", "...", "=", "{", "}", "[", "]", "(", ")", "@", "1.0.0", "\"hello\"", "\"", "//", "/*",
        "*/", "\n", "é", "test:greeter", "test:app", "test:middle", "test:nope",
    ];

    private readonly PackageFolder _folder = PackageFolder.Demo();

    public void Dispose() => _folder.Dispose();

    private void Check(string text)
    {
        var result = _folder.Resolve(text);
        if (result.Success)
        {
            Assert.Empty(result.Diagnostics);
            return;
        }

        Assert.NotEmpty(result.Diagnostics);
        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Span!.Value;
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
            Assert.NotNull(diagnostic.Location);
            Assert.Contains(diagnostic.Message, diagnostic.Rendered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_bytes() =>
        Gen.Byte.Array[0, 300].Sample(bytes => Check(Encoding.UTF8.GetString(bytes)), iter: 3000);

    [Fact]
    public void Random_token_soup() =>
        Gen.Int[0, Vocabulary.Length - 1].Array[0, 60]
            .Sample(words => Check("package demo:app;\n" + string.Join(" ", words.Select(w => Vocabulary[w]))), iter: 3000);

    [Fact]
    public void Mutations_of_valid_files()
    {
        foreach (var text in Corpus)
        {
            Check(text);
            Assert.True(_folder.Resolve(text).Success, _folder.Resolve(text).ToString());
        }

        var mutation = Gen.Select(Gen.Int[0, Corpus.Length - 1], Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.Int[0, 12], Gen.Int[0, Vocabulary.Length - 1]);
        mutation.Sample(m =>
        {
            var (which, kind, at, length, word) = m;
            var text = Corpus[which];
            int start = at % (text.Length + 1);
            int end = Math.Min(text.Length, start + length);
            var mutated = kind switch
            {
                0 => text.Remove(start, end - start),
                1 => text.Insert(start, Vocabulary[word]),
                2 => text.Insert(start, text[start..end]),
                _ => text.Remove(start, end - start).Insert(start, Vocabulary[word]),
            };
            Check(mutated);
        }, iter: 3000);
    }

    [Fact]
    public void Long_access_chains_and_argument_lists()
    {
        Check("package demo:app;\nlet g = new test:greeter {};\nexport g" + string.Concat(Enumerable.Repeat(".hello", 100_000)) + ";");
        Check("package demo:app;\nlet g = new test:greeter {};\nlet a = new test:app { " + string.Concat(Enumerable.Repeat("log: g.hello, ", 20_000)) + "... };");
        Check("package demo:app;\n" + string.Concat(Enumerable.Repeat("let x = y;\n", 20_000)));
    }

    [Fact]
    public void Resolution_stops_after_a_hundred_errors()
    {
        var text = "package demo:app;\n" + string.Concat(Enumerable.Repeat("export nothing.run;\n", 500));
        var result = _folder.Resolve(text);
        Assert.Equal(101, result.Diagnostics.Count);
        Assert.Equal("more than 100 errors; resolution stopped here", result.Diagnostics[^1].Message);
        Assert.Equal(102, result.Diagnostics[^1].Location!.Value.Line);
    }
}
