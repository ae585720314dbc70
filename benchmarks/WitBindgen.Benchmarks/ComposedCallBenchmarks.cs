using BenchmarkDotNet.Attributes;
using Wasmtime;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Issue 15's speed section: guest A calls guest B's export 1,000 times per operation (<see cref="ComposedPairWat"/>:
/// <c>add(u32, u32)</c>, a 100-byte string echo, <c>sum</c> of a <c>list&lt;u32&gt;</c> of 1,000, a record
/// <c>mirror</c>), three ways: the two linked live on this runtime (<see cref="HostImports.LinkExports"/>), the
/// composed binary on this runtime, and the composed binary on <c>Wasmtime.Components</c> (which compiles its
/// adapters). Reported per inner call.
/// </summary>
[MemoryDiagnoser]
public class ComposedCallBenchmarks
{
    private const int InnerCalls = 1000;

    private ComponentRuntime _runtime = null!;
    private ComponentRuntime _hostAdapterRuntime = null!;
    private ComponentInstance _composedHostAdapter = null!;
    private RawComponentFunction _composedHostAdapterLoop = null!;
    private ComponentInstance _callee = null!;
    private ComponentInstance _linked = null!;
    private ComponentInstance _composed = null!;
    private RawComponentFunction _linkedLoop = null!;
    private RawComponentFunction _composedLoop = null!;
    private Engine _engine = null!;
    private Store _store = null!;
    private Wasmtime.Components.Component _theirComponent = null!;
    private Wasmtime.Components.ComponentLinker _theirLinker = null!;
    private Wasmtime.Components.ComponentFunction _theirLoop = null!;

    /// <summary>The caller's loop: add-loop, echo-loop, sum-loop or mirror-loop.</summary>
    [ParamsSource(nameof(Loops))]
    public string Loop { get; set; } = "add-loop";

    /// <summary>The loops measured.</summary>
    public static IEnumerable<string> Loops => ComposedPairWat.Loops;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ComponentRuntime();
        _callee = _runtime.Load(WatText.ToBinary(ComposedPairWat.Callee)).Instantiate();
        _linked = _runtime.Load(WatText.ToBinary(ComposedPairWat.Caller)).Instantiate(new HostImports().LinkExports(_callee));
        var composed = WatText.ToBinary(ComposedPairWat.Composed);
        _composed = _runtime.Load(composed).Instantiate();
        _linkedLoop = _linked.GetRawFunction(Loop)!;
        _composedLoop = _composed.GetRawFunction(Loop)!;

        // The same binary with every link on the host-side adapter (wasm adapters switched off): the "before" row.
        _hostAdapterRuntime = new ComponentRuntime { WasmAdapters = false };
        _composedHostAdapter = _hostAdapterRuntime.Load(composed).Instantiate();
        _composedHostAdapterLoop = _composedHostAdapter.GetRawFunction(Loop)!;

        _engine = new Engine(new Config().WithComponentModel(true));
        _theirComponent = Wasmtime.Components.Component.FromBytes(_engine, composed);
        _theirLinker = new Wasmtime.Components.ComponentLinker(_engine);
        _store = new Store(_engine);
        _theirLoop = _theirLinker.Instantiate(_store, _theirComponent).GetFunction(Loop)!;

        // The three must compute the same thing.
        var (live, ours, host, theirs) = (Linked(), ComposedOurs(), ComposedOursHostAdapter(), ComposedWasmtime());
        if (live != ours || ours != theirs || host != ours)
        {
            throw new InvalidOperationException($"{Loop}: live {live}, composed {ours}, composed with host adapters {host}, Wasmtime {theirs}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _linked.Dispose();
        _composed.Dispose();
        _composedHostAdapter.Dispose();
        _callee.Dispose();
        _runtime.Dispose();
        _hostAdapterRuntime.Dispose();
        _store.Dispose();
        _theirLinker.Dispose();
        _theirComponent.Dispose();
        _engine.Dispose();
    }

    /// <summary>1,000 inner calls, the two components linked live.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls, Baseline = true)]
    public uint Linked() => Run(_linkedLoop);

    /// <summary>1,000 inner calls inside the composed binary on this runtime.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint ComposedOurs() => Run(_composedLoop);

    /// <summary>1,000 inner calls inside the composed binary on this runtime with the wasm adapters switched off.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint ComposedOursHostAdapter() => Run(_composedHostAdapterLoop);

    /// <summary>1,000 inner calls inside the composed binary on Wasmtime.Components.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint ComposedWasmtime() => _theirLoop.Call(CV.U32(InnerCalls))!.AsU32();

    private static uint Run(RawComponentFunction function)
    {
        Span<RawValue> slots = stackalloc RawValue[1];
        slots[0] = RawValue.FromU32(InnerCalls);
        var entered = function.Call(slots);
        var result = slots[0].U32;
        function.Complete(entered, slots);
        return result;
    }
}
