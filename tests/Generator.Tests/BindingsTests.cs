using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>Host bindings are generated exactly when the compilation references WitBindgen.Runtime.</summary>
public class BindingsTests
{
    [Fact]
    public void Bindings_are_generated_only_with_the_runtime_referenced()
    {
        var sources = GeneratorCorpus.Load("bindings-values");
        var typesOnly = GeneratorHarness.Run(sources);
        var withRuntime = GeneratorHarness.Run(sources, withRuntime: true);
        Assert.Empty(typesOnly.Diagnostics);
        Assert.Empty(withRuntime.Diagnostics);

        var typesHints = typesOnly.GeneratedSources.Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        var runtimeHints = withRuntime.GeneratedSources.Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(typesOnly.GeneratedSources, s => s.SourceText.ToString().Contains("WitBindgen.Runtime", StringComparison.Ordinal));
        Assert.Contains("Test.Values.Values.ValuesWorld.g.cs", runtimeHints);
        Assert.DoesNotContain("Test.Values.Values.ValuesWorld.g.cs", typesHints);
        Assert.Contains(withRuntime.GeneratedSources, s => s.SourceText.ToString().Contains("class ValuesWorldAbi", StringComparison.Ordinal));

        // Types are the same either way: bindings only add files.
        Assert.Subset(runtimeHints, typesHints);
        foreach (var source in typesOnly.GeneratedSources)
        {
            Assert.Equal(source.SourceText.ToString(), withRuntime.GeneratedSources.Single(s => s.HintName == source.HintName).SourceText.ToString());
        }

        // The types-only output compiles without the runtime; the bindings need it.
        Assert.Empty(GeneratorHarness.CompileProblems(typesOnly, withRuntime: false));
        Assert.Contains(GeneratorHarness.CompileProblems(withRuntime, withRuntime: false), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(withRuntime, withRuntime: true));
    }

    /// <summary>Bindings cases for xunit.</summary>
    public static IEnumerable<object[]> BindingsCases => GeneratorCorpus.BindingsCases;

    [Theory]
    [MemberData(nameof(BindingsCases))]
    public void Generated_bindings_are_indented_by_block_depth(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime: true);
        var problems = new List<string>();
        foreach (var source in result.GeneratedSources)
        {
            // The brace depth, and per open block whether a switch label was seen (its statements are indented once more).
            var labelled = new Stack<bool>();
            labelled.Push(false);
            var lines = source.SourceText.ToString().Split('\n');
            var continues = false;
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                var trimmed = line.TrimStart(' ');
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (trimmed.StartsWith('}'))
                {
                    labelled.Pop();
                }

                var depth = labelled.Count - 1;
                var isLabel = trimmed.StartsWith("case ", StringComparison.Ordinal) || trimmed == "default:";
                var expected = (depth + (labelled.Peek() && !isLabel ? 1 : 0)) * 4;
                var indent = line.Length - trimmed.Length;
                var continuation = continues || new[] { "? ", ": ", "&& ", "|| ", "." }.Any(start => trimmed.StartsWith(start, StringComparison.Ordinal));
                if (continuation ? indent <= expected : indent != expected)
                {
                    problems.Add($"{source.HintName}({n + 1}): expected {expected} spaces: {line}");
                }

                if (isLabel && trimmed.EndsWith(':'))
                {
                    labelled.Pop();
                    labelled.Push(true);
                }

                if (trimmed.EndsWith('{'))
                {
                    labelled.Push(false);
                }

                // An expression broken after an operator or an open parenthesis continues on the next line, indented further.
                continues = new[] { "=>", "&&", "||", "(", " =", " ?", " :" }.Any(end => trimmed.EndsWith(end, StringComparison.Ordinal));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    /// <summary>Every case, types-only and bindings, for xunit.</summary>
    public static IEnumerable<object[]> AllCases => GeneratorCorpus.AllCases;

    [Theory]
    [MemberData(nameof(AllCases))]
    public void No_generated_file_is_an_empty_namespace(string name)
    {
        foreach (var withRuntime in new[] { false, true })
        {
            var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime);
            // The interfaces' assembly attributes (*.WitInterface.g.cs) declare no namespace.
            foreach (var source in result.GeneratedSources.Where(s => !s.HintName.EndsWith(".WitInterface.g.cs", StringComparison.Ordinal)))
            {
                var text = source.SourceText.ToString();
                var body = text[(text.IndexOf("\n{\n", StringComparison.Ordinal) + 3)..text.LastIndexOf('}')];
                Assert.False(string.IsNullOrWhiteSpace(body), $"{source.HintName} (runtime: {withRuntime}) declares nothing:\n{text}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(BindingsCases))]
    public void Plain_comments_are_not_xml_escaped(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime: true);
        var escaped = result.GeneratedSources
            .SelectMany(s => s.SourceText.ToString().Split('\n').Select(line => (s.HintName, Line: line.TrimStart())))
            .Where(l => l.Line.StartsWith("// ", StringComparison.Ordinal) && (l.Line.Contains("&lt;", StringComparison.Ordinal) || l.Line.Contains("&gt;", StringComparison.Ordinal)))
            .ToList();
        Assert.True(escaped.Count == 0, string.Join("\n", escaped.Take(5)));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("        // ", StringComparison.Ordinal));
    }
}
