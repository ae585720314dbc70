using BenchmarkDotNet.Attributes;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Benchmarks;

/// <summary>
/// A <c>stream&lt;u8&gt;</c> from guest to host (issue 18's speed section, goal: at least 1 GB/s) next to the
/// synchronous equivalent, a <c>list&lt;u8&gt;</c> result read through the raw path (a copy out of guest memory).
/// The guest writes its 1 MiB buffer again and again until the size is reached; the host reads with a 1 MiB buffer.
/// </summary>
[MemoryDiagnoser]
public class AsyncStreamBenchmarks
{
    private const int Chunk = 1 << 20;

    /// <summary>
    /// "stream n" (async lift with callback) returns a stream of u8 and then writes n bytes into it from its 1 MiB
    /// buffer at address 0, waiting whenever the write blocks, and drops the writer at the end. "list n" (synchronous)
    /// returns the first n bytes of its memory as a list of u8. Memory: 64 MiB and one page, filled with data when
    /// instantiated (so that no read sees the shared zero page).
    /// </summary>
    private const string Component = """
        (component
          (type $bytes (stream u8))
          (core module $mem (memory (export "mem") 1025))
          (core instance $mem (instantiate $mem))
          (core module $m
            (import "" "mem" (memory 1025))
            (import "" "stream.new" (func $s.new (result i64)))
            (import "" "stream.write" (func $s.write (param i32 i32 i32) (result i32)))
            (import "" "stream.drop-writable" (func $s.drop-w (param i32)))
            (import "" "task.return" (func $ret (param i32)))
            (import "" "waitable-set.new" (func $ws.new (result i32)))
            (import "" "waitable.join" (func $join (param i32 i32)))
            (global $w (mut i32) (i32.const 0))
            (global $left (mut i32) (i32.const 0))
            (global $ws (mut i32) (i32.const 0))
            ;; Real pages with data, not the zero page: 64 MiB of 0x5a.
            (func $init (memory.fill (i32.const 0) (i32.const 0x5a) (i32.const 67108864)))
            (start $init)
            (func $pump (result i32)
              (local $ret i32)
              (loop $again
                (if (i32.eqz (global.get $left)) (then (call $s.drop-w (global.get $w)) (return (i32.const 0))))
                (local.set $ret (call $s.write (global.get $w) (i32.const 0)
                  (select (global.get $left) (i32.const 1048576) (i32.lt_u (global.get $left) (i32.const 1048576)))))
                (if (i32.eq (local.get $ret) (i32.const -1)) (then
                  (if (i32.eqz (global.get $ws)) (then (global.set $ws (call $ws.new))))
                  (call $join (global.get $w) (global.get $ws))
                  (return (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))))
                (if (i32.eq (i32.and (local.get $ret) (i32.const 15)) (i32.const 1)) (then
                  (call $s.drop-w (global.get $w))
                  (return (i32.const 0))))
                (global.set $left (i32.sub (global.get $left) (i32.shr_u (local.get $ret) (i32.const 4))))
                (br $again))
              (i32.const 0))
            (func (export "stream") (param $n i32) (result i32)
              (local $pair i64)
              (local.set $pair (call $s.new))
              (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
              (global.set $left (local.get $n))
              (call $ret (i32.wrap_i64 (local.get $pair)))
              (call $pump))
            (func (export "stream-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
              (if (i32.ne (local.get $code) (i32.const 3)) (then unreachable))
              (call $join (global.get $w) (i32.const 0))
              (if (i32.eq (i32.and (local.get $payload) (i32.const 15)) (i32.const 1)) (then
                (call $s.drop-w (global.get $w))
                (return (i32.const 0))))
              (global.set $left (i32.sub (global.get $left) (i32.shr_u (local.get $payload) (i32.const 4))))
              (call $pump))
            (func (export "list") (param $n i32) (result i32)
              (i32.store (i32.const 67108864) (i32.const 0))
              (i32.store (i32.const 67108868) (local.get $n))
              (i32.const 67108864)))
          (canon stream.new $bytes (core func $s.new))
          (canon stream.write $bytes async (memory (core memory $mem "mem")) (core func $s.write))
          (canon stream.drop-writable $bytes (core func $s.drop-w))
          (canon task.return (result $bytes) (core func $ret))
          (canon waitable-set.new (core func $ws.new))
          (canon waitable.join (core func $join))
          (core instance $i (instantiate $m (with "" (instance
            (export "mem" (memory $mem "mem"))
            (export "stream.new" (func $s.new))
            (export "stream.write" (func $s.write))
            (export "stream.drop-writable" (func $s.drop-w))
            (export "task.return" (func $ret))
            (export "waitable-set.new" (func $ws.new))
            (export "waitable.join" (func $join))))))
          (func (export "stream") async (param "n" u32) (result $bytes)
            (canon lift (core func $i "stream") async (callback (core func $i "stream-cb"))))
          (func (export "list") (param "n" u32) (result (list u8))
            (canon lift (core func $i "list") (memory (core memory $mem "mem")))))
        """;

    private ComponentRuntime _runtime = null!;
    private ComponentInstance _instance = null!;
    private ComponentFunction _stream = null!;
    private RawComponentFunction _list = null!;
    private AbiContext _listContext = null!;
    private byte[] _buffer = null!;
    private byte[] _copy = null!;

    /// <summary>Bytes per call: 1 MiB and 64 MiB.</summary>
    [Params(1 << 20, 64 << 20)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ComponentRuntime();
        _instance = _runtime.Load(WatText.ToBinary(Component)).Instantiate(new HostImports());
        _stream = _instance.GetFunction("stream")!;
        _list = _instance.GetRawFunction("list")!;
        _listContext = _list.CreateContext();
        _buffer = new byte[Chunk];
        _copy = new byte[Size];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _instance.Dispose();
        _runtime.Dispose();
    }

    /// <summary>The guest's stream of <see cref="Size"/> bytes, read by the host with a 1 MiB buffer.</summary>
    [Benchmark]
    public async Task<long> StreamGuestToHost()
    {
        var results = await _stream.InvokeAsync([WitValue.U32((uint)Size)]).ConfigureAwait(false);
        using var reader = StreamReader<byte>.FromWitValue(results[0], WitCodecs.Bytes);
        long total = 0;
        int n;
        while ((n = await reader.ReadAsync(_buffer).ConfigureAwait(false)) > 0)
        {
            total += n;
        }

        return total == Size ? total : throw new InvalidOperationException($"read {total} of {Size} bytes");
    }

    /// <summary>The synchronous equivalent: a list of <see cref="Size"/> bytes, copied out of guest memory on the raw path.</summary>
    [Benchmark(Baseline = true)]
    public long ListGuestToHost()
    {
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromU32((uint)Size);
        var entered = _list.Call(slots);
        try
        {
            var memory = _listContext.GetMemory();
            var record = memory.Slice((int)slots[0].U32, 8);
            var pointer = BitConverter.ToInt32(record);
            var length = BitConverter.ToInt32(record[4..]);
            memory.Slice(pointer, length).CopyTo(_copy);
            return length;
        }
        finally
        {
            _list.Complete(entered, slots);
        }
    }
}
