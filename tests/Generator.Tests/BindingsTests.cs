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
}
