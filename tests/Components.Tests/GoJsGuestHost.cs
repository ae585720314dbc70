// One guest component (tests/components/guests/out) instantiated on Wasmtime's own component
// implementation (Wasmtime .NET 50.0.1, Wasmtime.Components) with WASI 0.2 and the
// test:guests/host@0.1.0 import defined by the test: `log` records its messages, `label(id)`
// answers "label #<id> ✓" (a non-ASCII string the host lowers into the guest through its
// cabi_realloc) and records the id.
using System.Collections.Concurrent;
using System.Text;
using Wasmtime;
using Wasmtime.Components;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Components.Tests;

/// <summary>A Go or JS guest component on Wasmtime, with the host imports answered by the test.</summary>
internal sealed class GoJsGuestHost : IDisposable
{
    public const string HostInterface = "test:guests/host@0.1.0";

    private static readonly Engine SharedEngine = new(new Config().WithComponentModel(true));
    private static readonly ConcurrentDictionary<string, Lazy<Component>> Components = new();

    private readonly ComponentLinker _linker;
    private readonly Store _store;
    private readonly ComponentInstance _instance;
    private readonly MemoryStream _stderr = new();

    /// <summary>Messages the guest passed to host.log, in order.</summary>
    public List<string> Logs { get; } = [];

    /// <summary>Ids the guest passed to host.label, in order.</summary>
    public List<uint> LabelRequests { get; } = [];

    /// <summary>What host.label answers for an id.</summary>
    public static string Label(uint id) => $"label #{id} ✓";

    public GoJsGuestHost(string file, bool defineHost = true)
    {
        var component = Components.GetOrAdd(file, f => new Lazy<Component>(() =>
            Component.FromBytes(SharedEngine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "guests", f))))).Value;
        _linker = new ComponentLinker(SharedEngine);
        _linker.AddWasiPreview2();
        if (defineHost)
        {
            using var root = _linker.Root();
            using var host = root.AddInstance(HostInterface);
            host.DefineFunction("log", (ReadOnlySpan<CV> args, Span<CV> results) => Logs.Add(args[0].AsString()));
            host.DefineFunction("label", (ReadOnlySpan<CV> args, Span<CV> results) =>
            {
                var id = args[0].AsU32();
                LabelRequests.Add(id);
                results[0] = CV.String(Label(id));
            });
        }
        _store = new Store(SharedEngine);
        _store.SetWasiConfiguration(new WasiConfiguration()
            .WithStandardErrorCallback(data => { lock (_stderr) _stderr.Write(data); }));
        _instance = _linker.Instantiate(_store, component);
    }

    /// <summary>What the guest wrote to stderr (e.g. a Go panic message).</summary>
    public string Stderr { get { lock (_stderr) return Encoding.UTF8.GetString(_stderr.ToArray()); } }

    public ComponentFunction Function(string iface, string name) =>
        _instance.GetFunction(iface, name) ?? throw new InvalidOperationException($"no export {iface}#{name}");

    public bool HasFunction(string iface, string name) => _instance.GetFunction(iface, name) is not null;

    public CV Call(string iface, string name, params CV[] args) =>
        Function(iface, name).Call(args) ?? throw new InvalidOperationException($"{iface}#{name} returned nothing");

    public void CallVoid(string iface, string name, params CV[] args) => Function(iface, name).Call(args);

    /// <summary>Calls a function the component exports directly (not inside an interface).</summary>
    public CV? CallExport(string name, params CV[] args) =>
        (_instance.GetFunction(name) ?? throw new InvalidOperationException($"no export {name}")).Call(args);

    public void Dispose()
    {
        _store.Dispose();
        _linker.Dispose();
    }
}
