using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Streams and futures (CanonicalABI.md <c>stream_copy</c>, <c>future_copy</c>, <c>cancel_copy</c>): a write waits for
/// a read to rendezvous, partial copies report their progress as <c>result | count &lt;&lt; 4</c>, cancellation gives
/// the buffer back, a busy end may not be dropped, a done end may not be copied again, and a future's writable end may
/// not be dropped before a value was written.
/// </summary>
public class StreamTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// "partial" writes 4 bytes (blocked: no reader), reads 3 of them (completed, 3 copied), polls the writer's
    /// partial-write event, reads the last byte into a fresh buffer and returns the sum of the read bytes plus 1000 times
    /// the write event's payload. "cancel" starts a read and cancels it. "busy-drop" drops a writable end whose write
    /// is pending. "future-drop" drops a future's writable end without writing. "after-drop" reads from a stream
    /// whose writable end was dropped twice.
    /// </summary>
    private const string Component = """
        (component
          (core module $mem (memory (export "mem") 1))
          (core instance $mem (instantiate $mem))
          (core module $m
            (import "" "mem" (memory 1))
            (import "" "stream.new" (func $new (result i64)))
            (import "" "stream.read" (func $read (param i32 i32 i32) (result i32)))
            (import "" "stream.write" (func $write (param i32 i32 i32) (result i32)))
            (import "" "stream.cancel-read" (func $cancel-read (param i32) (result i32)))
            (import "" "stream.drop-readable" (func $drop-r (param i32)))
            (import "" "stream.drop-writable" (func $drop-w (param i32)))
            (import "" "future.new" (func $fnew (result i64)))
            (import "" "future.drop-writable" (func $fdrop-w (param i32)))
            (import "" "waitable-set.new" (func $ws.new (result i32)))
            (import "" "waitable-set.poll" (func $poll (param i32 i32) (result i32)))
            (import "" "waitable.join" (func $join (param i32 i32)))
            (data (i32.const 100) "\01\02\03\04")
            (func (export "partial") (result i32)
              (local $pair i64) (local $r i32) (local $w i32) (local $ws i32) (local $writeEvent i32)
              (local.set $pair (call $new))
              (local.set $r (i32.wrap_i64 (local.get $pair)))
              (local.set $w (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
              (if (i32.ne (call $write (local.get $w) (i32.const 100) (i32.const 4)) (i32.const -1)) (then unreachable))
              (if (i32.ne (call $read (local.get $r) (i32.const 200) (i32.const 3)) (i32.const 0x30)) (then unreachable))
              (local.set $ws (call $ws.new))
              (call $join (local.get $w) (local.get $ws))
              (if (i32.ne (call $poll (local.get $ws) (i32.const 300)) (i32.const 3)) (then unreachable))
              (if (i32.ne (i32.load (i32.const 300)) (local.get $w)) (then unreachable))
              (local.set $writeEvent (i32.load (i32.const 304)))
              (call $join (local.get $w) (i32.const 0))
              (if (i32.ne (call $write (local.get $w) (i32.const 103) (i32.const 1)) (i32.const -1)) (then unreachable))
              (if (i32.ne (call $read (local.get $r) (i32.const 203) (i32.const 5)) (i32.const 0x10)) (then unreachable))
              (i32.add
                (i32.mul (local.get $writeEvent) (i32.const 1000))
                (i32.add
                  (i32.add (i32.load8_u (i32.const 200)) (i32.load8_u (i32.const 201)))
                  (i32.add (i32.load8_u (i32.const 202)) (i32.load8_u (i32.const 203))))))
            (func (export "cancel") (result i32)
              (local $pair i64) (local $r i32)
              (local.set $pair (call $new))
              (local.set $r (i32.wrap_i64 (local.get $pair)))
              (if (i32.ne (call $read (local.get $r) (i32.const 200) (i32.const 3)) (i32.const -1)) (then unreachable))
              (call $cancel-read (local.get $r)))
            (func (export "busy-drop") (result i32)
              (local $w i32)
              (local.set $w (i32.wrap_i64 (i64.shr_u (call $new) (i64.const 32))))
              (drop (call $write (local.get $w) (i32.const 100) (i32.const 4)))
              (call $drop-w (local.get $w))
              (i32.const 0))
            (func (export "future-drop") (result i32)
              (call $fdrop-w (i32.wrap_i64 (i64.shr_u (call $fnew) (i64.const 32))))
              (i32.const 0))
            (func (export "after-drop") (result i32)
              (local $pair i64) (local $r i32)
              (local.set $pair (call $new))
              (local.set $r (i32.wrap_i64 (local.get $pair)))
              (call $drop-w (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
              (if (i32.ne (call $read (local.get $r) (i32.const 200) (i32.const 3)) (i32.const 1)) (then unreachable))
              (drop (call $read (local.get $r) (i32.const 200) (i32.const 3)))
              (i32.const 0)))
          (type $bytes (stream u8))
          (type $unit (future))
          (canon stream.new $bytes (core func $new))
          (canon stream.read $bytes async (memory (core memory $mem "mem")) (core func $read))
          (canon stream.write $bytes async (memory (core memory $mem "mem")) (core func $write))
          (canon stream.cancel-read $bytes (core func $cancel-read))
          (canon stream.drop-readable $bytes (core func $drop-r))
          (canon stream.drop-writable $bytes (core func $drop-w))
          (canon future.new $unit (core func $fnew))
          (canon future.drop-writable $unit (core func $fdrop-w))
          (canon waitable-set.new (core func $ws.new))
          (canon waitable-set.poll (memory (core memory $mem "mem")) (core func $poll))
          (canon waitable.join (core func $join))
          (core instance $i (instantiate $m (with "" (instance
            (export "mem" (memory $mem "mem"))
            (export "stream.new" (func $new))
            (export "stream.read" (func $read))
            (export "stream.write" (func $write))
            (export "stream.cancel-read" (func $cancel-read))
            (export "stream.drop-readable" (func $drop-r))
            (export "stream.drop-writable" (func $drop-w))
            (export "future.new" (func $fnew))
            (export "future.drop-writable" (func $fdrop-w))
            (export "waitable-set.new" (func $ws.new))
            (export "waitable-set.poll" (func $poll))
            (export "waitable.join" (func $join))))))
          (func (export "partial") (result u32) (canon lift (core func $i "partial")))
          (func (export "cancel") async (result u32) (canon lift (core func $i "cancel")))
          (func (export "sync-cancel") (result u32) (canon lift (core func $i "cancel")))
          (func (export "busy-drop") (result u32) (canon lift (core func $i "busy-drop")))
          (func (export "future-drop") (result u32) (canon lift (core func $i "future-drop")))
          (func (export "after-drop") (result u32) (canon lift (core func $i "after-drop"))))
        """;

    [Fact]
    public void PartialCopiesReportTheirProgressToBothEnds()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());

        // Bytes 1+2+3+4 arrive; the writer's event is COMPLETED with 3 elements copied (0x30).
        Assert.Equal((0x30 * 1000) + 10u, instance.GetFunction("partial")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void CancellingAPendingReadGivesCancelledWithNothingCopied()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        Assert.Equal(2u, instance.GetFunction("cancel")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void ASynchronousTaskMayNotCallABuiltInThatCanBlock()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("sync-cancel")!.Invoke());
        Assert.Contains("cannot block a synchronous task", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DroppingABusyEndTraps()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("busy-drop")!.Invoke());
        Assert.Contains("cannot drop busy stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFutureWriterMayNotBeDroppedBeforeWriting()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        Assert.Throws<ComponentTrapException>(() => instance.GetFunction("future-drop")!.Invoke());
    }

    [Fact]
    public void AReadAfterTheWriterDroppedIsDroppedAndThenDone()
    {
        using var instance = Runtime.LoadText(Component).Instantiate(new HostImports());
        var e = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("after-drop")!.Invoke());
        Assert.Contains("done", e.Message, StringComparison.Ordinal);
    }
}
