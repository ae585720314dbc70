// Runs a guest component from tests/components/guests/out on Wasmtime's own component runtime
// (Wasmtime .NET 50.0.1, Wasmtime.Components), with the WASI 0.2 host added (the Rust guests
// import WASI through the preview1 reactor adapter; the C guests import nothing from WASI) and the
// `test:guests/host` import defined in C#.
using System.Collections.Concurrent;
using Wasmtime;
using Wasmtime.Components;

namespace WitBindgen.Components.Tests;

/// <summary>One instantiation of a guest component in a fresh store.</summary>
public sealed class WasmtimeGuest : IDisposable
{
    /// <summary>The host interface the `full` and `basic` worlds import.</summary>
    public const string HostInterface = "test:guests/host@0.1.0";

    private static readonly Engine SharedEngine = new(new Config().WithComponentModel(true));
    private static readonly ConcurrentDictionary<string, Lazy<Component>> Components = new();

    private readonly ComponentLinker _linker;
    private readonly Store _store;
    private readonly ComponentInstance _instance;

    /// <summary>Messages the guest passed to the host's `log`, in order.</summary>
    public List<string> Logs { get; } = new();

    /// <summary>Ids the guest passed to the host's `label`, in order.</summary>
    public List<uint> LabelRequests { get; } = new();

    /// <summary>What the host's `label(id)` returns.</summary>
    public static string Label(uint id) => $"label #{id} ✓";

    /// <summary>Loads guests/&lt;file&gt; from the output directory (compiled once per test run).</summary>
    public static Component Load(string file) =>
        Components.GetOrAdd(file, f => new Lazy<Component>(() =>
            Component.FromBytes(SharedEngine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "guests", f))))).Value;

    /// <summary>Instantiates the component, defining the host import when <paramref name="withHost"/>.</summary>
    public WasmtimeGuest(string file, bool withHost = true)
    {
        var component = Load(file);
        _linker = new ComponentLinker(SharedEngine);
        _linker.AddWasiPreview2();
        if (withHost)
        {
            using var root = _linker.Root();
            using var host = root.AddInstance(HostInterface);
            host.DefineFunction("log", (ReadOnlySpan<ComponentValue> args, Span<ComponentValue> results) =>
                Logs.Add(args[0].AsString()));
            host.DefineFunction("label", (ReadOnlySpan<ComponentValue> args, Span<ComponentValue> results) =>
            {
                var id = args[0].AsU32();
                LabelRequests.Add(id);
                results[0] = ComponentValue.String(Label(id));
            });
        }
        _store = new Store(SharedEngine);
        _store.SetWasiConfiguration(new WasiConfiguration());
        _instance = _linker.Instantiate(_store, component);
    }

    /// <summary>The export <paramref name="name"/> of interface <paramref name="iface"/>.</summary>
    public ComponentFunction Function(string iface, string name) =>
        _instance.GetFunction(iface, name) ?? throw new InvalidOperationException($"no export {iface}#{name}");

    /// <summary>Calls an export that returns a value.</summary>
    public ComponentValue Call(string iface, string name, params ComponentValue[] args) =>
        Function(iface, name).Call(args) ?? throw new InvalidOperationException($"{iface}#{name} returned nothing");

    /// <inheritdoc />
    public void Dispose()
    {
        _store.Dispose();
        _linker.Dispose();
    }
}
