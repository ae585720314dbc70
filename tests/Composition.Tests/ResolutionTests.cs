using Xunit;

namespace WitBindgen.Composition.Tests;

public sealed class ResolutionTests : IDisposable
{
    private readonly PackageFolder _folder = PackageFolder.Demo();

    public void Dispose() => _folder.Dispose();

    private CompositionPlan Plan(string wac)
    {
        var result = _folder.Resolve(wac);
        Assert.True(result.Success, result.ToString());
        Assert.Empty(result.Diagnostics);
        return result.Plan!;
    }

    [Fact]
    public void A_plan_holds_instances_arguments_pass_through_imports_and_exports()
    {
        var plan = Plan("""
            package demo:app@1.0.0;
            let greeter = new test:greeter {};
            let app = new test:app { greeter: greeter.greeter, log: greeter.hello, ... };
            export app.run;
            export greeter["hello"] as hi;
            """);

        Assert.Equal(("demo:app", "1.0.0"), (plan.PackageName, plan.Version));
        Assert.Equal(["test:greeter", "test:app"], plan.Packages.Select(p => p.Reference));
        Assert.Equal(Path.Combine(_folder.Root, "test", "greeter.wasm"), plan.Packages[0].ComponentPath);

        Assert.Equal(["greeter", "app"], plan.Instances.Select(i => i.Name));
        Assert.Equal([0, 1], plan.Instances.Select(i => i.Index));
        var greeter = plan.Instances[0];
        Assert.Empty(greeter.Arguments);
        Assert.Empty(greeter.PassThroughImports);
        Assert.Equal(new PackageItem("test:demo/greeter@0.1.0", PackageItemKind.Instance), greeter.Package.Exports[0]);

        var app = plan.FindInstance("app")!;
        Assert.Same(plan.Packages[1], app.Package);
        Assert.Equal(("app.wac", 3, 5), (app.Location.Path, app.Location.Line, app.Location.Column));
        Assert.Equal(
            [
                new ArgumentBinding("test:demo/greeter@0.1.0", PackageItemKind.Instance, "greeter", "test:demo/greeter@0.1.0"),
                new ArgumentBinding("log", PackageItemKind.Function, "greeter", "hello"),
            ],
            app.Arguments.ToArray());
        Assert.Equal([new PackageItem("wasi:cli/stdout@0.2.0", PackageItemKind.Instance)], app.PassThroughImports.ToArray());

        var import = Assert.Single(plan.Imports);
        Assert.Equal(("wasi:cli/stdout@0.2.0", PackageItemKind.Instance), (import.Name, import.Kind));
        Assert.Equal(["app"], import.Instances.ToArray());

        Assert.Equal(
            [
                new CompositionExport("wasi:cli/run@0.2.0", PackageItemKind.Instance, "app", "wasi:cli/run@0.2.0"),
                new CompositionExport("hi", PackageItemKind.Function, "greeter", "hello"),
            ],
            plan.Exports.ToArray());

        Assert.Equal(
            """
            package demo:app@1.0.0
            instance greeter = new test:greeter
            instance app = new test:app
              argument test:demo/greeter@0.1.0 <- greeter["test:demo/greeter@0.1.0"]
              argument log <- greeter["hello"]
              pass-through wasi:cli/stdout@0.2.0
            import wasi:cli/stdout@0.2.0 -> app
            export wasi:cli/run@0.2.0 <- app["wasi:cli/run@0.2.0"]
            export hi <- greeter["hello"]

            """.ReplaceLineEndings("\n"),
            plan.ToString());
    }

    [Fact]
    public void Instances_come_in_dependency_order_through_an_interposer()
    {
        var plan = Plan("""
            package demo:chain;
            let g = new test:greeter {};
            let m = new test:middle { greeter: g.greeter };
            let app = new test:app { greeter: m.greeter, log: g.hello, ... };
            export app.hello;
            """);
        Assert.Equal(["g", "m", "app"], plan.Instances.Select(i => i.Name));
        foreach (var instance in plan.Instances)
        {
            Assert.All(instance.Arguments, a => Assert.True(plan.FindInstance(a.SourceInstance)!.Index < instance.Index));
        }

        Assert.Equal("m", plan.Instances[2].Arguments[0].SourceInstance);
        Assert.Equal(["test:greeter", "test:middle", "test:app"], plan.Packages.Select(p => p.Name));
        Assert.Equal(new CompositionExport("hello", PackageItemKind.Function, "app", "hello"), Assert.Single(plan.Exports));
    }

