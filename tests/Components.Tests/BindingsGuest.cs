// The guest components (tests/components/guests/out) called through the host bindings this
// repository's generator emits for tests/components/wit/guests.wit (worlds `full` and `basic`,
// namespace Guests) and plugin.wit (namespace Plugins), on WitBindgen.Runtime, with the
// WitBindgen.Wasi host as the WASI provider (the Rust, Go and JS guests reach WASI 0.2 through the
// preview1 adapter; the C guests import nothing from WASI).
using Guests.Basic;
using Guests.Full;
using Guests.Host;
using Guests.Values;
using WitBindgen.Runtime;
using Option = WitBindgen.Runtime.Option<uint?>;
using WitWasi = WitBindgen.Wasi.WasiConfiguration;

namespace WitBindgen.Components.Tests;

/// <summary>One runtime (and compiled-module cache) and the loaded guest components, shared by every bindings test.</summary>
internal static class BindingsRuntime
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, LoadedComponent> Loaded = new();

    /// <summary>The runtime; compiled modules are also cached on disk under the test output folder.</summary>
    public static readonly ComponentRuntime Runtime = new(new ComponentRuntimeOptions
    {
        CacheDirectory = Path.Combine(AppContext.BaseDirectory, "witbindgen-module-cache"),
    });

    /// <summary>guests/&lt;file&gt;, loaded (and its modules compiled) once per test run.</summary>
    public static LoadedComponent Load(string file)
    {
        lock (Gate)
        {
            if (!Loaded.TryGetValue(file, out var component))
            {
                component = Runtime.LoadFile(Path.Combine(AppContext.BaseDirectory, "guests", file));
                Loaded[file] = component;
            }
            return component;
        }
    }

    /// <summary>A fresh WASI provider that grants nothing (WitBindgen.Wasi).</summary>
    public static HostImports Wasi() => new WitWasi().Build();
}

/// <summary>The test:guests/host import, implemented in C#: records what the guest passes.</summary>
public sealed class RecordingHost : IHost
{
    /// <summary>Messages passed to <c>log</c>, in order.</summary>
    public List<string> Logs { get; } = new();

    /// <summary>Ids passed to <c>label</c>, in order.</summary>
    public List<uint> LabelRequests { get; } = new();

    /// <summary>What <c>label(id)</c> answers (the same text as the Wasmtime reference host).</summary>
    public static string LabelFor(uint id) => WasmtimeGuest.Label(id);

    /// <inheritdoc />
    public void Log(string message) => Logs.Add(message);

    /// <inheritdoc />
    public string Label(uint id)
    {
        LabelRequests.Add(id);
        return LabelFor(id);
    }

    /// <summary>Forgets what was recorded.</summary>
    public void Clear()
    {
        Logs.Clear();
        LabelRequests.Clear();
    }
}

/// <summary>The `values` exports of either world (FullWorld.ValuesExports and BasicWorld.ValuesExports have the same members).</summary>
public interface IGuestValues
{
    uint Add(uint a, uint b);
    (sbyte, byte, short, ushort, int, uint, long, ulong) Limits();
    long Negate(long x);
    double Scale(double x, float by);
    System.Text.Rune NextChar(System.Text.Rune c);
    string Greet(string name);
    string Reverse(string s);
    ulong Sum(uint[] xs);
    uint[] DoubleAll(uint[] xs);
    uint TotalLength(byte[][] xs);
    string[] OlderThan(Person[] people, byte age);
    Point Translate(Point p, int dx, int dy);
    double Area(Shape s);
    Color NextColor(Color c);
    Perms Invert(Perms p);
    Many InvertMany(Many m);
    uint? Find(string[] xs, string needle);
    uint Depth(Option x);
    WitBindgen.Runtime.Result<int, string> Divide(int a, int b);
    string LogAll(string[] messages);
}

