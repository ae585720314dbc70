using Xunit;

namespace WitBindgen.Composition.Tests;

public sealed class ResolutionErrorTests : IDisposable
{
    private const string Header = "package demo:app;\nlet g = new test:greeter {};\n";

    private readonly PackageFolder _folder = PackageFolder.Demo();

    public void Dispose() => _folder.Dispose();

    private string Listing => "`test:app`, `test:conflict`, `test:empty`, `test:greeter`, `test:middle`, `test:types`";

    /// <summary>Resolves, expects exactly one diagnostic, and checks its message and location.</summary>
    private CompositionDiagnostic AssertError(string wac, string message, int line, int column)
    {
        var result = _folder.Resolve(wac);
        Assert.Null(result.Plan);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(("app.wac", line, column), (diagnostic.Location!.Value.Path, diagnostic.Location.Value.Line, diagnostic.Location.Value.Column));
        return diagnostic;
    }

    [Fact]
    public void Unknown_package_lists_the_folder()
    {
        AssertError(
            "package demo:app;\nlet x = new test:nope {};",
            $"unknown package `test:nope`: no `test/nope.wasm` or `test:nope.wasm` in `{_folder.Root}`; the folder holds {Listing}",
            2, 13);
        AssertError(
            "package demo:app;\nlet x = new test:greter {};",
            $"unknown package `test:greter`: no `test/greter.wasm` or `test:greter.wasm` in `{_folder.Root}`; did you mean `test:greeter`? The folder holds {Listing}",
            2, 13);
        AssertError(
            "package demo:app;\nlet x = new test:greeter@1.0.0 {};",
            $"unknown package `test:greeter@1.0.0`: no `test/greeter/1.0.0.wasm` or `test:greeter@1.0.0.wasm` in `{_folder.Root}`; did you mean `test:greeter`? The folder holds {Listing}",
            2, 13);
    }