    [Fact]
    public void Inferred_arguments_use_the_export_name_or_the_path_ending()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let greeter = g.greeter;
            let log = g.hello;
            let app = new test:app { greeter, log, ... };
            """);
        Assert.Equal(
            [
                new ArgumentBinding("test:demo/greeter@0.1.0", PackageItemKind.Instance, "g", "test:demo/greeter@0.1.0"),
                new ArgumentBinding("log", PackageItemKind.Function, "g", "hello"),
            ],
            plan.Instances[1].Arguments.ToArray());
    }

    [Fact]
    public void String_argument_names_and_named_access_are_taken_verbatim()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let app = new test:app { "test:demo/greeter@0.1.0": g["test:demo/greeter@0.1.0"], "log": g["hello"], "wasi:cli/stdout@0.2.0": g.greeter };
            """);
        Assert.Equal(["test:demo/greeter@0.1.0", "wasi:cli/stdout@0.2.0", "log"], plan.Instances[1].Arguments.Select(a => a.ImportName));
        Assert.Empty(plan.Imports);
    }

    [Fact]
    public void A_spread_argument_satisfies_imports_named_like_exports()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let app = new test:app { ...g, log: g.hello, ... };
            """);
        Assert.Equal(
            [
                new ArgumentBinding("test:demo/greeter@0.1.0", PackageItemKind.Instance, "g", "test:demo/greeter@0.1.0"),
                new ArgumentBinding("log", PackageItemKind.Function, "g", "hello"),
            ],
            plan.Instances[1].Arguments.ToArray());
    }

    [Fact]
    public void A_whole_instance_can_be_an_argument_and_an_export()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let m = new test:middle { greeter: g };
            export m as "the-middle";
            """);
        Assert.Equal(new ArgumentBinding("test:demo/greeter@0.1.0", PackageItemKind.Instance, "g", null), Assert.Single(plan.Instances[1].Arguments));
        Assert.Equal(new CompositionExport("the-middle", PackageItemKind.Instance, "m", null), Assert.Single(plan.Exports));
    }

    [Fact]
    public void Spread_exports_skip_names_already_exported()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let app = new test:app { greeter: g.greeter, log: g.hello, ... };
            export app.hello;
            export g...;
            """);
        Assert.Equal(
            [
                new CompositionExport("hello", PackageItemKind.Function, "app", "hello"),
                new CompositionExport("test:demo/greeter@0.1.0", PackageItemKind.Instance, "g", "test:demo/greeter@0.1.0"),
            ],
            plan.Exports.ToArray());
    }

    [Fact]
    public void Pass_through_imports_of_the_same_name_are_shared()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let one = new test:app { greeter: g.greeter, ... };
            let two = new test:app { ... };
            """);
        Assert.Equal(["wasi:cli/stdout@0.2.0", "log", "test:demo/greeter@0.1.0"], plan.Imports.Select(i => i.Name));
        Assert.Equal(["one", "two"], plan.Imports[0].Instances.ToArray());
        Assert.Equal(["one", "two"], plan.Imports[1].Instances.ToArray());
        Assert.Equal(["two"], plan.Imports[2].Instances.ToArray());
        Assert.Equal(["test:demo/greeter@0.1.0", "wasi:cli/stdout@0.2.0", "log"], plan.Instances[2].PassThroughImports.Select(i => i.Name));
        Assert.Single(plan.Packages, p => p.Name == "test:app");
    }

    [Fact]
    public void Local_aliases_of_instances_and_nested_parentheses_resolve()
    {
        var plan = Plan("""
            package demo:app;
            let g = new test:greeter {};
            let alias = (g);
            export (alias).hello as "hello-again";
            """);
        Assert.Equal(new CompositionExport("hello-again", PackageItemKind.Function, "g", "hello"), Assert.Single(plan.Exports));
    }
}
