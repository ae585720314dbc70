using BenchmarkDotNet.Attributes;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Component-model async next to its synchronous equivalent (issue 18's speed section): an async export that
/// completes at once against a synchronous export, and an async export that awaits a host <see cref="Task"/> once
/// against a synchronous export that calls a synchronous host function once. Goal: an immediately-completing async
/// call at most 2x the synchronous call.
/// </summary>
[MemoryDiagnoser]
public class AsyncBenchmarks
{
    /// <summary>
    /// "add" (synchronous) and "add-async" (async lift with callback: task.return, then EXIT) add two u32s. "call-host"
    /// (synchronous) calls the synchronous host import "inc" once; "await-host" (async lift with callback) calls the
    /// async host import "inc-async" with an async lower, waits for its subtask and returns its result.
    /// </summary>
    private const string Component = """
        (component
          (import "inc" (func $inc (param "x" u32) (result u32)))
          (import "inc-async" (func $inc-async async (param "x" u32) (result u32)))
          (core module $mem (memory (export "mem") 1))
          (core instance $mem (instantiate $mem))
          (core func $inc' (canon lower (func $inc)))
          (core module $m
            (import "" "mem" (memory 1))
            (import "" "task.return" (func $return (param i32)))
            (import "" "waitable-set.new" (func $ws.new (result i32)))
            (import "" "waitable-set.drop" (func $ws.drop (param i32)))
            (import "" "waitable.join" (func $join (param i32 i32)))
            (import "" "subtask.drop" (func $subtask.drop (param i32)))
            (import "" "inc" (func $inc (param i32) (result i32)))
            (import "" "inc-async" (func $inc-async (param i32 i32) (result i32)))
            (global $subtask (mut i32) (i32.const 0))
            (global $ws (mut i32) (i32.const 0))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "add-async") (param i32 i32) (result i32)
              (call $return (i32.add (local.get 0) (local.get 1)))
              (i32.const 0))
            (func (export "call-host") (param i32) (result i32) (call $inc (local.get 0)))
            (func (export "await-host") (param $x i32) (result i32)
              (local $ret i32)
              (local.set $ret (call $inc-async (local.get $x) (i32.const 16)))
              (if (i32.eq (local.get $ret) (i32.const 2)) (then
                (call $return (i32.load (i32.const 16)))
                (return (i32.const 0))))
              (global.set $subtask (i32.shr_u (local.get $ret) (i32.const 4)))
              (global.set $ws (call $ws.new))
              (call $join (global.get $subtask) (global.get $ws))
              (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))
            (func (export "await-host-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
              (if (i32.ne (local.get $code) (i32.const 1)) (then unreachable))
              (if (i32.ne (local.get $payload) (i32.const 2)) (then unreachable))
              (call $join (global.get $subtask) (i32.const 0))
              (call $subtask.drop (global.get $subtask))
              (call $ws.drop (global.get $ws))
              (call $return (i32.load (i32.const 16)))
              (i32.const 0))
            (func (export "no-cb") (param i32 i32 i32) (result i32) unreachable))
          (canon task.return (result u32) (core func $return))
          (canon waitable-set.new (core func $ws.new))
          (canon waitable-set.drop (core func $ws.drop))
          (canon waitable.join (core func $join))
          (canon subtask.drop (core func $subtask.drop))
          (canon lower (func $inc-async) async (memory (core memory $mem "mem")) (core func $inc-async'))
          (core instance $i (instantiate $m (with "" (instance
            (export "mem" (memory $mem "mem"))
            (export "task.return" (func $return))
            (export "waitable-set.new" (func $ws.new))
            (export "waitable-set.drop" (func $ws.drop))
            (export "waitable.join" (func $join))
            (export "subtask.drop" (func $subtask.drop))
            (export "inc" (func $inc'))
            (export "inc-async" (func $inc-async'))))))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
          (func (export "add-async") async (param "a" u32) (param "b" u32) (result u32)
            (canon lift (core func $i "add-async") async (callback (core func $i "no-cb"))))
          (func (export "call-host") (param "x" u32) (result u32) (canon lift (core func $i "call-host")))
          (func (export "await-host") async (param "x" u32) (result u32)
            (canon lift (core func $i "await-host") async (callback (core func $i "await-host-cb")))))
        """;

    private ComponentRuntime _runtime = null!;
    private ComponentInstance _instance = null!;
    private ComponentFunction _add = null!;
    private RawComponentFunction _addRaw = null!;
    private ComponentFunction _addAsync = null!;
    private RawAsyncComponentFunction _addAsyncRaw = null!;
    private ComponentFunction _callHost = null!;
    private ComponentFunction _awaitHost = null!;
    private WitValue[] _addArgs = null!;
    private WitValue[] _hostArgs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var imports = new HostImports()
            .DefineFunction("inc", args => [WitValue.U32(args[0].AsU32() + 1)])
            .DefineAsyncFunction("inc-async", async (args, _) =>
            {
                await Task.Yield();
                return [WitValue.U32(args[0].AsU32() + 1)];
            });
        _runtime = new ComponentRuntime();
        _instance = _runtime.Load(WatText.ToBinary(Component)).Instantiate(imports);
        _add = _instance.GetFunction("add")!;
        _addRaw = _instance.GetRawFunction("add")!;
        _addAsync = _instance.GetFunction("add-async")!;
        _addAsyncRaw = _instance.GetRawAsyncFunction("add-async")!;
        _callHost = _instance.GetFunction("call-host")!;
        _awaitHost = _instance.GetFunction("await-host")!;
        _addArgs = [WitValue.U32(40), WitValue.U32(2)];
        _hostArgs = [WitValue.U32(41)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _instance.Dispose();
        _runtime.Dispose();
    }

    /// <summary>add(u32, u32), a synchronous export, through the dynamic path.</summary>
    [Benchmark(Baseline = true)]
    public uint SyncInvoke() => _add.Invoke(_addArgs)[0].AsU32();

    /// <summary>add(u32, u32), a synchronous export, through the raw path generated bindings use.</summary>
    [Benchmark]
    public uint SyncRaw()
    {
        Span<RawValue> slots = stackalloc RawValue[2];
        slots[0] = RawValue.FromU32(40);
        slots[1] = RawValue.FromU32(2);
        var entered = _addRaw.Call(slots);
        var sum = slots[0].U32;
        _addRaw.Complete(entered, slots);
        return sum;
    }

    /// <summary>The same add as an async export that returns at once, with <see cref="ComponentFunction.Invoke"/>.</summary>
    [Benchmark]
    public uint AsyncImmediateInvoke() => _addAsync.Invoke(_addArgs)[0].AsU32();

    /// <summary>The same with <see cref="ComponentFunction.InvokeAsync"/>.</summary>
    [Benchmark]
    public async Task<uint> AsyncImmediateInvokeAsync() => (await _addAsync.InvokeAsync(_addArgs).ConfigureAwait(false))[0].AsU32();

    /// <summary>The same through the raw async path generated bindings use (<see cref="RawAsyncComponentFunction"/>).</summary>
    [Benchmark]
    public async Task<uint> AsyncImmediateRaw() => await _addAsyncRaw.InvokeAsync(LowerAdd, LiftU32).ConfigureAwait(false);

    private static void LowerAdd(AbiContext context, Span<RawValue> slots)
    {
        slots[0] = RawValue.FromU32(40);
        slots[1] = RawValue.FromU32(2);
    }

    private static uint LiftU32(AbiContext context, ReadOnlySpan<RawValue> values) => values[0].U32;

    /// <summary>A synchronous export that calls a synchronous host function once.</summary>
    [Benchmark]
    public uint SyncHostCall() => _callHost.Invoke(_hostArgs)[0].AsU32();

    /// <summary>An async export that awaits a host task once (the task yields, then completes on the thread pool).</summary>
    [Benchmark]
    public async Task<uint> AsyncAwaitHostTask() => (await _awaitHost.InvokeAsync(_hostArgs).ConfigureAwait(false))[0].AsU32();
}
