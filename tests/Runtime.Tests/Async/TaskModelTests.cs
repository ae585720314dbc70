using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// The task model of async-lifted exports with a callback (CanonicalABI.md <c>canon_lift</c>, <c>task.return</c>,
/// <c>context.*</c>, waitable sets): the host calls them synchronously or as a .NET task and gets the value the guest
/// passed to <c>task.return</c>; misuse traps, and a guest that can never finish traps instead of hanging.
/// </summary>
public class TaskModelTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// "now" returns 42 at once; "later" yields twice (counting callbacks in context slot 0) and then returns the count
    /// plus 40; "wait-empty" waits on an empty waitable set; "no-return" exits without task.return; "bad-code" returns
    /// callback code 7.
    /// </summary>
    private const string Component = """
        (component
          (core module $m
            (import "" "task.return" (func $return (param i32)))
            (import "" "context.get" (func $get (result i32)))
            (import "" "context.set" (func $set (param i32)))
            (import "" "waitable-set.new" (func $ws.new (result i32)))
            (func (export "now") (result i32) (call $return (i32.const 42)) (i32.const 0))
            (func (export "later") (result i32) (call $set (i32.const 0)) (i32.const 1))
            (func (export "later-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
              (if (local.get $code) (then unreachable))
              (call $set (i32.add (call $get) (i32.const 1)))
              (if (i32.lt_u (call $get) (i32.const 2)) (then (return (i32.const 1))))
              (call $return (i32.add (call $get) (i32.const 40)))
              (i32.const 0))
            (func (export "wait-empty") (result i32) (i32.or (i32.const 2) (i32.shl (call $ws.new) (i32.const 4))))
            (func (export "no-return") (result i32) (i32.const 0))
            (func (export "bad-code") (result i32) (i32.const 7))
            (func (export "unreachable-cb") (param i32 i32 i32) (result i32) unreachable))
          (canon task.return (result u32) (core func $return))
          (canon context.get i32 0 (core func $get))
          (canon context.set i32 0 (core func $set))
          (canon waitable-set.new (core func $ws.new))
          (core instance $i (instantiate $m (with "" (instance
            (export "task.return" (func $return))
            (export "context.get" (func $get))
            (export "context.set" (func $set))
            (export "waitable-set.new" (func $ws.new))))))
          (func (export "now") async (result u32) (canon lift (core func $i "now") async (callback (core func $i "unreachable-cb"))))
          (func (export "later") async (result u32) (canon lift (core func $i "later") async (callback (core func $i "later-cb"))))
          (func (export "wait-empty") async (result u32) (canon lift (core func $i "wait-empty") async (callback (core func $i "unreachable-cb"))))
          (func (export "no-return") async (result u32) (canon lift (core func $i "no-return") async (callback (core func $i "unreachable-cb"))))
          (func (export "bad-code") async (result u32) (canon lift (core func $i "bad-code") async (callback (core func $i "unreachable-cb")))))
        """;

    [Fact]
    public void TaskReturnGivesTheResultOfAnExportThatExitsAtOnce()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        Assert.Equal(42u, instance.GetFunction("now")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void YieldedTasksGetCallbacksAndKeepTheirContext()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var later = instance.GetFunction("later")!;
        Assert.Equal(42u, later.Invoke()[0].AsU32());
        Assert.Equal(42u, later.Invoke()[0].AsU32()); // context starts at zero for each task
    }

    [Fact]
    public async Task InvokeAsyncCompletesWithTheReturnedValue()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var results = await instance.GetFunction("later")!.InvokeAsync([]);
        Assert.Equal(42u, results[0].AsU32());
    }

    [Fact]
    public void WaitingOnAnEmptySetWithNothingElseToRunIsADeadlockTrap()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("wait-empty")!.Invoke());
        Assert.Contains("deadlock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitingWithoutTaskReturnTrapsAndPoisonsTheInstance()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("no-return")!.Invoke());
        Assert.Contains("task.return", e.Message, StringComparison.Ordinal);
        Assert.Throws<ComponentTrapException>(() => instance.GetFunction("now")!.Invoke());
    }

    [Fact]
    public void AnUnknownCallbackCodeTraps()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("bad-code")!.Invoke());
        Assert.Contains("callback code 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskReturnOfAnotherTypeThanTheLiftedFunctionsTraps()
    {
        const string mismatched = """
            (component
              (core module $m
                (import "" "task.return" (func $return (param i64)))
                (func (export "f") (result i32) (call $return (i64.const 1)) (i32.const 0))
                (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
              (canon task.return (result u64) (core func $return))
              (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $return))))))
              (func (export "f") async (result u32) (canon lift (core func $i "f") async (callback (core func $i "cb")))))
            """;
        using var instance = Runtime.LoadText(mismatched).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("f")!.Invoke());
        Assert.Contains("task.return", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskReturnFromASynchronousLiftTraps()
    {
        const string synchronous = """
            (component
              (core module $m
                (import "" "task.return" (func $return (param i32)))
                (func (export "f") (result i32) (call $return (i32.const 1)) (i32.const 0)))
              (canon task.return (result u32) (core func $return))
              (core instance $i (instantiate $m (with "" (instance (export "task.return" (func $return))))))
              (func (export "f") (result u32) (canon lift (core func $i "f"))))
            """;
        using var instance = Runtime.LoadText(synchronous).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("f")!.Invoke());
        Assert.Contains("async option", e.Message, StringComparison.Ordinal);
    }
}
