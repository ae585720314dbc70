using System.Diagnostics;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>
/// Feeds tens of thousands of mutated WIT documents to the front end. Every input must end in a
/// model or a diagnostic: no other exception, no hang.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 24_000;

    private static readonly string[] Fragments =
    {
        "{", "}", "<", ">", "(", ")", ";", ":", ",", ".", "@", "/", "->", "%", "_", "=", "*", "\"", "\n", " ",
        "1", "0.2.0", "a", "Zz", "é", "\u0007", "/*", "*/", "//", "list", "borrow", "own", "resource", "use",
        "interface", "world", "package", "import", "export", "include", "with", "as", "func", "async", "static",
        "constructor", "type", "record", "variant", "enum", "flags", "tuple", "option", "result", "future",
        "stream", "map", "error-context", "@since(version = 1.0.0)", "@unstable(feature = x)", "@deprecated(version = 0.1.0)",
        "package a:b;", "package a:b {", "list<u8, 0>", "list<u8, 99999999999>", "a:b/c@1.0.0",
    };

    [Fact]
    public void Mutated_inputs_always_end_in_a_model_or_a_diagnostic()
    {
        var corpus = LoadCorpus();
        Assert.NotEmpty(corpus);
        var random = new Random(20261125);
        var sw = Stopwatch.StartNew();
        int ok = 0, failed = 0;
        var slowest = TimeSpan.Zero;
        for (int i = 0; i < Iterations; i++)
        {
            var source = corpus[random.Next(corpus.Count)];
            var input = Mutate(source, random);
            var start = sw.Elapsed;
            WitLoadResult result;
            try
            {
                result = Wit.Parse("fuzz.wit", input, new WitOptions { Features = new[] { "x" } });
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name}: {e.Message}\n--- input:\n{input}");
                return;
            }

            var elapsed = sw.Elapsed - start;
            if (elapsed > slowest)
            {
                slowest = elapsed;
            }

            Assert.True(elapsed < TimeSpan.FromSeconds(5), $"iteration {i} took {elapsed}\n--- input:\n{input}");
            if (result.Success)
            {
                ok++;
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(result.Diagnostic!.Rendered));
                failed++;
            }
        }

        Assert.Equal(Iterations, ok + failed);

        // Mutations must exercise both outcomes, or the test is not testing much.
        Assert.True(ok > 100, $"only {ok} mutated inputs resolved");
        Assert.True(failed > 1000, $"only {failed} mutated inputs failed");
    }

    [Theory]
    [InlineData(20_000, "list<")]
    [InlineData(20_000, "option<")]
    [InlineData(5_000, "package a:b {\n")]
    public void Deep_nesting_is_a_diagnostic_not_a_crash(int depth, string opener)
    {
        var text = "package x:y;\ninterface i { type t = " + string.Concat(Enumerable.Repeat(opener, depth)) + "u8";
        if (opener.StartsWith("package", StringComparison.Ordinal))
        {
            text = "package x:y;\n" + string.Concat(Enumerable.Repeat(opener, depth));
        }

        var result = Wit.Parse("deep.wit", text);
        Assert.False(result.Success);
    }

    private static List<string> LoadCorpus()
    {
        var files = Directory.EnumerateFiles(TestPaths.Corpus, "*.wit", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.Wit, "*.wit", SearchOption.AllDirectories));
        return files.Select(File.ReadAllText).Where(t => t.Length < 40_000).Distinct().ToList();
    }

    private static string Mutate(string text, Random random)
    {
        int rounds = 1 + random.Next(3);
        for (int r = 0; r < rounds && text.Length > 0; r++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0: // truncate
                    text = text[..at];
                    break;
                case 1: // flip a character
                    text = text[..at] + (char)random.Next(32, 0x3000) + text[(at + 1)..];
                    break;
                case 2: // insert a fragment
                    text = text[..at] + Fragments[random.Next(Fragments.Length)] + text[at..];
                    break;
                case 3: // delete a span
                    text = text[..at] + text[Math.Min(text.Length, at + random.Next(1, 12))..];
                    break;
                default: // swap two tokens
                {
                    var tokens = text.Split(' ');
                    if (tokens.Length > 2)
                    {
                        int a = random.Next(tokens.Length), b = random.Next(tokens.Length);
                        (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
                        text = string.Join(' ', tokens);
                    }

                    break;
                }
            }
        }

        return text;
    }
}
