using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Benchmarks;

/// <summary>
/// What validation costs when a component is loaded, next to what loading costs in all: <c>Read</c> decodes the
/// binary; <c>ReadAndValidate</c> adds the component-level validator (so validation is the difference);
/// <c>CoreValidate</c> is Wasmtime's validation of the core modules, which the runtime runs before compiling one;
/// <c>LoadWarm</c> is <see cref="ComponentRuntime.Load"/> with the core modules already compiled (decode, validate,
/// look the modules up by content hash). <see cref="ColdLoadBenchmarks"/> measures the whole load with compilation.
/// </summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private byte[] _bytes = null!;
    private ComponentRuntime _warm = null!;
    private List<ReadOnlyMemory<byte>> _modules = null!;

    /// <summary>The committed Rust guest (96 KB) and the JS plugin (12 MB, most of it a JS engine).</summary>
    [Params("full-rust.component.wasm", "plugin-js.component.wasm")]
    public string Component { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Components", Component));
        _warm = new ComponentRuntime();
        _modules = WitBindgen.Runtime.Validation.ComponentValidator.Components(_warm.Load(_bytes).Definition)
            .SelectMany(c => c.Items.OfType<CoreModuleItem>()).Select(m => m.Bytes).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _warm.Dispose();

    [Benchmark]
    public object Read() => ComponentReader.Read(_bytes);

    [Benchmark]
    public object ReadAndValidate()
    {
        var definition = ComponentReader.Read(_bytes);
        WitBindgen.Runtime.Validation.ComponentValidator.Validate(definition);
        return definition;
    }

    [Benchmark]
    public int CoreValidate()
    {
        var valid = 0;
        foreach (var module in _modules)
        {
            valid += Wasmtime.Module.Validate(_warm.Engine, module.Span) is null ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public LoadedComponent LoadWarm() => _warm.Load(_bytes);

}

/// <summary>
/// The whole load on a fresh runtime: decode, validate, compile every core module. Compiling 12 MB of JS takes
/// seconds, so this class runs few iterations, each a single load.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ColdLoadBenchmarks
{
    private byte[] _bytes = null!;

    /// <summary>The same components as <see cref="LoadBenchmarks"/>.</summary>
    [Params("full-rust.component.wasm", "plugin-js.component.wasm")]
    public string Component { get; set; } = null!;

    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Components", Component));

    [Benchmark]
    public int LoadCold()
    {
        using var runtime = new ComponentRuntime();
        runtime.Load(_bytes);
        return runtime.CompiledModules;
    }
}
