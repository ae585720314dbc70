using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Composition.Tests;

/// <summary>Plans run on the runtime through live linking (LiveComposition).</summary>
public class LiveCompositionTests
{
    /// <summary>Exports the interface test:calc/ops@1.0.0 (add, and neg of type <paramref name="negType"/>).</summary>
    private static string Ops(string negType = "s32") => $$"""
        (component
          (core module $m
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0))))
          (core instance $i (instantiate $m))
          (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func $neg (param "a" {{negType}}) (result {{negType}}) (canon lift (core func $i "neg")))
          (instance $ops (export "add" (func $add)) (export "neg" (func $neg)))
          (export "test:calc/ops@1.0.0" (instance $ops)))
        """;

    /// <summary>Exports add and neg as top-level functions (a whole instance to pass as the import).</summary>
    private const string LooseOps = """
        (component
          (core module $m
            (func (export "add") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
            (func (export "neg") (param i32) (result i32) (local.get 0)))
          (core instance $i (instantiate $m))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func (export "neg") (param "a" s32) (result s32) (canon lift (core func $i "neg"))))
        """;

    /// <summary>Imports test:calc/ops@1.0.0 and a host function "log"; exports run(a, b) = log(a); -(a + b).</summary>
    private const string User = """
        (component
          (import "test:calc/ops@1.0.0" (instance $ops
            (export "add" (func (param "a" u32) (param "b" u32) (result u32)))
            (export "neg" (func (param "a" s32) (result s32)))))
          (import "log" (func $log (param "v" u32)))
          (alias export $ops "add" (func $add))
          (alias export $ops "neg" (func $neg))
          (core func $add (canon lower (func $add)))
          (core func $neg (canon lower (func $neg)))
          (core func $log (canon lower (func $log)))
          (core module $m
            (import "o" "add" (func $add (param i32 i32) (result i32)))
            (import "o" "neg" (func $neg (param i32) (result i32)))
            (import "o" "log" (func $log (param i32)))
            (func (export "run") (param i32 i32) (result i32)
              (call $log (local.get 0))
              (call $neg (call $add (local.get 0) (local.get 1)))))
          (core instance $i (instantiate $m (with "o" (instance (export "add" (func $add)) (export "neg" (func $neg)) (export "log" (func $log))))))
          (func (export "run") (param "a" u32) (param "b" u32) (result s32) (canon lift (core func $i "run"))))
        """;

    private static PackageFolder Folder(string ops) =>
        new PackageFolder()
            .Write("test/ops.wasm", Wasmtime.Module.ConvertText(ops))
            .Write("test/loose.wasm", Wasmtime.Module.ConvertText(LooseOps))
            .Write("test/user.wasm", Wasmtime.Module.ConvertText(User));

    /// <summary>The plan where <c>user</c> takes every import <c>ops</c> exports (a spread) and the rest from the host.</summary>
    private const string Spread = """
            package demo:calc;
            let ops = new test:ops {};
            let user = new test:user { ...ops, ... };
            export user.run;
        """;

    private static (HostImports Host, List<uint> Logged) Host()
    {
        var logged = new List<uint>();
        var host = new HostImports().DefineFunction("log", a => { logged.Add(a[0].AsU32()); return []; });
        return (host, logged);
    }

    [Fact]
    public void An_export_of_one_instance_satisfies_the_import_of_another_and_calls_cross_the_link()
    {
        using var folder = Folder(Ops());
        var plan = folder.Resolve("""
            package demo:calc;
            let ops = new test:ops {};
            let user = new test:user { "test:calc/ops@1.0.0": ops["test:calc/ops@1.0.0"], ... };
            export user.run;
            export ops["test:calc/ops@1.0.0"] as calc;
            """).Plan!;
        using var runtime = new ComponentRuntime();
        var (host, logged) = Host();
        using var composition = LiveComposition.Instantiate(plan, runtime, host);

        Assert.Equal(-7, composition.GetFunction("run")!.Invoke(WitValue.U32(3), WitValue.U32(4))[0].AsS32());
        Assert.Equal([3u], logged);
        Assert.Equal(11u, composition.GetFunction("calc", "add")!.Invoke(WitValue.U32(5), WitValue.U32(6))[0].AsU32());
        Assert.Null(composition.GetFunction("calc", "nope"));
        Assert.Null(composition.GetFunction("missing"));
        Assert.Equal(2, composition.Instances.Count);
        Assert.Same(composition.Instances[0], composition["ops"]);
    }

    [Fact]
    public void A_spread_links_every_import_the_source_exports_by_name()
    {
        using var folder = Folder(Ops());
        var plan = folder.Resolve(Spread).Plan!;
        using var runtime = new ComponentRuntime();
        using var composition = LiveComposition.Instantiate(plan, runtime, Host().Host);
        Assert.Equal(-12, composition.GetFunction("run")!.Invoke(WitValue.U32(5), WitValue.U32(7))[0].AsS32());
    }

    [Fact]
    public void A_whole_instance_passed_as_an_interface_import_provides_its_functions()
    {
        using var folder = Folder(Ops());
        var plan = folder.Resolve("""
            package demo:calc;
            let loose = new test:loose {};
            let user = new test:user { "test:calc/ops@1.0.0": loose, ... };
            export user.run;
            """).Plan!;
        using var runtime = new ComponentRuntime();
        using var composition = LiveComposition.Instantiate(plan, runtime, Host().Host);

        // loose's add multiplies and its neg is the identity: run(3, 4) = 12.
        Assert.Equal(12, composition.GetFunction("run")!.Invoke(WitValue.U32(3), WitValue.U32(4))[0].AsS32());
    }

    [Fact]
    public void A_mismatched_argument_is_refused_naming_both_sides_before_guest_code_runs()
    {
        using var folder = Folder(Ops(negType: "u32"));
        var plan = folder.Resolve("""
            package demo:calc;
            let ops = new test:ops {};
            let user = new test:user { "test:calc/ops@1.0.0": ops["test:calc/ops@1.0.0"], ... };
            export user.run;
            """).Plan!;
        using var runtime = new ComponentRuntime();
        var (host, logged) = Host();

        var e = Assert.Throws<ComponentLinkException>(() => LiveComposition.Instantiate(plan, runtime, host));
        Assert.Contains("'test:calc/ops@1.0.0'", e.Message);
        Assert.Contains("'neg'", e.Message);
        Assert.Contains("expected s32, found u32", e.Message);
        Assert.Empty(logged);
    }

    [Fact]
    public void A_pass_through_import_the_host_does_not_give_is_named()
    {
        using var folder = Folder(Ops());
        var plan = folder.Resolve(Spread).Plan!;
        using var runtime = new ComponentRuntime();
        var e = Assert.Throws<ComponentLinkException>(() => LiveComposition.Instantiate(plan, runtime));
        Assert.Contains("log", e.Message);
    }

    [Fact]
    public void Disposing_the_composition_disposes_its_instances()
    {
        using var folder = Folder(Ops());
        var plan = folder.Resolve(Spread).Plan!;
        using var runtime = new ComponentRuntime();
        var composition = LiveComposition.Instantiate(plan, runtime, Host().Host);
        var run = composition.GetFunction("run")!;
        composition.Dispose();
        Assert.Throws<ObjectDisposedException>(() => run.Invoke(WitValue.U32(1), WitValue.U32(2)));
        Assert.Throws<ObjectDisposedException>(() => composition.GetFunction("run"));
    }
}
