using Xunit;

namespace WitBindgen.Composition.Tests;

public class LinkerSeamTests
{
    /// <summary>A linker that records each call and returns a named token as the instance.</summary>
    private sealed class RecordingLinker : ICompositionLinker<string>
    {
        public List<string> Calls { get; } = new();

        public string Instantiate(PlannedInstance instance, IReadOnlyList<LinkArgument<string>> arguments)
        {
            var args = string.Join(", ", arguments.Select(a => $"{a.Binding.ImportName}={a.Source}.{a.Binding.SourceExport ?? "*"}"));
            var passed = string.Join(", ", instance.PassThroughImports.Select(p => p.Name));
            Calls.Add($"{instance.Name}({Path.GetFileName(instance.Package.ComponentPath)}; {args}; host: {passed})");
            return "#" + instance.Name;
        }
    }

    [Fact]
    public void Instances_are_created_in_plan_order_with_earlier_instances_as_sources()
    {
        using var folder = PackageFolder.Demo();
        var plan = folder.Resolve("""
            package demo:chain;
            let g = new test:greeter {};
            let m = new test:middle { greeter: g };
            let app = new test:app { greeter: m.greeter, log: g.hello, ... };
            export app.run;
            export g.hello as hi;
            """).Plan!;

        var linker = new RecordingLinker();
        var composed = plan.Instantiate(linker);

        Assert.Equal(
            [
                "g(greeter.wasm; ; host: )",
                "m(middle.wasm; test:demo/greeter@0.1.0=#g.*; host: )",
                "app(app.wasm; test:demo/greeter@0.1.0=#m.test:demo/greeter@0.1.0, log=#g.hello; host: wasi:cli/stdout@0.2.0)",
            ],
            linker.Calls);
        Assert.Equal(["#g", "#m", "#app"], composed.Instances);
        Assert.Equal("#m", composed["m"]);
        Assert.Throws<KeyNotFoundException>(() => composed["nope"]);
        Assert.Same(plan, composed.Plan);
        Assert.Equal(
            [("wasi:cli/run@0.2.0", "#app"), ("hi", "#g")],
            composed.Exports.Select(e => (e.Export.Name, e.Source)));
    }

    private sealed class NullLinker : ICompositionLinker<string>
    {
        public string Instantiate(PlannedInstance instance, IReadOnlyList<LinkArgument<string>> arguments) => null!;
    }

    [Fact]
    public void A_linker_that_returns_nothing_is_refused()
    {
        using var folder = PackageFolder.Demo();
        var plan = folder.Resolve("package demo:app;\nlet g = new test:greeter {};").Plan!;
        var e = Assert.Throws<InvalidOperationException>(() => plan.Instantiate(new NullLinker()));
        Assert.Equal("the linker returned no instance for `g`", e.Message);
    }
}
