using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Specs;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// An edit to a <c>.wit</c> file renders again only the generated sources whose spec it changed: each source is its
/// own pipeline item, and the tracked steps of <c>RegisterSourceOutput</c> show which ran (New) and which were
/// reused (Cached).
/// </summary>
public class PerOutputIncrementalTests
{
    /// <summary>The step name Roslyn tracks <c>RegisterSourceOutput</c> under.</summary>
    private const string SourceOutput = "SourceOutput";

    private const string AppPath = "/incr/app.wit";

    private const string App = """
        package test:incr;

        /// Geometry the host provides.
        interface alpha {
            /// A point.
            record point {
                x: u32,
                y: u32,
            }

            /// Adds two numbers.
            add: func(a: u32, b: u32) -> u32;
        }

        interface beta {
            enum color {
                red,
                green,
            }

            paint: func(c: color) -> u32;
        }

        interface gamma {
            greet: func(name: string) -> string;
        }

        world app {
            import alpha;
            import beta;
            export gamma;
        }
        """;

    private const string AlphaTypes = "Test.Incr.Alpha.g.cs";
    private const string BetaTypes = "Test.Incr.Beta.g.cs";
    private const string AlphaHost = "Test.Incr.Alpha.IAlpha.g.cs";
    private const string BetaHost = "Test.Incr.Beta.IBeta.g.cs";
    private const string World = "Test.Incr.App.AppWorld.g.cs";

    // The exported interface's class implements the interface its import side gets; every interface names its types
    // for other assemblies in an assembly attribute.
    private const string GammaHost = "Test.Incr.Gamma.IGamma.g.cs";
    private static readonly string[] Attributes = { "Test.Incr.Alpha.WitInterface.g.cs", "Test.Incr.Beta.WitInterface.g.cs", "Test.Incr.Gamma.WitInterface.g.cs" };

