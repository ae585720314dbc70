using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Cancellation (<c>subtask.cancel</c> delivers <c>TASK_CANCELLED</c> to a parked callee, which confirms with
/// <c>task.cancel</c>), backpressure (a call to an instance with backpressure waits to start: <c>STARTING</c>), and a
/// stream handed from one component to another as a result.
/// </summary>
public class CancelAndBackpressureTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Pair = """
        (component
          (component $C
            (core module $mem (memory (export "mem") 1))
            (core instance $mem (instantiate $mem))
            (core module $m
              (import "" "mem" (memory 1))
              (import "" "task.return" (func $return (param i32)))
              (import "" "task.return-stream" (func $return-stream (param i32)))
              (import "" "task.cancel" (func $cancel))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable.join" (func $join (param i32 i32)))
              (import "" "backpressure.inc" (func $bp.inc))
              (import "" "backpressure.dec" (func $bp.dec))
              (import "" "stream.new" (func $stream.new (result i64)))
              (import "" "stream.write" (func $stream.write (param i32 i32 i32) (result i32)))
              (import "" "stream.drop-writable" (func $stream.drop-writable (param i32)))
              (data (i32.const 64) "\0a\14\1e")
              (global $tx (mut i32) (i32.const 0))
              (func (export "wait-forever") (result i32) (i32.or (i32.const 2) (i32.shl (call $ws.new) (i32.const 4))))
              (func (export "wait-forever-cb") (param $code i32) (param i32 i32) (result i32)
                (if (i32.ne (local.get $code) (i32.const 6)) (then unreachable))
                (call $cancel)
                (i32.const 0))
              (func (export "quick") (result i32) (call $return (i32.const 5)) (i32.const 0))
              (func (export "bp-on") (call $bp.inc))
              (func (export "bp-off") (call $bp.dec))
              (func (export "numbers") (result i32)
                (local $pair i64) (local $ws i32)
                (local.set $pair (call $stream.new))
                (global.set $tx (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
                (call $return-stream (i32.wrap_i64 (local.get $pair)))
                (if (i32.ne (call $stream.write (global.get $tx) (i32.const 64) (i32.const 3)) (i32.const -1)) (then unreachable))
                (local.set $ws (call $ws.new))
                (call $join (global.get $tx) (local.get $ws))
                (i32.or (i32.const 2) (i32.shl (local.get $ws) (i32.const 4))))
              (func (export "numbers-cb") (param $code i32) (param i32) (param $payload i32) (result i32)
                (if (i32.ne (local.get $code) (i32.const 3)) (then unreachable))
                (if (i32.ne (local.get $payload) (i32.const 0x30)) (then unreachable))
                (call $join (global.get $tx) (i32.const 0))
                (call $stream.drop-writable (global.get $tx))
                (i32.const 0))
              (func (export "no-cb") (param i32 i32 i32) (result i32) unreachable))
            (type $bytes (stream u8))
            (canon task.return (result u32) (core func $return))
            (canon task.return (result $bytes) (core func $return-stream))
            (canon task.cancel (core func $cancel))
            (canon waitable-set.new (core func $ws.new))
            (canon waitable.join (core func $join))
            (canon backpressure.inc (core func $bp.inc))
            (canon backpressure.dec (core func $bp.dec))
            (canon stream.new $bytes (core func $stream.new))
            (canon stream.write $bytes async (memory (core memory $mem "mem")) (core func $stream.write))
            (canon stream.drop-writable $bytes (core func $stream.drop-writable))
            (core instance $i (instantiate $m (with "" (instance
              (export "mem" (memory $mem "mem"))
              (export "task.return" (func $return))
              (export "task.return-stream" (func $return-stream))
              (export "task.cancel" (func $cancel))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable.join" (func $join))
              (export "backpressure.inc" (func $bp.inc))
              (export "backpressure.dec" (func $bp.dec))
              (export "stream.new" (func $stream.new))
              (export "stream.write" (func $stream.write))
              (export "stream.drop-writable" (func $stream.drop-writable))))))
            (func (export "wait-forever") async (canon lift (core func $i "wait-forever") async (callback (core func $i "wait-forever-cb"))))
            (func (export "quick") async (result u32) (canon lift (core func $i "quick") async (callback (core func $i "no-cb"))))
            (func (export "bp-on") (canon lift (core func $i "bp-on")))
            (func (export "bp-off") (canon lift (core func $i "bp-off")))
            (func (export "numbers") async (result $bytes) (canon lift (core func $i "numbers") async (callback (core func $i "numbers-cb")))))
          (component $D
            (import "c" (instance $c
              (export "wait-forever" (func async))
              (export "quick" (func async (result u32)))
              (export "bp-on" (func))
              (export "bp-off" (func))
              (export "numbers" (func async (result (stream u8))))))
            (core module $mem (memory (export "mem") 1))
            (core instance $mem (instantiate $mem))
            (core module $m
              (import "" "mem" (memory 1))
              (import "" "waitable-set.new" (func $ws.new (result i32)))
              (import "" "waitable-set.wait" (func $wait (param i32 i32) (result i32)))
              (import "" "waitable.join" (func $join (param i32 i32)))
              (import "" "subtask.cancel" (func $subtask.cancel (param i32) (result i32)))
              (import "" "subtask.drop" (func $subtask.drop (param i32)))
              (import "" "stream.read" (func $stream.read (param i32 i32 i32) (result i32)))
              (import "" "wait-forever" (func $wait-forever (result i32)))
              (import "" "quick" (func $quick (param i32) (result i32)))
              (import "" "bp-on" (func $bp-on))
              (import "" "bp-off" (func $bp-off))
              (import "" "numbers" (func $numbers (result i32)))
              (func (export "cancel") (result i32)
                (local $ret i32) (local $subtask i32)
                (local.set $ret (call $wait-forever))
                (if (i32.ne (i32.and (local.get $ret) (i32.const 15)) (i32.const 1)) (then unreachable))
                (local.set $subtask (i32.shr_u (local.get $ret) (i32.const 4)))
                (local.set $ret (call $subtask.cancel (local.get $subtask)))
                (call $subtask.drop (local.get $subtask))
                (local.get $ret))
              (func (export "backpressure") (result i32)
                (local $ret i32) (local $subtask i32) (local $ws i32) (local $code i32)
                (call $bp-on)
                (local.set $ret (call $quick (i32.const 16)))
                (if (i32.ne (i32.and (local.get $ret) (i32.const 15)) (i32.const 0)) (then unreachable))
                (local.set $subtask (i32.shr_u (local.get $ret) (i32.const 4)))
                (call $bp-off)
                (local.set $ws (call $ws.new))
                (call $join (local.get $subtask) (local.get $ws))
                (local.set $code (call $wait (local.get $ws) (i32.const 32)))
                (if (i32.ne (local.get $code) (i32.const 1)) (then unreachable))
                (i32.add (i32.load (i32.const 16)) (i32.mul (i32.load (i32.const 36)) (i32.const 100))))
              (func (export "read-stream") (result i32)
                (local $rx i32)
                (local.set $rx (call $numbers))
                (if (i32.ne (call $stream.read (local.get $rx) (i32.const 0) (i32.const 8)) (i32.const 0x30)) (then unreachable))
                (i32.add (i32.load8_u (i32.const 0)) (i32.add (i32.load8_u (i32.const 1)) (i32.load8_u (i32.const 2))))))
            (type $bytes (stream u8))
            (canon waitable-set.new (core func $ws.new))
            (canon waitable-set.wait (memory (core memory $mem "mem")) (core func $wait))
            (canon waitable.join (core func $join))
            (canon subtask.cancel (core func $subtask.cancel))
            (canon subtask.drop (core func $subtask.drop))
            (canon stream.read $bytes async (memory (core memory $mem "mem")) (core func $stream.read))
            (canon lower (func $c "wait-forever") async (memory (core memory $mem "mem")) (core func $wait-forever))
            (canon lower (func $c "quick") async (memory (core memory $mem "mem")) (core func $quick))
            (canon lower (func $c "bp-on") (core func $bp-on))
            (canon lower (func $c "bp-off") (core func $bp-off))
            (canon lower (func $c "numbers") (core func $numbers))
            (core instance $i (instantiate $m (with "" (instance
              (export "mem" (memory $mem "mem"))
              (export "waitable-set.new" (func $ws.new))
              (export "waitable-set.wait" (func $wait))
              (export "waitable.join" (func $join))
              (export "subtask.cancel" (func $subtask.cancel))
              (export "subtask.drop" (func $subtask.drop))
              (export "stream.read" (func $stream.read))
              (export "wait-forever" (func $wait-forever))
              (export "quick" (func $quick))
              (export "bp-on" (func $bp-on))
              (export "bp-off" (func $bp-off))
              (export "numbers" (func $numbers))))))
            (func (export "cancel") async (result u32) (canon lift (core func $i "cancel")))
            (func (export "backpressure") async (result u32) (canon lift (core func $i "backpressure")))
            (func (export "read-stream") async (result u32) (canon lift (core func $i "read-stream"))))
          (instance $c (instantiate $C))
          (instance $d (instantiate $D (with "c" (instance $c))))
          (export "cancel" (func $d "cancel"))
          (export "backpressure" (func $d "backpressure"))
          (export "read-stream" (func $d "read-stream")))
        """;

    [Fact]
    public void CancellingAParkedSubtaskDeliversTaskCancelledAndEndsItCancelledBeforeReturned()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        Assert.Equal(4u, instance.GetFunction("cancel")!.Invoke()[0].AsU32()); // CANCELLED_BEFORE_RETURNED
    }

    [Fact]
    public void ACallToAnInstanceWithBackpressureWaitsToStart()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());

        // STARTING at first; once backpressure is off the call starts and returns 5: one RETURNED (2) event.
        Assert.Equal(205u, instance.GetFunction("backpressure")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void AStreamReturnedByAnotherComponentIsReadFromItsNewTable()
    {
        using var instance = Runtime.LoadText(Pair).Instantiate(new HostImports());
        Assert.Equal(60u, instance.GetFunction("read-stream")!.Invoke()[0].AsU32()); // 10 + 20 + 30
    }
}
