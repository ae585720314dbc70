using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Async lowers between two components of one instantiation (CanonicalABI.md <c>canon_lower</c> with <c>async</c>):
/// a callee that returns at once gives <c>RETURNED</c>, one that parks gives a subtask whose progress the caller
/// waits for in a waitable set; a synchronous lower of an async callee blocks until it returns; subtasks that have not
/// resolved may not be dropped.
/// </summary>
public class SubtaskTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// $C exports "quick" (returns 5 at once) and "slow" (yields once, then returns 6). $D's "run" calls "quick" and
    /// "slow" with async lowers, checks the codes they return, waits for the subtask of "slow" to return and returns the
    /// sum of both results, 11. "sync" calls "slow" with a synchronous lower (from a sync lift of an async type).
    /// "drop-early" drops the unresolved subtask of "slow".
    /// </summary>
    private const string Pair = """
        (component
          (component $C
            (core module $m
              (import "" "task.return" (func $return (param i32)))
              (func (export "quick") (result i32) (call $return (i32.const 5)) (i32.const 0))
              (func (export "slow") (result i32) (i32.const 1))
              (func (export "slow-cb") (param i32 i32 i32) (result i32) (call $return (i32.const 6)) (i32.const 0))
              (func (export "no-cb") (param i32 i32 i32) (result i32) unreachable))
            (canon task.return (result u32) (core func $return))
            (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $return))))))
            (func (export "quick") async (result u32) (canon lift (core func $i "quick") async (callback (core func $i "no-cb"))))
            (func (export "slow") async (result u32) (canon lift (core func $i "slow") async (callback (core func $i "slow-cb")))))
          (component $D
            (import "c" (instance $c
              (export "quick" (func async (result u32)))
              (export "slow" (func async (result u32)))))
            (core module $mem (memory (export "mem") 1))
            (core instance $mem (instantiate $mem))
            (core module $m
              (import "" "mem" (memory 1))
              (import "" "task.return" (func $return (param i32)))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable.join" (func $join (param i32 i32)))
              (import "" "subtask.drop" (func $subtask.drop (param i32)))
              (import "" "quick" (func $quick (param i32) (result i32)))
              (import "" "slow" (func $slow (param i32) (result i32)))
              (import "" "slow-sync" (func $slow-sync (result i32)))
              (global $subtask (mut i32) (i32.const 0))
              (func (export "run") (result i32)
                (local $ret i32) (local $ws i32)
                (if (i32.ne (call $quick (i32.const 16)) (i32.const 2)) (then unreachable))
                (local.set $ret (call $slow (i32.const 20)))
                (if (i32.ne (i32.and (local.get $ret) (i32.const 15)) (i32.const 1)) (then unreachable))
                (global.set $subtask (i32.shr_u (local.get $ret) (i32.const 4)))
                (local.set $ws (call $ws.new))
                (call $join (global.get $subtask) (local.get $ws))
                (i32.or (i32.const 2) (i32.shl (local.get $ws) (i32.const 4))))
              (func (export "run-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
                (if (i32.ne (local.get $code) (i32.const 1)) (then unreachable))
                (if (i32.ne (local.get $index) (global.get $subtask)) (then unreachable))
                (if (i32.ne (local.get $payload) (i32.const 2)) (then unreachable))
                (call $join (global.get $subtask) (i32.const 0))
                (call $subtask.drop (global.get $subtask))
                (call $return (i32.add (i32.load (i32.const 16)) (i32.load (i32.const 20))))
                (i32.const 0))
              (func (export "sync") (result i32) (i32.add (call $slow-sync) (i32.const 100)))
              (func (export "drop-early") (result i32)
                (call $subtask.drop (i32.shr_u (call $slow (i32.const 20)) (i32.const 4)))
                (i32.const 0)))
            (canon task.return (result u32) (core func $return))
            (canon waitable-set.new (core func $ws.new))
            (canon waitable.join (core func $join))
            (canon subtask.drop (core func $subtask.drop))
            (canon lower (func $c "quick") async (memory (core memory $mem "mem")) (core func $quick))
            (canon lower (func $c "slow") async (memory (core memory $mem "mem")) (core func $slow))
            (canon lower (func $c "slow") (core func $slow-sync))
            (core instance $i (instantiate $m (with "" (instance
              (export "mem" (memory $mem "mem"))
              (export "task.return" (func $return))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable.join" (func $join))
              (export "subtask.drop" (func $subtask.drop))
              (export "quick" (func $quick))
              (export "slow" (func $slow))
              (export "slow-sync" (func $slow-sync))))))
            (func (export "run") async (result u32) (canon lift (core func $i "run") async (callback (core func $i "run-cb"))))
            (func (export "sync") async (result u32) (canon lift (core func $i "sync")))
            (func (export "sync-typed") (result u32) (canon lift (core func $i "sync")))
            (func (export "drop-early") async (result u32) (canon lift (core func $i "drop-early"))))
          (instance $c (instantiate $C))
          (instance $d (instantiate $D (with "c" (instance $c))))
          (export "run" (func $d "run"))
          (export "sync" (func $d "sync"))
          (export "sync-typed" (func $d "sync-typed"))
          (export "drop-early" (func $d "drop-early")))
        """;

    [Fact]
    public void AnAsyncLowerReturnsAtOnceOrGivesASubtaskWhoseReturnIsAnEvent()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        Assert.Equal(11u, instance.GetFunction("run")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void ASynchronousLowerOfAnAsyncFunctionBlocksUntilItReturns()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        Assert.Equal(106u, instance.GetFunction("sync")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void AFunctionOfASynchronousTypeMayNotBlock()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("sync-typed")!.Invoke());
        Assert.Contains("cannot block a synchronous task", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DroppingASubtaskBeforeItResolvedTraps()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("drop-early")!.Invoke());
        Assert.Contains("not yet resolved", e.Message, StringComparison.Ordinal);
    }
}
