using BenchmarkDotNet.Attributes;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Tests.Linking;

namespace WitBindgen.Benchmarks;

/// <summary>
/// A guest calling another guest 1,000 times per operation: the caller's <c>add-loop</c> calls the callee's
/// <c>add(u32, u32)</c>, its <c>echo-loop</c> the callee's 100-byte string <c>echo</c>. The callee's functions reach
/// the caller through a live link (<see cref="HostImports.Link"/>, the fused adapter) or, as before linking existed,
/// through dynamic host functions that call the callee's exports (<see cref="WitValue"/>s both ways).
/// </summary>
[MemoryDiagnoser]
public class LinkedCallBenchmarks
{
    private const int InnerCalls = 1000;

    private static readonly string Text = new('x', 100);

    private ComponentRuntime _runtime = null!;
    private ComponentInstance _callee = null!;
    private ComponentInstance _linked = null!;
    private ComponentInstance _dynamic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ComponentRuntime();
        _callee = _runtime.Load(WatText.ToBinary(LinkedPairWat.Callee)).Instantiate();
        var caller = _runtime.Load(WatText.ToBinary(LinkedPairWat.Caller));
        _linked = caller.Instantiate(new HostImports().LinkExports(_callee));
        var add = _callee.GetFunction("add")!;
        var echo = _callee.GetFunction("echo")!;
        _dynamic = caller.Instantiate(new HostImports()
            .DefineFunction("add", args => add.Invoke(args))
            .DefineFunction("echo", args => echo.Invoke(args)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _linked.Dispose();
        _dynamic.Dispose();
        _callee.Dispose();
        _runtime.Dispose();
    }

    /// <summary>1,000 <c>add</c> calls through the live link.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint AddLinked() => AddLoop(_linked);

    /// <summary>1,000 <c>add</c> calls through dynamic host functions.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint AddThroughHost() => AddLoop(_dynamic);

    /// <summary>1,000 echoes of a 100-byte string through the live link.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint EchoLinked() => EchoLoop(_linked);

    /// <summary>1,000 echoes of a 100-byte string through dynamic host functions.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint EchoThroughHost() => EchoLoop(_dynamic);

    private static uint AddLoop(ComponentInstance caller)
    {
        var function = caller.GetRawFunction("add-loop")!;
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromU32(InnerCalls);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }

    private static uint EchoLoop(ComponentInstance caller)
    {
        var function = caller.GetRawFunction("echo-loop")!;
        Span<RawValue> slots = stackalloc RawValue[3];
        var text = CanonicalAbi.LowerString(function.CreateContext(), Text);
        slots[0] = RawValue.FromU32(text.Pointer);
        slots[1] = RawValue.FromU32(text.Length);
        slots[2] = RawValue.FromU32(InnerCalls);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }
}