    [Fact]
    public void Unknown_package_in_an_empty_or_missing_folder()
    {
        using var empty = new PackageFolder();
        var result = empty.Resolve("package demo:app;\nlet x = new a:b {};");
        Assert.Equal($"unknown package `a:b`: no `a/b.wasm` or `a:b.wasm` in `{empty.Root}`; the folder holds no packages", Assert.Single(result.Diagnostics).Message);

        var missing = Path.Combine(empty.Root, "missing");
        result = WacComposition.Resolve("app.wac", "package demo:app;\nlet x = new a:b {};", new PackageDirectory(missing));
        Assert.Equal($"unknown package `a:b`: the package folder `{missing}` does not exist", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_component()
    {
        _folder.Write("test/bad.wasm", [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        var result = _folder.Resolve("package demo:app;\nlet x = new test:bad {};\nlet y = new test:bad {};");
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.StartsWith($"package `test:bad` (`test/bad.wasm` in `{_folder.Root}`) is not a valid component: ", d.Message));
        Assert.Equal([2, 3], result.Diagnostics.Select(d => d.Location!.Value.Line));
    }

    [Fact]
    public void Unknown_export_suggests_or_lists()
    {
        AssertError(Header + "export g.greter;", "instance `g` (`test:greeter`) has no export `greter`; did you mean `greeter`?", 3, 10);
        AssertError(Header + "export g.xyz;", "instance `g` (`test:greeter`) has no export `xyz`; its exports are `greeter`, `hello`, `test:demo/greeter@0.1.0`", 3, 10);
        AssertError(Header + "export g[\"greeter\"];", "instance `g` (`test:greeter`) has no export `greeter`; its exports are `test:demo/greeter@0.1.0`, `hello`", 3, 10);
        AssertError("package demo:app;\nlet e = new test:empty {};\nexport e.run;", "instance `e` (`test:empty`) has no export `run`; it has no exports", 3, 10);
    }

    [Fact]
    public void Argument_naming_an_import_the_package_does_not_have()
    {
        AssertError(Header + "let app = new test:app { lg: g.hello, ... };", "`test:app` has no import `lg`; did you mean `log`?", 3, 26);
        AssertError(Header + "let app = new test:app { \"other\": g.hello, ... };", "`test:app` has no import `other`; its imports are `greeter`, `stdout`, `log`, `test:demo/greeter@0.1.0`, `wasi:cli/stdout@0.2.0`", 3, 26);
        AssertError(Header + "let m = new test:greeter { log: g.hello };", "`test:greeter` has no import `log`; it has no imports", 3, 28);
    }

    [Fact]
    public void Required_imports_left_unsatisfied_without_pass_through()
    {
        AssertError(
            Header + "let app = new test:app { greeter: g.greeter };",
            "`test:app` needs an argument for its imports `wasi:cli/stdout@0.2.0`, `log`; pass them, or end the arguments with `...` to import them into the composition",
            3, 15);
        AssertError(
            "package demo:app;\nlet m = new test:middle {};",
            "`test:middle` needs an argument for its import `test:demo/greeter@0.1.0`; pass it, or end the arguments with `...` to import it into the composition",
            2, 13);
    }

    [Fact]
    public void Instance_used_before_its_definition()
    {
        AssertError(
            "package demo:app;\nlet m = new test:middle { greeter: g.greeter };\nlet g = new test:greeter {};",
            "`g` is used before it is defined (at app.wac:3:5)",
            2, 36);
        AssertError(
            "package demo:app;\nlet m = new test:middle { greeter: m.greeter };",
            "`m` is used before it is defined (at app.wac:2:5)",
            2, 36);
    }

    [Fact]
    public void Undefined_names_suggest_the_defined_ones()
    {
        AssertError(Header + "export h.hello;", "`h` is not defined; did you mean `g`?", 3, 8);
        AssertError(Header + "export something.hello;", "`something` is not defined; the names defined so far are `g`", 3, 8);
    }

    [Fact]
    public void Duplicate_let_names() =>
        AssertError(Header + "let g = new test:empty {};", "`g` is already defined (at app.wac:2:5)", 3, 5);

    [Fact]
    public void Duplicate_exports()
    {
        AssertError(Header + "export g.hello;\nexport g.hello;", "`hello` is already exported (at app.wac:3:8)", 4, 8);
        AssertError(Header + "export g.hello as x;\nexport g.greeter as x;", "`x` is already exported (at app.wac:3:19)", 4, 21);
    }

    [Fact]
    public void Exporting_what_a_composition_cannot_export()
    {
        AssertError(Header + "export g;", "exporting the whole instance `g` needs a name: `export g as name;` (or `export g...;` to export each of its exports)", 3, 8);
        AssertError("package demo:app;\nlet t = new test:types {};\nexport t.r;", "`t.r` is a type; a composition exports instances and functions only", 3, 8);
        AssertError(Header + "export g.hello...;", "only an instance's exports can be spread, and `g.hello` is a function", 3, 8);
        AssertError("package demo:app;\nlet e = new test:empty {};\nexport e...;", "instance `e` (`test:empty`) exports no instance or function to spread", 3, 9);
        AssertError("package demo:app;\nlet t = new test:types {};\nexport t...;", "instance `t` (`test:types`) exports no instance or function to spread", 3, 9);
    }

    [Fact]
    public void Export_names_follow_the_component_model_grammar()
    {
        AssertError(Header + "export g.hello as \"Not Kebab\";", "`Not Kebab` is not a valid export name: `Not Kebab` is not in kebab case", 3, 19);
        AssertError(Header + "export g as \"a:b\";", "`a:b` is not a valid export name: expected `/` after package name", 3, 13);
    }

    [Fact]
    public void Accessing_exports_of_a_non_instance()
    {
        AssertError(Header + "let h = g.hello;\nexport h.x;", "`g.hello` is a function, not an instance: only instances have exports", 4, 10);
        AssertError(Header + "export g.greeter.greet;", "`g.greeter` is an exported instance; accessing its exports is not supported yet", 3, 18);
    }

    [Fact]
    public void Argument_of_the_wrong_kind() =>
        AssertError(
            Header + "let app = new test:app { greeter: g.hello, ... };",
            "import `test:demo/greeter@0.1.0` of `test:app` is an instance, but `g.hello` is a function",
            3, 35);

    [Fact]
    public void Argument_given_twice() =>
        AssertError(
            Header + "let app = new test:app { greeter: g.greeter, \"test:demo/greeter@0.1.0\": g.greeter, ... };",
            "import `test:demo/greeter@0.1.0` of `test:app` is already given (at app.wac:3:26)",
            3, 46);

    [Fact]
    public void Pass_through_must_come_last() =>
        AssertError(Header + "let app = new test:app { ..., log: g.hello, greeter: g.greeter };", "`...` must be the last argument", 3, 26);

    [Fact]
    public void Spreads_that_cannot_work()
    {
        AssertError(Header + "let m = new test:greeter { ...g };", "spreading `g` satisfies no import of `test:greeter`: none of its exports is named like an unsatisfied import", 3, 28);
        AssertError(Header + "let h = g.hello;\nlet m = new test:middle { ...h };", "only an instance's exports can be spread, and `g.hello` is a function", 4, 30);
    }

    [Fact]
    public void Pass_through_imports_of_one_name_must_agree_in_kind() =>
        AssertError(
            Header + "let app = new test:app { greeter: g.greeter, ... };\nlet c = new test:conflict { ... };",
            "import `log` passed through by `c` is an instance, but `app` passes it through as a function",
            4, 29);

    [Fact]
    public void Nested_new_is_not_supported_yet() =>
        AssertError(
            "package demo:app;\nexport new test:greeter {}.hello;",
            "a `new` expression must be bound with `let` (`let name = new test:greeter { ... };`): nested instantiation is not supported yet",
            2, 12);

    [Fact]
    public void Invalid_versions()
    {
        var result = _folder.Resolve("package demo:app@1.x;\nlet x = new test:greeter@01.0.0 {};");
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.StartsWith("invalid version `1.x`: ", result.Diagnostics[0].Message);
        Assert.Equal((1, 18), (result.Diagnostics[0].Location!.Value.Line, result.Diagnostics[0].Location!.Value.Column));
        Assert.StartsWith("invalid version `01.0.0`: ", result.Diagnostics[1].Message);
        Assert.Equal((2, 26), (result.Diagnostics[1].Location!.Value.Line, result.Diagnostics[1].Location!.Value.Column));
    }

    [Fact]
    public void All_errors_are_reported_in_order_without_cascades()
    {
        var result = _folder.Resolve("""
            package demo:app;
            let x = new test:nope {};
            export x.run;
            let y = new test:middle {};
            export y.nothing;
            export z.run;
            """);
        Assert.Equal(
            [(2, 13), (4, 13), (5, 10), (6, 8)],
            result.Diagnostics.Select(d => (d.Location!.Value.Line, d.Location.Value.Column)));
        Assert.Null(result.Plan);
    }

    [Fact]
    public void Rendered_like_a_wit_diagnostic()
    {
        var diagnostic = AssertError(Header + "export g.greter as hi;", "instance `g` (`test:greeter`) has no export `greter`; did you mean `greeter`?", 3, 10);
        Assert.Equal(
            """
            instance `g` (`test:greeter`) has no export `greter`; did you mean `greeter`?
                 --> app.wac:3:10
                  |
                3 | export g.greter as hi;
                  |          ^-----
            """.ReplaceLineEndings("\n"),
            diagnostic.Rendered);
    }
}
