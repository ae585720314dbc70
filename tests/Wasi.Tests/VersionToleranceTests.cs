using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>
/// One WASI 0.2.12 host serves every 0.2.x import by semver-compatible matching; interfaces it does not
/// implement are named at instantiation, or bound to traps when the host opts in.
/// </summary>
public class VersionToleranceTests
{
    // Imports wasi:cli/environment twice, at 0.2.0 and 0.2.3, and calls both.
    private const string TwoVersions = """
        (component
          (import "wasi:cli/environment@0.2.0" (instance $old (export "initial-cwd" (func (result (option string))))))
          (import "wasi:cli/environment@0.2.3" (instance $new (export "initial-cwd" (func (result (option string))))))
          (core module $libc (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (global.get $next))
              (global.set $next (i32.add (global.get $next) (i32.and (i32.add (local.get 3) (i32.const 7)) (i32.const -8))))
              (local.get $p)))
          (core instance $libc (instantiate $libc))
          (core func $old-cwd (canon lower (func $old "initial-cwd") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core func $new-cwd (canon lower (func $new "initial-cwd") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "h" "old" (func $old (param i32)))
            (import "h" "new" (func $new (param i32)))
            (func (export "old") (result i32) (call $old (i32.const 16)) (i32.const 16))
            (func (export "new") (result i32) (call $new (i32.const 32)) (i32.const 32)))
          (core instance $i (instantiate $m (with "h" (instance (export "old" (func $old-cwd)) (export "new" (func $new-cwd))))))
          (func $run-old (result (option string)) (canon lift (core func $i "old") (memory (core memory $libc "memory"))))
          (func $run-new (result (option string)) (canon lift (core func $i "new") (memory (core memory $libc "memory"))))
          (export "old" (func $run-old))
          (export "new" (func $run-new)))
        """;

    // Imports an interface the WASI host does not implement (wasi:http) next to one it does.
    private const string NeedsHttp = """
        (component
          (import "wasi:cli/environment@0.2.1" (instance $env (export "get-arguments" (func (result (list string))))))
          (import "wasi:http/outgoing-handler@0.2.1" (instance $http (export "ping" (func (result u32)))))
          (core func $ping (canon lower (func $http "ping")))
          (core module $m
            (import "h" "ping" (func $ping (result i32)))
            (func (export "ping") (result i32) (call $ping)))
          (core instance $i (instantiate $m (with "h" (instance (export "ping" (func $ping))))))
          (func $run (result u32) (canon lift (core func $i "ping")))
          (export "ping" (func $run)))
        """;

    [Fact]
    public void A_component_importing_two_versions_of_one_interface_gets_the_same_implementation_for_both()
    {
        var component = Probe.Runtime.LoadText(TwoVersions);
        using var instance = component.Instantiate(new WasiConfiguration().WithInitialWorkingDirectory("/srv").Build());
        Assert.Equal("/srv", instance.GetFunction("old")!.Invoke()[0].Payload!.AsString());
        Assert.Equal("/srv", instance.GetFunction("new")!.Invoke()[0].Payload!.AsString());
    }

    [Fact]
    public void An_interface_the_host_does_not_implement_is_named_at_instantiation()
    {
        var component = Probe.Runtime.LoadText(NeedsHttp);
        var error = Assert.Throws<ComponentLinkException>(() => component.Instantiate(new WasiConfiguration().Build()));
        Assert.Contains("wasi:http/outgoing-handler@0.2.1", error.Message);
    }

    [Fact]
    public void When_the_host_opts_in_unimplemented_interfaces_trap_only_if_called()
    {
        var component = Probe.Runtime.LoadText(NeedsHttp);
        var imports = new WasiConfiguration().Build().DefineUnknownAsTraps(component);
        using var instance = component.Instantiate(imports);
        var error = Assert.Throws<NotImplementedException>(() => instance.GetFunction("ping")!.Invoke());
        Assert.Contains("ping", error.Message);
    }
}
