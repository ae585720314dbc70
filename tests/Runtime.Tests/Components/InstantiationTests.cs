using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

public class InstantiationTests
{
    private static readonly ComponentRuntime Runtime = new();

    [Fact]
    public void Calls_a_lifted_export_with_scalars()
    {
        var component = Runtime.LoadText("""
            (component
              (core module $m
                (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
              (core instance $i (instantiate $m))
              (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
              (export "add" (func $add)))
            """);
        using var instance = component.Instantiate();
        var add = instance.GetFunction("add")!;
        Assert.Equal(42u, add.Invoke(WitValue.U32(40), WitValue.U32(2))[0].AsU32());
        Assert.Equal(uint.MaxValue, add.Invoke(WitValue.U32(uint.MaxValue), WitValue.U32(0))[0].AsU32());
    }

    [Fact]
    public void Echoes_strings_through_guest_memory_with_realloc_and_post_return()
    {
        var component = Runtime.LoadText($$"""
            (component
              {{Wat.Libc}}
              (core module $m
                (import "libc" "memory" (memory 1))
                (global $posts (mut i32) (i32.const 0))
                (func (export "echo") (param i32 i32) (result i32)
                  (i32.store (i32.const 16) (local.get 0))
                  (i32.store (i32.const 20) (local.get 1))
                  (i32.const 16))
                (func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
                (func (export "posts") (result i32) (global.get $posts)))
              (core instance $i (instantiate $m (with "libc" (instance $libc))))
              (func $echo (param "s" string) (result string)
                (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) (post-return (core func $i "post"))))
              (func $posts (result u32) (canon lift (core func $i "posts")))
              (export "echo" (func $echo))
              (export "posts" (func $posts)))
            """);
        using var instance = component.Instantiate();
        var echo = instance.GetFunction("echo")!;
        foreach (var text in new[] { "", "hello", "héllo wörld", "日本語 🎉", new string('x', 10_000) })
        {
            Assert.Equal(text, echo.Invoke(WitValue.String(text))[0].AsString());
        }

        Assert.Equal(5u, instance.GetFunction("posts")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Guests_call_host_imports_with_strings()
    {
        var component = Runtime.LoadText($$"""
            (component
              (import "log" (func $log (param "msg" string)))
              {{Wat.Libc}}
              (core func $log (canon lower (func $log) (memory (core memory $libc "memory"))))
              (core module $m
                (import "host" "log" (func $log (param i32 i32)))
                (import "libc" "memory" (memory 1))
                (data (i32.const 100) "hello from the guest")
                (func (export "run") (call $log (i32.const 100) (i32.const 20))))
              (core instance $i (instantiate $m (with "host" (instance (export "log" (func $log)))) (with "libc" (instance $libc))))
              (func $run (canon lift (core func $i "run")))
              (export "run" (func $run)))
            """);
        var logged = new List<string>();
        using var instance = component.Instantiate(new HostImports().DefineFunction("log", args =>
        {
            logged.Add(args[0].AsString());
            return Array.Empty<WitValue>();
        }));
        instance.GetFunction("run")!.Invoke();
        Assert.Equal(new[] { "hello from the guest" }, logged);
    }

    [Fact]
    public void Missing_imports_are_reported_by_name_before_guest_code_runs()
    {
        var component = Runtime.LoadText("""
            (component
              (import "wasi:cli/stdout@0.2.0" (instance))
              (import "log" (func (param "msg" string))))
            """);
        var e = Assert.Throws<ComponentLinkException>(() => component.Instantiate());
        Assert.Contains("wasi:cli/stdout@0.2.0", e.Message);
        Assert.Contains("log", e.Message);
    }

    [Fact]
    public void Interface_imports_match_semver_compatible_implementations()
    {
        var component = Runtime.LoadText("""
            (component
              (import "example:host/api@0.2.0" (instance $api (export "answer" (func (result u32)))))
              (alias export $api "answer" (func $answer))
              (core func $answer (canon lower (func $answer)))
              (core module $m
                (import "api" "answer" (func $answer (result i32)))
                (func (export "run") (result i32) (i32.add (call $answer) (i32.const 1))))
              (core instance $i (instantiate $m (with "api" (instance (export "answer" (func $answer))))))
              (func $run (result u32) (canon lift (core func $i "run")))
              (export "run" (func $run)))
            """);
        var imports = new HostImports();
        imports.DefineInstance("example:host/api@0.2.12").DefineFunction("answer", _ => new[] { WitValue.U32(41) });
        using var instance = component.Instantiate(imports);
        Assert.Equal(42u, instance.GetFunction("run")!.Invoke()[0].AsU32());

        var incompatible = new HostImports();
        incompatible.DefineInstance("example:host/api@0.3.0").DefineFunction("answer", _ => new[] { WitValue.U32(0) });
        Assert.Throws<ComponentLinkException>(() => component.Instantiate(incompatible));
    }

    [Fact]
    public void Start_functions_run_during_instantiation()
    {
        var started = 0;
        var component = Runtime.LoadText("""
            (component
              (import "hello" (func $hello))
              (core func $hello (canon lower (func $hello)))
              (core module $m (import "host" "hello" (func $hello)) (func (export "init") (call $hello)))
              (core instance $i (instantiate $m (with "host" (instance (export "hello" (func $hello))))))
              (func $init (canon lift (core func $i "init")))
              (start $init))
            """);
        using var instance = component.Instantiate(new HostImports().DefineFunction("hello", _ =>
        {
            started++;
            return Array.Empty<WitValue>();
        }));
        Assert.Equal(1, started);
    }

    [Fact]
    public void One_component_may_import_two_versions_of_an_interface()
    {
        var component = Runtime.LoadText("""
            (component
              (import "example:host/api@0.2.0" (instance $old (export "answer" (func (result u32)))))
              (import "example:host/api@0.3.1" (instance $new (export "answer" (func (result u32)))))
              (alias export $old "answer" (func $old-answer))
              (alias export $new "answer" (func $new-answer))
              (core func $old-answer (canon lower (func $old-answer)))
              (core func $new-answer (canon lower (func $new-answer)))
              (core module $m
                (import "api" "old" (func $old (result i32)))
                (import "api" "new" (func $new (result i32)))
                (func (export "both") (result i32) (i32.add (i32.mul (call $old) (i32.const 100)) (call $new))))
              (core instance $i (instantiate $m (with "api" (instance (export "old" (func $old-answer)) (export "new" (func $new-answer))))))
              (func $both (result u32) (canon lift (core func $i "both")))
              (export "both" (func $both)))
            """);
        var imports = new HostImports();
        imports.DefineInstance("example:host/api@0.2.12").DefineFunction("answer", _ => new[] { WitValue.U32(2) });
        imports.DefineInstance("example:host/api@0.3.4").DefineFunction("answer", _ => new[] { WitValue.U32(3) });
        using var instance = component.Instantiate(imports);
        Assert.Equal(203u, instance.GetFunction("both")!.Invoke()[0].AsU32());
    }
}
