using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>The pipeline's steps stay cached across edits that do not touch the WIT inputs.</summary>
public class IncrementalTests
{
    private static readonly string[] Steps = { TrackingNames.InputFiles, TrackingNames.Units, TrackingNames.Specs, TrackingNames.AllSpecs, TrackingNames.Outputs, TrackingNames.Diagnostics };

    [Fact]
    public void Unrelated_csharp_edit_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(GeneratorCorpus.Load("records").Concat(GeneratorCorpus.Load("variants"))).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Unrelated_csharp_edit_with_the_runtime_referenced_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(withRuntime: true, "class A { }");
        var sources = GeneratorCorpus.Load("bindings-values").Concat(GeneratorCorpus.Load("bindings-resources"));
        var driver = GeneratorHarness.Driver(sources).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Contains(first.GeneratedSources, s => s.HintName == "Test.Values.Values.ValuesWorld.g.cs");
        Assert.Contains(first.GeneratedSources, s => s.HintName == "Test.Res.Resources.ResourcesWorld.g.cs");

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult().Results.Single();

        foreach (var step in Steps.Append(TrackingNames.Runtime))
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        Assert.Equal(first.GeneratedSources.Select(s => s.HintName), second.GeneratedSources.Select(s => s.HintName));
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void Adding_the_runtime_reference_regenerates_with_bindings()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(GeneratorCorpus.Load("bindings-values")).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();
        Assert.DoesNotContain(before.GeneratedSources, s => s.HintName.EndsWith("ValuesWorld.g.cs", StringComparison.Ordinal));

        var withRuntime = GeneratorHarness.Compilation(withRuntime: true, "class A { }");
        driver = driver.RunGenerators(compilation.AddReferences(withRuntime.References.Except(compilation.References)));
        var after = driver.GetRunResult().Results.Single();
        Assert.Contains(after.GeneratedSources, s => s.HintName.EndsWith("ValuesWorld.g.cs", StringComparison.Ordinal));
        Assert.Contains(IncrementalStepRunReason.Modified, after.TrackedSteps[TrackingNames.Runtime].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Contains(IncrementalStepRunReason.Modified, after.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Select(o => o.Reason));
    }

    [Fact]
    public void Editing_the_wit_regenerates_only_that_unit()
    {
        var records = GeneratorCorpus.Load("records").Single();
        var variants = GeneratorCorpus.Load("variants").Single();
        var recordsText = new InMemoryAdditionalText(records.Path, records.Text);
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(new[] { recordsText, new InMemoryAdditionalText(variants.Path, variants.Text) }, new TestOptionsProvider(new Dictionary<string, IReadOnlyDictionary<string, string>>()))
            .RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Shapes")).SourceText.ToString();

        var edited = new InMemoryAdditionalText(records.Path, records.Text.Replace("record point {", "record point {\n        z: f32,"));
        driver = driver.ReplaceAdditionalText(recordsText, edited).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        var regenerated = after.GeneratedSources.Single(s => s.HintName.Contains("Shapes")).SourceText.ToString();
        Assert.NotEqual(before, regenerated);
        Assert.Contains("float Z", regenerated);

        var specReasons = after.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, specReasons);
        Assert.Contains(specReasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_the_world_metadata_regenerates()
    {
        const string text = "package a:b;\n\nworld one {\n    record r {\n        x: u8,\n    }\n}\nworld two {\n    record s {\n        y: u8,\n    }\n}\n";
        var file = new InMemoryAdditionalText("/w.wit", text);
        TestOptionsProvider Options(string world) => new(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["/w.wit"] = new Dictionary<string, string> { ["WitWorld"] = world } });
        var compilation = GeneratorHarness.Compilation("class A { }");

        var driver = GeneratorHarness.Driver(new[] { file }, Options("one")).RunGenerators(compilation);
        Assert.Equal("A.B.One.g.cs", Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources).HintName);

        driver = driver.WithUpdatedAnalyzerConfigOptions(Options("two")).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();
        Assert.Equal("A.B.Two.g.cs", Assert.Single(after.GeneratedSources).HintName);
        Assert.Contains(IncrementalStepRunReason.Modified, after.TrackedSteps[TrackingNames.InputFiles].SelectMany(s => s.Outputs).Select(o => o.Reason));
    }
}
