using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// An instance made for a WIT world (as generated bindings make theirs) is named by its world in exceptions; one made
/// directly keeps the runtime's own name. A link error for missing WASI interfaces says where WASI comes from.
/// </summary>
public class WorldNameTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Trapping = """
        (component
          (core module $m
            (func (export "boom") unreachable)
            (func (export "one") (result i32) (i32.const 1)))
          (core instance $i (instantiate $m))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "one") (result u32) (canon lift (core func $i "one"))))
        """;

    [Fact]
    public void A_disposed_world_instance_is_named_by_its_world()
    {
        var instance = Runtime.LoadText(Trapping).Instantiate(null, "plugin");
        var one = instance.GetFunction("one")!;
        instance.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => one.Invoke());
        Assert.Equal("plugin", e.ObjectName);
        Assert.StartsWith("the instance of world 'plugin' has been disposed", e.Message);
    }

    [Fact]
    public void Traps_name_the_world_and_so_does_the_refusal_after_them()
    {
        using var instance = Runtime.LoadText(Trapping).Instantiate(null, "plugin");
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("boom")!.Invoke());
        Assert.StartsWith("the instance of world 'plugin' trapped in", trap.Message);
        var after = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("one")!.Invoke());
        Assert.Equal("the instance of world 'plugin' is unusable after an earlier trap", after.Message);
    }

    [Fact]
    public void An_instance_made_without_a_world_keeps_the_runtime_name()
    {
        var instance = Runtime.LoadText(Trapping).Instantiate();
        instance.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => instance.GetFunction("one")!.Invoke());
        Assert.StartsWith("component instance 'root' has been disposed", e.Message);
        Assert.Throws<ArgumentException>(() => Runtime.LoadText(Trapping).Instantiate(null, ""));
    }

    private const string ImportsWasi = """
        (component
          (import "wasi:cli/stdout@0.2.0" (instance))
          (import "wasi:http/outgoing-handler@0.2.0" (instance))
          (import "log" (func (param "msg" string))))
        """;

    [Fact]
    public void Missing_WASI_interfaces_point_to_the_WASI_host()
    {
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(ImportsWasi).Instantiate(null, "app"));
        Assert.Contains("(world 'app'); missing: wasi:cli/stdout@0.2.0, wasi:http/outgoing-handler@0.2.0, log", e.Message);
        Assert.Contains("reference the WitBindgen.Wasi package and pass a WASI host as a provider", e.Message);
        Assert.Contains("new WitBindgen.Wasi.WasiConfiguration()", e.Message);
    }

    [Fact]
    public void Missing_imports_that_are_not_hosted_WASI_get_no_WASI_advice()
    {
        const string other = """
            (component
              (import "wasi:http/outgoing-handler@0.2.0" (instance))
              (import "log" (func (param "msg" string))))
            """;
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(other).Instantiate());
        Assert.Equal("the component's imports are not all provided; missing: wasi:http/outgoing-handler@0.2.0, log", e.Message);
    }

    [Fact]
    public void When_WASI_is_provided_the_message_says_which_interfaces_it_lacks()
    {
        var imports = new HostImports();
        imports.DefineInstance("wasi:cli/stderr@0.2.0");
        var e = Assert.Throws<ComponentLinkException>(() => Runtime.LoadText(ImportsWasi).Instantiate(imports));
        Assert.Contains("WASI is provided, but not these interfaces or versions", e.Message);
        Assert.DoesNotContain("reference the WitBindgen.Wasi package", e.Message);
    }
}