    [Fact]
    public void The_first_run_renders_every_source_once()
    {
        var (_, first) = Start(withRuntime: true, (AppPath, App));
        var (rendered, reused) = Outputs(first);
        Assert.Empty(reused);
        Assert.Equal(first.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal), rendered);
        Assert.Equal(new[] { AlphaHost, AlphaTypes, World, BetaHost, BetaTypes, GammaHost }.Concat(Attributes).OrderBy(n => n, StringComparer.Ordinal), rendered);
    }

    [Fact]
    public void Editing_one_interfaces_function_renders_only_that_interface_and_the_world()
    {
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "add: func(a: u32, b: u32) -> u32;", "add: func(a: u32, b: u32, c: u32) -> u32;");

        var (rendered, reused) = Outputs(second);
        Assert.Equal(new[] { AlphaHost, World }.OrderBy(n => n, StringComparer.Ordinal), rendered);
        Assert.Equal(new[] { AlphaTypes, BetaHost, BetaTypes, GammaHost }.Concat(Attributes).OrderBy(n => n, StringComparer.Ordinal), reused);
        Assert.Contains("uint Add(uint a, uint b, uint c);", Text(second, AlphaHost));
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void Editing_a_functions_doc_comment_renders_its_interface_and_the_world()
    {
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "/// Adds two numbers.", "/// Adds two unsigned numbers.");

        var (rendered, reused) = Outputs(second);
        Assert.Equal(new[] { AlphaHost, World }.OrderBy(n => n, StringComparer.Ordinal), rendered);
        Assert.Contains("Adds two unsigned numbers.", Text(second, AlphaHost));
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void Editing_a_record_no_function_passes_renders_only_its_types_file()
    {
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "/// A point.", "/// A point on the grid.");

        var (rendered, reused) = Outputs(second);
        Assert.Equal(new[] { AlphaTypes }, rendered);
        Assert.Equal(8, reused.Count);
        Assert.Contains("A point on the grid.", Text(second, AlphaTypes));
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void A_comment_and_whitespace_edit_renders_nothing()
    {
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "package test:incr;\n", "// Above the package: package documentation generates nothing.\npackage test:incr;\n\n\n");

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.InputFiles));
        Assert.All(Reasons(second, TrackingNames.Specs), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        var (rendered, reused) = Outputs(second);
        Assert.Empty(rendered);
        Assert.Equal(9, reused.Count);
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void Text_moved_by_an_edit_above_moves_the_diagnostic_but_renders_no_source()
    {
        var text = App.Replace("paint: func(c: color) -> u32;", "paint: func(c: color) -> u32;\n    later: func(e: future);");
        var (session, first) = Start(withRuntime: true, (AppPath, text));
        var before = Assert.Single(first.Diagnostics);
        Assert.Equal("WIT0004", before.Id);

        var second = Edit(session, AppPath, text, "package test:incr;\n", "package test:incr;\n\n\n");

        var after = Assert.Single(second.Diagnostics);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 2, after.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Diagnostics));
        var (rendered, reused) = Outputs(second);
        Assert.Empty(rendered);
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void A_plain_comment_right_above_an_item_is_its_documentation_and_renders_it()
    {
        // The WIT front end, like the reference parser, takes every comment before an item as its documentation.
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "/// Geometry the host provides.", "// A plain comment.\n/// Geometry the host provides.");

        var (rendered, reused) = Outputs(second);
        Assert.Equal(new[] { AlphaHost, World }.OrderBy(n => n, StringComparer.Ordinal), rendered);
        Assert.Contains("A plain comment.", Text(second, AlphaHost));
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void Editing_another_wit_item_renders_nothing_of_the_first()
    {
        var records = GeneratorCorpus.Load("records").Single();
        var variants = GeneratorCorpus.Load("variants").Single();
        var (session, first) = Start(withRuntime: false, (records.Path, records.Text), (variants.Path, variants.Text));
        var recordsSources = first.GeneratedSources.Where(s => s.HintName.StartsWith("Test.Records.", StringComparison.Ordinal)).Select(s => s.HintName).ToList();
        var variantsSources = first.GeneratedSources.Where(s => s.HintName.StartsWith("Test.Variants.", StringComparison.Ordinal)).Select(s => s.HintName).ToList();
        Assert.NotEmpty(recordsSources);
        Assert.NotEmpty(variantsSources);

        var second = Edit(session, variants.Path, variants.Text, "/// Timed out.", "/// Timed out (edited).");

        var (rendered, reused) = Outputs(second);
        Assert.NotEmpty(rendered);
        Assert.All(rendered, name => Assert.Contains(name, variantsSources));
        Assert.All(recordsSources, name => Assert.Contains(name, reused));
        var specs = Reasons(second, TrackingNames.Specs);
        Assert.Equal(2, specs.Count);
        Assert.Contains(IncrementalStepRunReason.Modified, specs);
        Assert.Contains(specs, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void Adding_an_interface_to_the_world_renders_the_new_sources_and_the_world()
    {
        var (session, first) = Start(withRuntime: true, (AppPath, App));
        var second = Edit(session, AppPath, App, "    export gamma;", "    export gamma;\n    import delta;\n}\n\ninterface delta {\n    ping: func();");

        var (rendered, reused) = Outputs(second);
        Assert.Contains(World, rendered);
        Assert.Contains("Test.Incr.Delta.IDelta.g.cs", rendered);
        Assert.DoesNotContain(AlphaHost, rendered);
        Assert.DoesNotContain(AlphaTypes, rendered);
        AssertReusedTextsUnchanged(first, second, reused);
    }

    [Fact]
    public void An_interface_two_worlds_import_is_one_output()
    {
        const string text = "package a:b;\n\ninterface host {\n    log: func(s: string);\n}\n\nworld one {\n    import host;\n    export run: func();\n}\n\nworld two {\n    import host;\n    export go: func();\n}\n";
        var meta = new Dictionary<string, string> { ["WitWorld"] = "one;two" };
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, meta) }, withRuntime: true);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources, s => s.HintName.Contains("IHost", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.EndsWith("_2.g.cs", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(result, withRuntime: true));
    }

    /// <summary>A driver over the files (no metadata: each is its own load), run once.</summary>
    private static (Session Session, GeneratorRunResult Result) Start(bool withRuntime, params (string Path, string Text)[] files)
    {
        var session = new Session(withRuntime, files);
        return (session, session.Run());
    }

    /// <summary>Replaces one AdditionalText by an edited copy and runs the driver again.</summary>
    private static GeneratorRunResult Edit(Session session, string path, string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        session.Replace(path, text.Replace(from, to, StringComparison.Ordinal));
        return session.Run();
    }

    /// <summary>A driver with its compilation and AdditionalTexts, re-run after edits.</summary>
    private sealed class Session
    {
        private readonly Compilation _compilation;
        private readonly Dictionary<string, AdditionalText> _texts;
        private GeneratorDriver _driver;

        public Session(bool withRuntime, (string Path, string Text)[] files)
        {
            _compilation = GeneratorHarness.Compilation(withRuntime, "class Placeholder { }");
            _texts = files.ToDictionary(f => f.Path, f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text));
            _driver = GeneratorHarness.Driver(_texts.Values, new TestOptionsProvider(new Dictionary<string, IReadOnlyDictionary<string, string>>()));
        }

        public void Replace(string path, string text)
        {
            var edited = new InMemoryAdditionalText(path, text);
            _driver = _driver.ReplaceAdditionalText(_texts[path], edited);
            _texts[path] = edited;
        }

        public GeneratorRunResult Run()
        {
            _driver = _driver.RunGenerators(_compilation);
            var result = _driver.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result;
        }
    }

    /// <summary>The hint names whose source ran in this run (rendered) and those Roslyn reused (cached), sorted.</summary>
    private static (List<string> Rendered, List<string> Reused) Outputs(GeneratorRunResult result)
    {
        var rendered = new List<string>();
        var reused = new List<string>();
        foreach (var step in result.TrackedOutputSteps[SourceOutput])
        {
            var (source, index) = Assert.Single(step.Inputs);
            if (source.Name != TrackingNames.Outputs)
            {
                continue;
            }

            var output = (OutputSpec)source.Outputs[index].Value;
            var reason = Assert.Single(step.Outputs).Reason;
            (reason == IncrementalStepRunReason.Cached ? reused : rendered).Add(output.HintName);
        }

        rendered.Sort(StringComparer.Ordinal);
        reused.Sort(StringComparer.Ordinal);
        return (rendered, reused);
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static string Text(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>A reused source is the one the first run generated, text for text.</summary>
    private static void AssertReusedTextsUnchanged(GeneratorRunResult first, GeneratorRunResult second, IEnumerable<string> reused)
    {
        foreach (var name in reused)
        {
            Assert.Equal(Text(first, name), Text(second, name));
        }
    }
}
