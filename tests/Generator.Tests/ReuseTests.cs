using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// One C# type per WIT type: interfaces whose bindings a referenced assembly holds are referred to, not generated
/// again (unless the <c>With</c> metadata says otherwise); two worlds of one compilation share an interface's types,
/// and an exported interface's class implements the interface the import side gets.
/// </summary>
public class ReuseTests
{
    private const string Shared = """
        package test:shared@1.0.0;

        interface store {
          record entry { key: string, size: u32 }
          enum kind { small, large }
          resource blob {
            constructor(size: u32);
            size: func() -> u32;
          }
          describe: func(e: entry) -> kind;
        }

        world host {
          import store;
        }
        """;

    private const string App = """
        package test:app;

        world app {
          import test:shared/store@1.0.0;
          use test:shared/store@1.0.0.{blob, entry, kind};
          export keep: func(b: borrow<blob>, e: entry) -> kind;
          import notify: func(b: own<blob>);
        }
        """;

    private static IEnumerable<WitSource> AppSources(Dictionary<string, string>? metadata = null)
    {
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { ["WitRoot"] = "/app" };
        return new[]
        {
            new WitSource("/app/main.wit", App, meta),
            new WitSource("/app/deps/shared.wit", Shared, meta),
        };
    }

    /// <summary>
    /// The assembly a project with the shared interface's bindings builds (world <c>host</c> imports it), in the
    /// namespace the package derives (<c>Test.Shared.Store</c>) or in <paramref name="ns"/>.
    /// </summary>
    private static MetadataReference ProviderAssembly(string? ns = null)
    {
        var metadata = ns is null ? null : new Dictionary<string, string> { ["WitNamespace"] = ns };
        var result = GeneratorHarness.Run(new[] { new WitSource("/shared.wit", Shared, metadata) }, withRuntime: true);
        Assert.Contains(result.GeneratedSources, s => s.HintName == (ns ?? "Test.Shared") + ".Store.WitInterface.g.cs");
        var compilation = GeneratorHarness.Compilation(withRuntime: true, result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray())
            .WithAssemblyName("Provider");
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(10)));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static (GeneratorRunResult Result, CSharpCompilation Compilation) RunApp(MetadataReference? provider, Dictionary<string, string>? metadata = null)
    {
        var compilation = GeneratorHarness.Compilation(withRuntime: true, "class Placeholder { }");
        if (provider is not null)
        {
            compilation = compilation.AddReferences(provider);
        }

        var driver = GeneratorHarness.Driver(AppSources(metadata)).RunGenerators(compilation);
        return (driver.GetRunResult().Results.Single(), compilation);
    }

    private static List<Diagnostic> Problems(GeneratorRunResult result, CSharpCompilation compilation, params string[] extra) =>
        compilation.AddSyntaxTrees(result.GeneratedSources.Select(s => s.SourceText.ToString()).Concat(extra)
                .Select(text => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions)))
            .GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();

    private static string World(GeneratorRunResult result) =>
        result.GeneratedSources.Single(s => s.HintName == "Test.App.App.AppWorld.g.cs").SourceText.ToString();

    [Fact]
    public void An_interface_a_referenced_assembly_provides_is_referred_to_not_generated()
    {
        var (result, compilation) = RunApp(ProviderAssembly());
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        // Nothing of test:shared/store is generated here: no types, no host interface, no resource class, no attribute.
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Test.Shared.Store.", StringComparison.Ordinal));
        var world = World(result);
        Assert.Contains("global::Test.Shared.Store.Entry e", world);
        Assert.Contains("_C::ProvidedResources.FindResourceTable<global::Test.Shared.Store.Blob>(providers, \"test:shared/store@1.0.0\", \"blob\"", world);

        // The world's Imports asks only for its own function import; the provider implements the interface.
        Assert.Contains("public Imports(global::Test.App.App.IAppImports world)", world);

        // It compiles against the provider's types with warnings as errors (no CS0436), and application code passes
        // the provider's classes to the world.
        const string use = """
            #pragma warning disable CS1591
            public sealed class MyBlob : global::Test.Shared.Store.Blob
            {
                public override uint Size() => 3;
            }

            public static class Use
            {
                public static global::Test.Shared.Store.Kind Keep(global::Test.App.App.AppWorld world) =>
                    world.Keep(new MyBlob(), new global::Test.Shared.Store.Entry("k", 1));
            }
            """;
        var problems = Problems(result, compilation, use);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Without_the_reference_the_interface_is_generated_here()
    {
        var (result, compilation) = RunApp(null);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.Shared.Store.g.cs");
        Assert.DoesNotContain("FindResourceTable", World(result));
        var problems = Problems(result, compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Bindings_a_reference_holds_in_another_namespace_are_not_reused_unless_With_names_it()
    {
        // The provider gave the package its own namespace: a copy here does not clash, so it is generated here.
        var provider = ProviderAssembly("Provider.Shared");
        var (own, compilation) = RunApp(provider);
        Assert.Contains(own.GeneratedSources, s => s.HintName == "Test.Shared.Store.g.cs");
        Assert.Contains("global::Test.Shared.Store.Entry e", World(own));
        var problems = Problems(own, compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        // With names the provider's namespace: its bindings are reused, with its names.
        var (reused, _) = RunApp(provider, new Dictionary<string, string> { ["WitWith"] = "test:shared/store=Provider.Shared.Store" });
        Assert.DoesNotContain(reused.GeneratedSources, s => s.HintName.StartsWith("Test.Shared.Store", StringComparison.Ordinal));
        Assert.Contains("_C::ProvidedResources.FindResourceTable<global::Provider.Shared.Store.Blob>(providers", World(reused));
        problems = Problems(reused, compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void With_generate_generates_a_provided_interface_here()
    {
        var (result, _) = RunApp(ProviderAssembly(), new Dictionary<string, string> { ["WitWith"] = "test:shared/store=generate" });
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.Shared.Store.g.cs");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.Shared.Store.IStore.g.cs");
    }

    [Fact]
    public void With_a_namespace_refers_to_the_types_there()
    {
        var (result, compilation) = RunApp(null, new Dictionary<string, string> { ["WitWith"] = "test:shared/*=My.Shared" });
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Test.Shared.Store", StringComparison.Ordinal));
        var world = World(result);
        Assert.Contains("global::My.Shared.Entry e", world);

        // The types are the application's, named as the generator names them.
        const string mine = """
            #pragma warning disable CS1591
            namespace My.Shared
            {
                public readonly record struct Entry(string Key, uint Size);
                public enum Kind : byte { Small, Large }
                public abstract class Blob : global::System.IDisposable
                {
                    public abstract uint Size();
                    public void Dispose() { }
                }
            }
            """;
        var problems = Problems(result, compilation, mine);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData("test:shared/store", "has no '='")]
    [InlineData("store=generate", "does not name an interface")]
    [InlineData("test:shared/store=1bad.namespace", "neither 'generate' nor a C# namespace")]
    [InlineData("test:shared/store=generate;test:shared/store=My.Ns", "names 'test:shared/store' again")]
    public void A_malformed_With_entry_is_WIT0011_at_the_project(string with, string message)
    {
        var (result, _) = RunApp(null, new Dictionary<string, string> { ["WitWith"] = with, ["WitProject"] = "/src/App.csproj" });
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "WIT0011");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal("/src/App.csproj", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_csharp_edit_leaves_the_provided_interfaces_and_every_WIT_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(withRuntime: true, "class A { }").AddReferences(ProviderAssembly());
        var driver = GeneratorHarness.Driver(AppSources()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.DoesNotContain(first.GeneratedSources, s => s.HintName.StartsWith("Test.Shared.Store.", StringComparison.Ordinal));

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }", GeneratorHarness.ParseOptions)));
        var second = driver.GetRunResult().Results.Single();
        foreach (var step in new[] { TrackingNames.Provided, TrackingNames.Specs, TrackingNames.Outputs })
        {
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    private const string Calc = """
        package test:calc;

        interface calc {
          record pair { a: u32, b: u32 }
          sum: func(p: pair) -> u32;
        }
        """;

    [Fact]
    public void Two_worlds_exporting_and_importing_one_interface_share_its_types_and_host_interface()
    {
        var sources = new[]
        {
            new WitSource("/exporter.wit", Calc + "\nworld exporter { export calc; }\n"),
            new WitSource("/importer.wit", Calc + "\nworld importer { import calc; use calc.{pair}; export run: func(p: pair) -> u32; }\n"),
        };
        var result = GeneratorHarness.Run(sources, withRuntime: true);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Single(result.GeneratedSources, s => s.HintName == "Test.Calc.Calc.g.cs");
        Assert.Single(result.GeneratedSources, s => s.HintName == "Test.Calc.Calc.ICalc.g.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("_2", StringComparison.Ordinal));

        // The exporter's instance serves as the importer's import: one Pair type flows from one world to the other.
        const string link = """
            #pragma warning disable CS1591
            public static class Link
            {
                public static uint Run(global::Test.Calc.Exporter.ExporterWorld exporter, global::WitBindgen.Runtime.LoadedComponent importer)
                {
                    using var world = global::Test.Calc.Importer.ImporterWorld.Instantiate(importer, new global::Test.Calc.Importer.ImporterWorld.Imports(exporter.Calc));
                    global::Test.Calc.Calc.ICalc calc = exporter.Calc;
                    return world.Run(new global::Test.Calc.Calc.Pair(1, 2)) + calc.Sum(new global::Test.Calc.Calc.Pair(3, 4));
                }
            }
            """;
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true, link);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
