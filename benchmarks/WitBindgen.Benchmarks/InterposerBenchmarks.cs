using BenchmarkDotNet.Attributes;
using Compose.Provider;
using Compose.Reporter;
using Compose.Store;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi;

namespace WitBindgen.Benchmarks;

/// <summary>
/// What a C# interposer adds to a scalar call between two real components: the Rust reporter's <c>add-loop</c> calls
/// the Go store's <c>add(u32, u32)</c> 1,000 times, its <c>store</c> import given (1) by a live link, (2) through C#:
/// the Go world's exported <c>store</c> object as the Rust world's <see cref="IStore"/> import, (3) the same with a
/// pass-through class around it (the interposer). (3) − (2) is the interposer's own cost.
/// </summary>
[MemoryDiagnoser]
public class InterposerBenchmarks
{
    private const int InnerCalls = 1000;
    private const string Report = "test:compose/report@0.1.0";

    private ComponentRuntime _runtime = null!;
    private ProviderWorld _go = null!;
    private ComponentInstance _linked = null!;
    private ComponentFunction _linkedLoop = null!;
    private ReporterWorld _direct = null!;
    private ReporterWorld _interposed = null!;
    private readonly WitValue[] _arguments = [WitValue.U32(2), WitValue.U32(3), WitValue.U32(InnerCalls)];

    /// <summary>An interposer that forwards every call (a logging or policy wrapper without the logging or policy).</summary>
    private sealed class PassThrough(IStore inner) : IStore
    {
        public long Calls;

        public uint Add(uint a, uint b)
        {
            Calls++;
            return inner.Add(a, b);
        }

        public string Shout(string text) => inner.Shout(text);

        public uint Total(uint[] values) => inner.Total(values);

        public string[] Top(Entry[] entries, uint n) => inner.Top(entries, n);
    }

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ComponentRuntime();
        var folder = Path.Combine(AppContext.BaseDirectory, "Components");
        _go = ProviderWorld.Instantiate(_runtime.LoadFile(Path.Combine(folder, "store-go.component.wasm")), new WasiConfiguration().Build());
        var rust = _runtime.LoadFile(Path.Combine(folder, "reporter-rust.component.wasm"));
        _linked = rust.Instantiate(new WasiConfiguration().Build().LinkExports(_go.Instance));
        _linkedLoop = _linked.GetFunction(Report, "add-loop")!;
        var counters = new HostImports().Link("test:compose/counters@0.1.0", _go.Instance);
        _direct = ReporterWorld.Instantiate(rust, new ReporterWorld.Imports(_go.Store), counters, new WasiConfiguration().Build());
        _interposed = ReporterWorld.Instantiate(rust, new ReporterWorld.Imports(new PassThrough(_go.Store)), counters, new WasiConfiguration().Build());
        if (Linked() != 5 || ThroughCSharp() != 5 || ThroughInterposer() != 5)
        {
            throw new InvalidOperationException("add-loop(2, 3, n) must be 5");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _interposed.Dispose();
        _direct.Dispose();
        _linked.Dispose();
        _go.Dispose();
        _runtime.Dispose();
    }

    /// <summary>1,000 <c>add</c> calls, Rust to Go over a live link.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls, Baseline = true)]
    public uint Linked() => _linkedLoop.Invoke(_arguments)[0].AsU32();

    /// <summary>1,000 <c>add</c> calls, Rust to C# (the generated import) to Go (the generated export).</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint ThroughCSharp() => _direct.Report.AddLoop(2, 3, InnerCalls);

    /// <summary>The same with a pass-through interposer between the two generated sides.</summary>
    [Benchmark(OperationsPerInvoke = InnerCalls)]
    public uint ThroughInterposer() => _interposed.Report.AddLoop(2, 3, InnerCalls);
}
