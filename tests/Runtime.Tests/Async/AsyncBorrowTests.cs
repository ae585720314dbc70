using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Borrowed handles and async tasks (CanonicalABI.md <c>num_borrows</c>, <c>num_lends</c>, <c>Subtask.lenders</c>):
/// an async-lifted callee must drop every borrow it was lent before <c>task.return</c>; a borrow it lends on to a
/// subtask of its own cannot be dropped until it has been told that the subtask resolved, even when the subtask has
/// already returned.
/// </summary>
public class AsyncBorrowTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// Every export (of the inner component $Caller) is async-lifted with a callback and takes a borrow of the host's
    /// "thing". The sibling component $Callee's "hold" (async, callback) takes the borrow on, yields once, then tells the host ("note",
    /// the borrow's representation, read through the host's "host-rep-of"), drops its borrow and returns.
    /// </summary>
    private const string Component = """
        (component
          (import "thing" (type $thing (sub resource)))
          (import "note" (func $note (param "rep" u32)))
          (component $Callee
            (import "thing" (type $thing (sub resource)))
            (import "note" (func $note (param "rep" u32)))
            (import "rep-of" (func $rep-of (param "t" (borrow $thing)) (result u32)))
            (core func $return (canon task.return))
            (core func $drop (canon resource.drop $thing))
            (core func $note (canon lower (func $note)))
            (core func $rep-of (canon lower (func $rep-of)))
            (core module $m
              (import "" "task.return" (func $return))
              (import "" "drop" (func $drop (param i32)))
              (import "" "note" (func $note (param i32)))
              (import "" "rep-of" (func $rep-of (param i32) (result i32)))
              (global $h (mut i32) (i32.const 0))
              (func (export "hold") (param $h i32) (result i32) (global.set $h (local.get $h)) (i32.const 1))
              (func (export "hold-cb") (param i32 i32 i32) (result i32)
                (call $note (call $rep-of (global.get $h)))
                (call $drop (global.get $h))
                (call $return)
                (i32.const 0)))
            (core instance $i (instantiate $m (with "" (instance
              (export "task.return" (func $return))
              (export "drop" (func $drop))
              (export "note" (func $note))
              (export "rep-of" (func $rep-of))))))
            (func (export "hold") async (param "t" (borrow $thing))
              (canon lift (core func $i "hold") async (callback (core func $i "hold-cb")))))
          (import "host-rep-of" (func $host-rep-of (param "t" (borrow $thing)) (result u32)))
          (instance $callee (instantiate $Callee
            (with "thing" (type $thing))
            (with "note" (func $note))
            (with "rep-of" (func $host-rep-of))))
          (component $Caller
            (import "thing" (type $thing (sub resource)))
            (import "hold" (func $hold async (param "t" (borrow $thing))))
            (core func $return (canon task.return))
            (core func $drop (canon resource.drop $thing))
            (core func $ws.new (canon waitable-set.new))
            (core func $join (canon waitable.join))
            (core func $subtask.drop (canon subtask.drop))
            (core func $yield (canon thread.yield))
            (core func $hold (canon lower (func $hold) async))
            (core module $m
              (import "" "task.return" (func $return))
              (import "" "drop" (func $drop (param i32)))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable.join" (func $join (param i32 i32)))
              (import "" "subtask.drop" (func $subtask.drop (param i32)))
              (import "" "thread.yield" (func $yield (result i32)))
              (import "" "hold" (func $hold (param i32) (result i32)))
              (global $h (mut i32) (i32.const 0))
              (global $subtask (mut i32) (i32.const 0))
              ;; Starts hold with the borrow, which must report STARTED (it yields), and keeps the subtask.
              (func $start-hold (param $h i32)
                (local $ret i32)
                (global.set $h (local.get $h))
                (local.set $ret (call $hold (local.get $h)))
                (if (i32.ne (i32.and (local.get $ret) (i32.const 15)) (i32.const 1)) (then unreachable))
                (global.set $subtask (i32.shr_u (local.get $ret) (i32.const 4))))
              (func (export "keep") (param $h i32) (result i32) (call $return) (i32.const 0))
              (func (export "drop-then-return") (param $h i32) (result i32) (call $drop (local.get $h)) (call $return) (i32.const 0))
              (func (export "drop-while-lent") (param $h i32) (result i32)
                (call $start-hold (local.get $h))
                (call $drop (local.get $h))
                (call $return)
                (i32.const 0))
              (func (export "drop-before-delivery") (param $h i32) (result i32)
                (call $start-hold (local.get $h))
                ;; hold's callback runs meanwhile: it returns, but this task has not been told.
                (drop (call $yield))
                (call $drop (local.get $h))
                (call $return)
                (i32.const 0))
              (func (export "drop-after-delivery") (param $h i32) (result i32)
                (local $ws i32)
                (call $start-hold (local.get $h))
                (local.set $ws (call $ws.new))
                (call $join (global.get $subtask) (local.get $ws))
                (i32.or (i32.const 2) (i32.shl (local.get $ws) (i32.const 4))))
              (func (export "drop-after-delivery-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
                ;; SUBTASK event of the subtask: RETURNED.
                (if (i32.ne (local.get $code) (i32.const 1)) (then unreachable))
                (if (i32.ne (local.get $index) (global.get $subtask)) (then unreachable))
                (if (i32.ne (local.get $payload) (i32.const 2)) (then unreachable))
                (call $join (global.get $subtask) (i32.const 0))
                (call $subtask.drop (global.get $subtask))
                (call $drop (global.get $h))
                (call $return)
                (i32.const 0))
              (func (export "unreachable-cb") (param i32 i32 i32) (result i32) unreachable))
            (core instance $i (instantiate $m (with "" (instance
              (export "task.return" (func $return))
              (export "drop" (func $drop))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable.join" (func $join))
              (export "subtask.drop" (func $subtask.drop))
              (export "thread.yield" (func $yield))
              (export "hold" (func $hold))))))
            (func (export "keep") async (param "t" (borrow $thing))
              (canon lift (core func $i "keep") async (callback (core func $i "unreachable-cb"))))
            (func (export "drop-then-return") async (param "t" (borrow $thing))
              (canon lift (core func $i "drop-then-return") async (callback (core func $i "unreachable-cb"))))
            (func (export "drop-while-lent") async (param "t" (borrow $thing))
              (canon lift (core func $i "drop-while-lent") async (callback (core func $i "unreachable-cb"))))
            (func (export "drop-before-delivery") async (param "t" (borrow $thing))
              (canon lift (core func $i "drop-before-delivery") async (callback (core func $i "unreachable-cb"))))
            (func (export "drop-after-delivery") async (param "t" (borrow $thing))
              (canon lift (core func $i "drop-after-delivery") async (callback (core func $i "drop-after-delivery-cb")))))
          (instance $caller (instantiate $Caller (with "thing" (type $thing)) (with "hold" (func $callee "hold"))))
          (export "keep" (func $caller "keep"))
          (export "drop-then-return" (func $caller "drop-then-return"))
          (export "drop-while-lent" (func $caller "drop-while-lent"))
          (export "drop-before-delivery" (func $caller "drop-before-delivery"))
          (export "drop-after-delivery" (func $caller "drop-after-delivery")))
        """;

    private sealed class Host
    {
        public readonly List<uint> Notes = new();

        public ResourceType Thing { get; }

        public HostImports Imports { get; } = new();

        public Host()
        {
            Thing = Imports.DefineResource("thing");
            Imports.DefineFunction("note", args =>
            {
                Notes.Add(args[0].AsU32());
                return [];
            });
            Imports.DefineFunction("host-rep-of", args => [WitValue.U32((uint)((ResourceValue)args[0].AsHandle()).Rep)]);
        }
    }

    private static (ComponentInstance Instance, Host Host) Instantiate()
    {
        var host = new Host();
        return (Runtime.LoadText(Component).Instantiate(host.Imports), host);
    }

    private static WitValue Thing(Host host, int rep) => WitValue.Handle(new ResourceValue(host.Thing, rep));

    [Fact]
    public void TaskReturnWithABorrowNotDroppedTraps()
    {
        var (instance, host) = Instantiate();
        using (instance)
        {
            var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("keep")!.Invoke(Thing(host, 7)));
            Assert.Equal(ComponentTrapKind.InvalidHandle, trap.Kind);
            Assert.Contains("borrow handles still remain", trap.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TaskReturnAfterTheBorrowIsDroppedReturns()
    {
        var (instance, host) = Instantiate();
        using (instance)
        {
            var f = instance.GetFunction("drop-then-return")!;
            Assert.Empty(f.Invoke(Thing(host, 7)));
            Assert.Empty(f.Invoke(Thing(host, 8))); // nothing stays lent or counted between calls
        }
    }

    [Fact]
    public void ABorrowLentOnToARunningSubtaskCannotBeDropped()
    {
        var (instance, host) = Instantiate();
        using (instance)
        {
            var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("drop-while-lent")!.Invoke(Thing(host, 7)));
            Assert.Equal(ComponentTrapKind.InvalidHandle, trap.Kind);
            Assert.Contains("lent to an active call", trap.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABorrowLentOnStaysLentUntilTheResolutionIsDelivered()
    {
        var (instance, host) = Instantiate();
        using (instance)
        {
            var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("drop-before-delivery")!.Invoke(Thing(host, 7)));
            Assert.Contains("lent to an active call", trap.Message, StringComparison.Ordinal);
            Assert.Equal([7u], host.Notes); // the subtask had returned (its callback ran) before the drop
        }
    }

    [Fact]
    public async Task ABorrowLentOnCanBeDroppedOnceTheSubtaskEventIsDelivered()
    {
        var (instance, host) = Instantiate();
        using (instance)
        {
            var f = instance.GetFunction("drop-after-delivery")!;
            Assert.Empty(f.Invoke(Thing(host, 7)));
            Assert.Empty(await f.InvokeAsync([Thing(host, 9)]));
            Assert.Equal([7u, 9u], host.Notes);
        }
    }
}
