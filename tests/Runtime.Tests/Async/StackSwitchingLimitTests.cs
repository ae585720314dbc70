using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// What this runtime cannot run because Wasmtime's core API has no stack switching (docs/async.md, "Blocking without
/// stack switching"): a blocked callee whose caller could go on, and explicit threads. Both trap with
/// <see cref="ComponentTrapKind.Unsupported"/> and a message that says why; a wait nothing can ever end stays a deadlock.
/// </summary>
public class StackSwitchingLimitTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// $C's "block" (a synchronous lift of an async type) and "block-stackful" (an async lift without callback) wait
    /// on an empty waitable set. $D's "run" and "run-stackful" call them with an async lower, expect STARTED and
    /// return 7: the specification lets the caller go on while the callee stays blocked. "wait-here" waits on an
    /// empty set itself (a real deadlock). "index" calls thread.index.
    /// </summary>
    private const string Component = """
        (component
          (component $C
            (core module $mem (memory (export "mem") 1))
            (core instance $mem (instantiate $mem))
            (core module $m
              (import "" "mem" (memory 1))
              (import "" "task.return" (func $return (param i32)))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable-set.wait" (func $ws.wait (param i32 i32) (result i32)))
              (func (export "block") (result i32) (drop (call $ws.wait (call $ws.new) (i32.const 0))) (i32.const 1))
              (func (export "block-stackful") (drop (call $ws.wait (call $ws.new) (i32.const 0))) (call $return (i32.const 1))))
            (canon task.return (result u32) (core func $return))
            (canon waitable-set.new (core func $ws.new))
            (canon waitable-set.wait (memory (core memory $mem "mem")) (core func $ws.wait))
            (core instance $i (instantiate $m (with "" (instance
              (export "mem" (memory $mem "mem"))
              (export "task.return" (func $return))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable-set.wait" (func $ws.wait))))))
            (func (export "block") async (result u32) (canon lift (core func $i "block")))
            (func (export "block-stackful") async (result u32) (canon lift (core func $i "block-stackful") async)))
          (component $D
            (import "c" (instance $c
              (export "block" (func async (result u32)))
              (export "block-stackful" (func async (result u32)))))
            (core module $mem (memory (export "mem") 1))
            (core instance $mem (instantiate $mem))
            (core module $m
              (import "" "mem" (memory 1))
              (import "" "task.return" (func $return (param i32)))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable-set.wait" (func $ws.wait (param i32 i32) (result i32)))
              (import "" "thread.index" (func $index (result i32)))
              (import "" "block" (func $block (param i32) (result i32)))
              (import "" "block-stackful" (func $block-stackful (param i32) (result i32)))
              (func (export "run") (result i32)
                (if (i32.ne (i32.and (call $block (i32.const 16)) (i32.const 15)) (i32.const 1)) (then unreachable))
                (call $return (i32.const 7))
                (i32.const 0))
              (func (export "run-stackful") (result i32)
                (if (i32.ne (i32.and (call $block-stackful (i32.const 16)) (i32.const 15)) (i32.const 1)) (then unreachable))
                (call $return (i32.const 7))
                (i32.const 0))
              (func (export "wait-here") (result i32) (drop (call $ws.wait (call $ws.new) (i32.const 0))) (i32.const 0))
              (func (export "index") (result i32) (call $return (call $index)) (i32.const 0))
              (func (export "no-cb") (param i32 i32 i32) (result i32) unreachable))
            (canon task.return (result u32) (core func $return))
            (canon waitable-set.new (core func $ws.new))
            (canon waitable-set.wait (memory (core memory $mem "mem")) (core func $ws.wait))
            (canon thread.index (core func $index))
            (canon lower (func $c "block") async (memory (core memory $mem "mem")) (core func $block))
            (canon lower (func $c "block-stackful") async (memory (core memory $mem "mem")) (core func $block-stackful))
            (core instance $i (instantiate $m (with "" (instance
              (export "mem" (memory $mem "mem"))
              (export "task.return" (func $return))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable-set.wait" (func $ws.wait))
              (export "thread.index" (func $index))
              (export "block" (func $block))
              (export "block-stackful" (func $block-stackful))))))
            (func (export "run") async (result u32) (canon lift (core func $i "run") async (callback (core func $i "no-cb"))))
            (func (export "run-stackful") async (result u32) (canon lift (core func $i "run-stackful") async (callback (core func $i "no-cb"))))
            (func (export "wait-here") async (result u32) (canon lift (core func $i "wait-here") async (callback (core func $i "no-cb"))))
            (func (export "index") async (result u32) (canon lift (core func $i "index") async (callback (core func $i "no-cb")))))
          (instance $c (instantiate $C))
          (instance $d (instantiate $D (with "c" (instance $c))))
          (export "run" (func $d "run"))
          (export "run-stackful" (func $d "run-stackful"))
          (export "wait-here" (func $d "wait-here"))
          (export "index" (func $d "index")))
        """;

    [Theory]
    [InlineData("run")]
    [InlineData("run-stackful")]
    public void ACalleeThatBlocksWhileItsAsyncCallerCouldGoOnTrapsAsUnsupported(string export)
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction(export)!.Invoke());
        Assert.Equal(ComponentTrapKind.Unsupported, e.Kind);
        Assert.Contains("waitable-set.wait waits", e.Message, StringComparison.Ordinal);
        Assert.Contains("stack switching", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameTrapReachesInvokeAsync()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = await Assert.ThrowsAsync<ComponentTrapException>(() => instance.GetFunction("run")!.InvokeAsync([]));
        Assert.Equal(ComponentTrapKind.Unsupported, e.Kind);
    }

    [Fact]
    public void AWaitNothingCanEverEndIsADeadlockNotALimitation()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("wait-here")!.Invoke());
        Assert.Equal(ComponentTrapKind.Other, e.Kind);
        Assert.Contains("deadlock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitThreadBuiltinsTrapAsUnsupported()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("index")!.Invoke());
        Assert.Equal(ComponentTrapKind.Unsupported, e.Kind);
        Assert.Contains("thread.index", e.Message, StringComparison.Ordinal);
    }
}
