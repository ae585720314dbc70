using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// A component made by <c>jco new --wasi-reactor</c> (Fixtures/adapter: hand-written core WAT plus
/// the wasi_snapshot_preview1 adapter): four core modules (main, adapter, a shim whose functions
/// call through an indirect-call table, and a fixup module that fills the table with the lowered
/// imports), imports of eight WASI 0.2.12 interfaces whose types alias each other's resources.
/// </summary>
public class AdapterComponentTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static LoadedComponent LoadHello() =>
        Runtime.LoadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "adapter", "hello.component.wasm"));

    [Fact]
    public void Fixture_has_several_core_modules_and_the_wasi_imports_of_the_adapter()
    {
        var component = LoadHello();
        Assert.Equal(4, component.Definition.Items.OfType<WitBindgen.Runtime.Binary.CoreModuleItem>().Count());
        Assert.Equal(
            new[]
            {
                "wasi:io/error@0.2.12", "wasi:io/streams@0.2.12", "wasi:cli/stdin@0.2.12", "wasi:cli/stdout@0.2.12",
                "wasi:cli/stderr@0.2.12", "wasi:clocks/wall-clock@0.2.12", "wasi:filesystem/types@0.2.12",
                "wasi:filesystem/preopens@0.2.12",
            },
            component.ImportNames);
    }

    [Fact]
    public void Instantiates_with_unknown_imports_as_traps_and_greets()
    {
        var component = LoadHello();
        using var instance = component.Instantiate(new HostImports().DefineUnknownAsTraps(component));
        var greet = instance.GetFunction("greet")!;

        Assert.Equal("Hello, World!", greet.Invoke(WitValue.String("World"))[0].AsString());
        Assert.Equal("Hello, Wörld ✓!", greet.Invoke(WitValue.String("Wörld ✓"))[0].AsString());
    }

    [Fact]
    public void Unimplemented_wasi_import_fails_with_its_name_when_called()
    {
        var component = LoadHello();
        using var instance = component.Instantiate(new HostImports().DefineUnknownAsTraps(component));

        // The adapter's first fd_write initialises its state, which gets the stdio streams first.
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("shout")!.Invoke());
        Assert.Equal("import 'wasi:cli/stdin@0.2.12#get-stdin' is not implemented", e.Message);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void Shout_writes_its_line_to_the_hosts_stdout()
    {
        var component = LoadHello();
        var host = new StdioHost();
        using var instance = component.Instantiate(host.Imports.DefineUnknownAsTraps(component));
        var shout = instance.GetFunction("shout")!;

        shout.Invoke();
        shout.Invoke();

        Assert.Equal("HELLO FROM SHOUT!\nHELLO FROM SHOUT!\n", host.StdoutText);
        Assert.Empty(host.Stderr);

        // The adapter sets up its descriptors once (stdio streams, then preopens through the
        // shim's indirect-call table) and writes stdout with blocking-write-and-flush, borrowing
        // the stream it owns. It keeps the three stream handles for the instance's lifetime.
        Assert.Equal(
            new[]
            {
                "get-stdin", "get-stdout", "get-stderr", "get-directories",
                $"blocking-write-and-flush {StdioHost.StdoutRep} 18", $"blocking-write-and-flush {StdioHost.StdoutRep} 18",
            },
            host.Log);
        Assert.Equal(3, instance.State.Handles.Count);

        // Greeting still works in the same instance.
        Assert.Equal("Hello, adapter!", instance.GetFunction("greet")!.Invoke(WitValue.String("adapter"))[0].AsString());
    }

    [Fact]
    public void Stream_error_resources_cross_interfaces_and_are_dropped_by_the_adapter()
    {
        var component = LoadHello();
        var host = new StdioHost();

        // stream-error::last-operation-failed(own<error>): the error resource of wasi:io/error,
        // which wasi:io/streams and wasi:filesystem/types re-export as (eq ...) types.
        host.WriteError = () => WitValue.Err(WitValue.Variant(0, WitValue.Handle(new ResourceValue(host.ErrorType, 77))));
        using var instance = component.Instantiate(host.Imports.DefineUnknownAsTraps(component));

        // fd_write returns an errno, and the hand-written shout hits `unreachable` on any errno.
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("shout")!.Invoke());
        Assert.Contains("unreachable", trap.Message);

        // The adapter asks whether the error is a filesystem error (borrowing it), then drops it.
        Assert.Equal(
            new[]
            {
                "get-stdin", "get-stdout", "get-stderr", "get-directories",
                $"blocking-write-and-flush {StdioHost.StdoutRep} 18", "filesystem-error-code 77", "drop error 77",
            },
            host.Log);
        Assert.Empty(host.Stdout);
    }
}
