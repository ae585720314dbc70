using BenchmarkDotNet.Attributes;
using Wasmtime;
using WitBindgen.Benchmarks.Bench.Bench;
using WitBindgen.Runtime;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Cold start: a component whose core modules are already compiled (in the runtime's cache, or deserialized
/// from the on-disk cache) is instantiated, called once and disposed — what a host pays per fresh instance
/// (a request, a plugin activation). Compilation itself is excluded: it is paid once per component version.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private sealed class Host : IBenchImports
    {
        public void Log(string message)
        {
        }
    }

    private byte[] _bytes = null!;
    private ComponentRuntime _runtime = null!;
    private LoadedComponent _loaded = null!;
    private string _cacheDirectory = null!;
    private ComponentRuntime _diskRuntime = null!;
    private Engine _engine = null!;
    private Wasmtime.Components.Component _theirComponent = null!;
    private Wasmtime.Components.ComponentLinker _theirLinker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = WatText.ToBinary(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bench.wat")));
        _runtime = new ComponentRuntime();
        _loaded = _runtime.Load(_bytes);

        // Fill an on-disk cache once; the benchmark then loads through a runtime whose memory cache is empty.
        _cacheDirectory = Directory.CreateTempSubdirectory("witbindgen-coldstart-").FullName;
        using (var filler = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = _cacheDirectory }))
        {
            filler.Load(_bytes);
        }

        _engine = new Engine(new Config().WithComponentModel(true));
        _theirComponent = Wasmtime.Components.Component.FromBytes(_engine, _bytes);
        _theirLinker = new Wasmtime.Components.ComponentLinker(_engine);
        using var root = _theirLinker.Root();
        root.DefineFunction("log", (_, _) => { });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _diskRuntime?.Dispose();
        _theirLinker.Dispose();
        _theirComponent.Dispose();
        _engine.Dispose();
        Directory.Delete(_cacheDirectory, recursive: true);
    }

    /// <summary>Compiled modules in memory: instantiate, first call, dispose.</summary>
    [Benchmark(Baseline = true)]
    public uint InstantiateAndCall()
    {
        using var world = BenchWorld.Instantiate(_loaded, new BenchWorld.Imports(new Host()));
        return world.Add(1, 2);
    }

    /// <summary>Compiled modules read from the on-disk cache by a fresh runtime, then instantiate, call, dispose.</summary>
    [Benchmark]
    public uint LoadFromDiskCacheInstantiateAndCall()
    {
        _diskRuntime?.Dispose();
        _diskRuntime = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = _cacheDirectory });
        using var world = BenchWorld.Instantiate(_diskRuntime, _bytes, new BenchWorld.Imports(new Host()));
        return world.Add(1, 2);
    }

    /// <summary>The same on Wasmtime.Components: compiled component, new store, instantiate, first call.</summary>
    [Benchmark]
    public uint WasmtimeComponentsInstantiateAndCall()
    {
        using var store = new Store(_engine);
        var instance = _theirLinker.Instantiate(store, _theirComponent);
        return instance.GetFunction("add")!.Call(Wasmtime.Components.ComponentValue.U32(1), Wasmtime.Components.ComponentValue.U32(2))!.AsU32();
    }
}
