using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// What a link may connect: the import's declared type must be the export's type (structure, names, resource
/// identity), checked when the importer is instantiated, before any of its code runs; whole interfaces link by
/// semver-compatible names; a missing export or a disposed exporter is refused.
/// </summary>
public class LinkCheckTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static string PointExporter(string yType) => $$"""
        (component
          (type $point (record (field "x" u32) (field "y" {{yType}})))
          (export $point-e "point" (type $point))
          (core module $m (func (export "norm") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
          (core instance $i (instantiate $m))
          (func $norm (param "p" $point-e) (result u32) (canon lift (core func $i "norm")))
          (export "norm" (func $norm)))
        """;

    /// <summary>Imports "norm" over a point of two u32s; its core module's start function reports to the host.</summary>
    private const string PointImporter = """
        (component
          (type $point-def (record (field "x" u32) (field "y" u32)))
          (import "point" (type $point (eq $point-def)))
          (import "started" (func $started))
          (import "norm" (func $norm (param "p" $point) (result u32)))
          (core func $started (canon lower (func $started)))
          (core func $norm (canon lower (func $norm)))
          (core module $m
            (import "h" "started" (func $started))
            (import "h" "norm" (func $norm (param i32 i32) (result i32)))
            (func $start (call $started))
            (start $start)
            (func (export "run") (param i32 i32) (result i32) (call $norm (local.get 0) (local.get 1))))
          (core instance $i (instantiate $m (with "h" (instance (export "started" (func $started)) (export "norm" (func $norm))))))
          (func (export "run") (param "x" u32) (param "y" u32) (result u32) (canon lift (core func $i "run"))))
        """;

    [Fact]
    public void A_mismatched_link_is_refused_before_any_guest_code_runs_naming_both_sides_and_the_first_difference()
    {
        using var exporter = Runtime.LoadText(PointExporter("s32")).Instantiate();
        var started = 0;
        var imports = new HostImports().DefineFunction("started", _ => { started++; return []; }).Link("norm", exporter);

        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(PointImporter).Instantiate(imports, "app"));
        Assert.StartsWith("cannot link the import 'norm' of the instance of world 'app' to the export 'norm' of component instance 'root': ", e.Message);
        Assert.Contains("parameter 1: record field 'y': expected u32, found s32", e.Message);
        Assert.Equal(0, started);

        // With the same type, the same import links and runs (the start function too).
        using var matching = Runtime.LoadText(PointExporter("u32")).Instantiate();
        using var importer = Runtime.LoadText(PointImporter).Instantiate(
            new HostImports().DefineFunction("started", _ => { started++; return []; }).Link("norm", matching));
        Assert.Equal(1, started);
        Assert.Equal(7u, importer.GetFunction("run")!.Invoke(WitValue.U32(3), WitValue.U32(4))[0].AsU32());
    }

    [Fact]
    public void Field_names_count_and_a_missing_export_is_named()
    {
        using var renamed = Runtime.LoadText(PointExporter("u32").Replace("(field \"y\"", "(field \"z\"")).Instantiate();
        var imports = new HostImports().DefineFunction("started", _ => []).Link("norm", renamed);
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(PointImporter).Instantiate(imports));
        Assert.Contains("parameter 1: record field 2: expected 'y', found 'z'", e.Message);

        var missing = new HostImports().DefineFunction("started", _ => []).Link("norm", renamed, "normalise");
        e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(PointImporter).Instantiate(missing));
        Assert.Equal("cannot link import 'norm': component instance 'root' has no export 'normalise'", e.Message);
    }

    /// <summary>Exports "pick", taking a value of <paramref name="type"/> (an enum or flags, one i32 flat) and returning it as a u32.</summary>
    private static string LabelExporter(string type) => $$"""
        (component
          (type $t {{type}})
          (export $t-e "t" (type $t))
          (core module $m (func (export "pick") (param i32) (result i32) (local.get 0)))
          (core instance $i (instantiate $m))
          (func $pick (param "v" $t-e) (result u32) (canon lift (core func $i "pick")))
          (export "pick" (func $pick)))
        """;

    /// <summary>Imports "pick" over <paramref name="type"/> and exports "run", which passes its argument on.</summary>
    private static string LabelImporter(string type) => $$"""
        (component
          (type $t-def {{type}})
          (import "t" (type $t (eq $t-def)))
          (import "pick" (func $pick (param "v" $t) (result u32)))
          (core func $pick (canon lower (func $pick)))
          (core module $m
            (import "h" "pick" (func $pick (param i32) (result i32)))
            (func (export "run") (param i32) (result i32) (call $pick (local.get 0))))
          (core instance $i (instantiate $m (with "h" (instance (export "pick" (func $pick))))))
          (func (export "run") (param "v" u32) (result u32) (canon lift (core func $i "run"))))
        """;

    [Theory]
    [InlineData("(enum \"red\" \"green\")", "(enum \"red\" \"blue\")", "parameter 1: enum case 2: expected 'blue', found 'green'")]
    [InlineData("(flags \"read\" \"write\")", "(flags \"read\" \"exec\")", "parameter 1: flag 2: expected 'exec', found 'write'")]
    public void Enum_case_and_flag_names_count(string exported, string imported, string difference)
    {
        using var exporter = Runtime.LoadText(LabelExporter(exported)).Instantiate();
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(LabelImporter(imported)).Instantiate(new HostImports().Link("pick", exporter)));
        Assert.Contains(difference, e.Message);

        // The same names link, and the value crosses.
        using var importer = Runtime.LoadText(LabelImporter(exported)).Instantiate(new HostImports().Link("pick", exporter));
        Assert.Equal(1u, importer.GetFunction("run")!.Invoke(WitValue.U32(1))[0].AsU32());
    }

    [Fact]
    public void An_exporter_disposed_before_the_link_is_refused()
    {
        var exporter = Runtime.LoadText(PointExporter("u32")).Instantiate();
        var imports = new HostImports().DefineFunction("started", _ => []).Link("norm", exporter);
        exporter.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Runtime.LoadText(PointImporter).Instantiate(imports));
    }

    /// <summary>Exports the interface test:calc/ops@1.2.0 (add and neg).</summary>
    private const string Ops = """
        (component
          (core module $m
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0))))
          (core instance $i (instantiate $m))
          (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func $neg (param "a" s32) (result s32) (canon lift (core func $i "neg")))
          (instance $ops (export "add" (func $add)) (export "neg" (func $neg)))
          (export "test:calc/ops@1.2.0" (instance $ops)))
        """;

    /// <summary>Imports test:calc/ops@1.0.0 (add and neg) and a host "log".</summary>
    private const string OpsUser = """
        (component
          (import "test:calc/ops@1.0.0" (instance $ops
            (export "add" (func (param "a" u32) (param "b" u32) (result u32)))
            (export "neg" (func (param "a" s32) (result s32)))))
          (alias export $ops "add" (func $add))
          (alias export $ops "neg" (func $neg))
          (core func $add (canon lower (func $add)))
          (core func $neg (canon lower (func $neg)))
          (core module $m
            (import "o" "add" (func $add (param i32 i32) (result i32)))
            (import "o" "neg" (func $neg (param i32) (result i32)))
            (func (export "run") (param i32 i32) (result i32) (call $neg (call $add (local.get 0) (local.get 1)))))
          (core instance $i (instantiate $m (with "o" (instance (export "add" (func $add)) (export "neg" (func $neg))))))
          (func (export "run") (param "a" u32) (param "b" u32) (result s32) (canon lift (core func $i "run"))))
        """;

    [Fact]
    public void A_whole_interface_links_by_a_semver_compatible_name()
    {
        using var ops = Runtime.LoadText(Ops).Instantiate();
        using var user = Runtime.LoadText(OpsUser).Instantiate(new HostImports().LinkExports(ops));
        Assert.Equal(-7, user.GetFunction("run")!.Invoke(WitValue.U32(3), WitValue.U32(4))[0].AsS32());

        using var named = Runtime.LoadText(OpsUser).Instantiate(new HostImports().Link("test:calc/ops@1.0.0", ops, "test:calc/ops@1.2.0"));
        Assert.Equal(-9, named.GetFunction("run")!.Invoke(WitValue.U32(4), WitValue.U32(5))[0].AsS32());
    }

    [Fact]
    public void One_function_of_an_interface_links_and_the_host_implements_the_other()
    {
        using var ops = Runtime.LoadText(Ops).Instantiate();
        var imports = new HostImports();
        imports.DefineInstance("test:calc/ops@1.0.0")
            .Link("add", ops, "test:calc/ops@1.2.0")
            .DefineFunction("neg", args => [WitValue.S32(-10 * args[0].AsS32())]);
        using var user = Runtime.LoadText(OpsUser).Instantiate(imports);
        Assert.Equal(-70, user.GetFunction("run")!.Invoke(WitValue.U32(3), WitValue.U32(4))[0].AsS32());
    }

    [Fact]
    public void An_interface_function_of_a_different_type_is_refused()
    {
        using var ops = Runtime.LoadText(Ops).Instantiate();
        var imports = new HostImports();
        imports.DefineInstance("test:calc/ops@1.0.0")
            .Link("add", ops, "test:calc/ops@1.2.0", "neg")
            .DefineFunction("neg", args => [args[0]]);
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(OpsUser).Instantiate(imports));
        Assert.StartsWith(
            "cannot link the function 'add' of the import 'test:calc/ops@1.0.0' of component instance 'root' to the function 'neg' of the export 'test:calc/ops@1.2.0' of component instance 'root': expected 2 parameter(s), found 1",
            e.Message);
    }
}
