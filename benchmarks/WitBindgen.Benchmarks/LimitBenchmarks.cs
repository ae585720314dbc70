using BenchmarkDotNet.Attributes;
using WitBindgen.Benchmarks.Bench.Bench;
using WitBindgen.Runtime;

namespace WitBindgen.Benchmarks;

/// <summary>
/// What limits cost on two calls of the call table (<c>add</c> and <c>echo 100 B</c> through generated bindings):
/// none (the engine the runtime builds by default), an engine built for fuel and epochs whose instance has no limits,
/// fuel per call, a call timeout (epochs), and both with every other limit too. docs/benchmarks.md has the figures.
/// </summary>
[MemoryDiagnoser]
public class LimitBenchmarks
{
    private static readonly string Text100 = new('x', 100);

    private ComponentRuntime _runtime = null!;
    private BenchWorld _world = null!;

    /// <summary>Which limits the instance runs with.</summary>
    public enum LimitMode
    {
        /// <summary>No limits, default engine.</summary>
        None,

        /// <summary>An engine with fuel and epochs; the instance has no limits.</summary>
        MeteredEngine,

        /// <summary>Fuel per call.</summary>
        Fuel,

        /// <summary>A call timeout (epoch interruption).</summary>
        Deadline,

        /// <summary>Fuel, a timeout, a cancellation token and every size limit.</summary>
        All,
    }

    /// <summary>The mode measured.</summary>
    [Params(LimitMode.None, LimitMode.MeteredEngine, LimitMode.Fuel, LimitMode.Deadline, LimitMode.All)]
    public LimitMode Mode { get; set; }

    private readonly CancellationTokenSource _cancellation = new();

    [GlobalSetup]
    public void Setup()
    {
        var bytes = WatText.ToBinary(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bench.wat")));
        _runtime = new ComponentRuntime(new ComponentRuntimeOptions { EnableFuel = Mode != LimitMode.None, EnableInterruption = Mode != LimitMode.None });
        ComponentLimits? limits = Mode switch
        {
            LimitMode.Fuel => new ComponentLimits { FuelPerCall = 1_000_000_000 },
            LimitMode.Deadline => new ComponentLimits { CallTimeout = TimeSpan.FromSeconds(10) },
            LimitMode.All => new ComponentLimits
            {
                FuelPerCall = 1_000_000_000,
                CallTimeout = TimeSpan.FromSeconds(10),
                CancellationToken = _cancellation.Token,
                MemoryBytes = 64L << 20,
                TableElements = 10_000,
                CoreInstances = 100,
                HandlesPerTable = 10_000,
                StringBytes = 1 << 20,
                ListElements = 1 << 20,
            },
            _ => null,
        };
        _world = BenchWorld.Instantiate(_runtime.Load(bytes), new BenchWorld.Imports(new Host()), limits);
        if (_world.Add(40, 2) != 42 || _world.Echo(Text100) != Text100)
        {
            throw new InvalidOperationException("the bench component computes something else");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _world.Dispose();
        _runtime.Dispose();
        _cancellation.Dispose();
    }

    [Benchmark]
    public uint Add() => _world.Add(40, 2);

    [Benchmark]
    public string Echo100() => _world.Echo(Text100);

    private sealed class Host : IBenchImports
    {
        public void Log(string message)
        {
        }
    }
}