internal sealed class FullValues(FullWorld.ValuesExports v) : IGuestValues
{
    public uint Add(uint a, uint b) => v.Add(a, b);
    public (sbyte, byte, short, ushort, int, uint, long, ulong) Limits() => v.Limits();
    public long Negate(long x) => v.Negate(x);
    public double Scale(double x, float by) => v.Scale(x, by);
    public System.Text.Rune NextChar(System.Text.Rune c) => v.NextChar(c);
    public string Greet(string name) => v.Greet(name);
    public string Reverse(string s) => v.Reverse(s);
    public ulong Sum(uint[] xs) => v.Sum(xs);
    public uint[] DoubleAll(uint[] xs) => v.DoubleAll(xs);
    public uint TotalLength(byte[][] xs) => v.TotalLength(xs);
    public string[] OlderThan(Person[] people, byte age) => v.OlderThan(people, age);
    public Point Translate(Point p, int dx, int dy) => v.Translate(p, dx, dy);
    public double Area(Shape s) => v.Area(s);
    public Color NextColor(Color c) => v.NextColor(c);
    public Perms Invert(Perms p) => v.Invert(p);
    public Many InvertMany(Many m) => v.InvertMany(m);
    public uint? Find(string[] xs, string needle) => v.Find(xs, needle);
    public uint Depth(Option x) => v.Depth(x);
    public WitBindgen.Runtime.Result<int, string> Divide(int a, int b) => v.Divide(a, b);
    public string LogAll(string[] messages) => v.LogAll(messages);
}

internal sealed class BasicValues(BasicWorld.ValuesExports v) : IGuestValues
{
    public uint Add(uint a, uint b) => v.Add(a, b);
    public (sbyte, byte, short, ushort, int, uint, long, ulong) Limits() => v.Limits();
    public long Negate(long x) => v.Negate(x);
    public double Scale(double x, float by) => v.Scale(x, by);
    public System.Text.Rune NextChar(System.Text.Rune c) => v.NextChar(c);
    public string Greet(string name) => v.Greet(name);
    public string Reverse(string s) => v.Reverse(s);
    public ulong Sum(uint[] xs) => v.Sum(xs);
    public uint[] DoubleAll(uint[] xs) => v.DoubleAll(xs);
    public uint TotalLength(byte[][] xs) => v.TotalLength(xs);
    public string[] OlderThan(Person[] people, byte age) => v.OlderThan(people, age);
    public Point Translate(Point p, int dx, int dy) => v.Translate(p, dx, dy);
    public double Area(Shape s) => v.Area(s);
    public Color NextColor(Color c) => v.NextColor(c);
    public Perms Invert(Perms p) => v.Invert(p);
    public Many InvertMany(Many m) => v.InvertMany(m);
    public uint? Find(string[] xs, string needle) => v.Find(xs, needle);
    public uint Depth(Option x) => v.Depth(x);
    public WitBindgen.Runtime.Result<int, string> Divide(int a, int b) => v.Divide(a, b);
    public string LogAll(string[] messages) => v.LogAll(messages);
}

/// <summary>A guest instantiated through the generated bindings (world full or basic) with a <see cref="RecordingHost"/>.</summary>
public sealed class BindingsGuest : IDisposable
{
    private readonly IDisposable _world;

    /// <summary>Instantiates guests/<paramref name="file"/> as world <c>full</c> (<paramref name="full"/>) or <c>basic</c>.</summary>
    public BindingsGuest(string file, bool full)
    {
        var component = BindingsRuntime.Load(file);
        if (full)
        {
            var world = FullWorld.Instantiate(component, new FullWorld.Imports(Host), BindingsRuntime.Wasi());
            Full = world;
            Values = new FullValues(world.Values);
            _world = world;
        }
        else
        {
            var world = BasicWorld.Instantiate(component, new BasicWorld.Imports(Host), BindingsRuntime.Wasi());
            Values = new BasicValues(world.Values);
            _world = world;
        }
    }

    /// <summary>The host import's implementation.</summary>
    public RecordingHost Host { get; } = new();

    /// <summary>The `values` exports.</summary>
    public IGuestValues Values { get; }

    /// <summary>The world, when instantiated as `full` (counters).</summary>
    public FullWorld? Full { get; }

    /// <inheritdoc />
    public void Dispose() => _world.Dispose();
}
