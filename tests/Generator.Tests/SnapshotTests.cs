using WitBindgen.Generator.Tests.Infrastructure;
using WitBindgen.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>The generated C# for every corpus case, compared with committed snapshots.</summary>
public class SnapshotTests
{
    /// <summary>Cases for xunit.</summary>
    public static IEnumerable<object[]> Cases => GeneratorCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_snapshot(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name));
        Assert.Null(result.Exception);
        Snapshot.Verify(GeneratorHarness.Render(result), name, "cs");
    }

    /// <summary>Bindings cases for xunit.</summary>
    public static IEnumerable<object[]> BindingsCases => GeneratorCorpus.BindingsCases;

    [Theory]
    [MemberData(nameof(BindingsCases))]
    public void Generated_bindings_match_snapshot(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime: true);
        Assert.Null(result.Exception);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("WorldAbi", StringComparison.Ordinal));
        Snapshot.Verify(GeneratorHarness.Render(result), name, "cs");
    }
}
