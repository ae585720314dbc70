using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// The README's Quick start, followed as written: its project items, its WIT and its C# are read from README.md at
/// test time, go through the generator as the package's targets pass them, and compile as a new console
/// application referencing what its <c>PackageReference</c>s bring; the front end's example compiles against
/// <c>WitBindgen.WitParser</c>.
/// </summary>
public class ReadmeTests
{
    /// <summary>The packages the Quick start may reference, with the assemblies that stand in for them here.</summary>
    private static readonly Dictionary<string, string[]> Packages = new()
    {
        // The generator runs through the driver; the runtime and Wasmtime are referenced by every console application.
        ["WitBindgen"] = [],
        ["WitBindgen.Wasi"] = [Path.Combine(AppContext.BaseDirectory, "QuickStart", "WitBindgen.Wasi.dll")],
    };

    private static IReadOnlyList<CodeBlock> QuickStart => ReadmeSection.CodeBlocks(TestPaths.Readme, "Quick start");

    [Fact]
    public void The_quick_start_builds_as_written()
    {
        var blocks = QuickStart;
        var items = ProjectItems(blocks);
        var wit = Assert.Single(blocks, b => b.Language == "wit").Text;
        var program = Assert.Single(blocks, b => b.Language == "csharp").Text;

        // The Wit item becomes an AdditionalFile with the Wit-prefixed metadata, as WitBindgen.targets makes it.
        var witItem = Assert.Single(items.Elements("Wit"));
        var include = (string?)witItem.Attribute("Include");
        Assert.False(string.IsNullOrEmpty(include) || include.EndsWith('/'), "the Quick start's Wit item names one file");
        var metadata = new Dictionary<string, string>();
        foreach (var name in new[] { "World", "Namespace", "Features", "Mode" })
        {
            if (witItem.Attribute(name) is { } attribute)
            {
                metadata["Wit" + name] = attribute.Value;
            }
        }

        var packages = items.Elements("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList();
        Assert.Contains("WitBindgen", packages);
        Assert.All(packages, p => Assert.True(Packages.ContainsKey(p), $"the Quick start references {p}, which this test does not stand in for"));
        var references = packages.SelectMany(p => Packages[p]).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();

        var compilation = GeneratorHarness.ConsoleApplication(references, program);
        var driver = GeneratorHarness.Driver([new WitSource("/app/" + include, wit, metadata)])
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        using var assembly = new MemoryStream();
        var emitted = output.Emit(assembly);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }

    [Fact]
    public void The_quick_start_packs_one_version_and_references_it_from_a_local_folder()
    {
        var blocks = QuickStart;
        var pack = Regex.Match(Assert.Single(blocks, b => b.Language == "sh").Text, @"dotnet pack .*-p:Version=(\S+)");
        Assert.True(pack.Success, "the Quick start packs with -p:Version");
        var version = pack.Groups[1].Value;
        var references = ProjectItems(blocks).Elements("PackageReference").ToList();
        Assert.NotEmpty(references);
        Assert.All(references, p => Assert.Equal(version, (string?)p.Attribute("Version")));

        // nuget.config adds local folders only (never a remote source).
        var config = Assert.Single(blocks, b => b.Language == "xml" && XDocument.Parse(b.Text).Root!.Name == "configuration");
        var sources = XDocument.Parse(config.Text).Root!.Element("packageSources")!.Elements("add").ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.DoesNotMatch("^[a-zA-Z][a-zA-Z0-9+.-]*://", (string)s.Attribute("value")!));
    }

    [Fact]
    public void The_front_end_example_compiles_as_written()
    {
        var program = Assert.Single(ReadmeSection.CodeBlocks(TestPaths.Readme, "Using the front end"), b => b.Language == "csharp").Text;

        // The WitBindgen.WitParser package's assembly: the generator loads it from this folder too.
        var parser = MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "WitBindgen.WitParser.dll"));
        var problems = GeneratorHarness.ConsoleApplication([parser], program).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The <c>ItemGroup</c> the Quick start adds to the project file.</summary>
    private static XElement ProjectItems(IReadOnlyList<CodeBlock> blocks) =>
        Assert.Single(blocks.Where(b => b.Language == "xml").Select(b => XDocument.Parse(b.Text).Root!), root => root.Name == "ItemGroup");
}
