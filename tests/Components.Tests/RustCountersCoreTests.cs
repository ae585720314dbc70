// The Rust guest's `counters` resource, checked one level down: Wasmtime .NET's component API cannot
// pass or read resource values (see RustGuestReferenceTests), so these tests take the guest's core
// module ($main, the first core module in full-rust.component.wasm) and run it on Wasmtime's *core*
// API. The test plays the part of the component layer for the resource: it implements the
// `[export]test:guests/counters@0.1.0` intrinsics (resource-new/-rep/-drop) over a handle table
// following CanonicalABI.md (handles from 1, own handles moved out on lift and in on lower, a borrow
// of the guest's own resource lowered as its rep, resource.drop of an own handle calling the guest's
// `[dtor]counter`), and calls the core exports with flat canonical-ABI arguments.
// What this does not check is Wasmtime's own lifting/lowering of resources.
using Wasmtime;
using Xunit;

namespace WitBindgen.Components.Tests;

/// <summary>Core-level tests of the Rust guest's counter resource.</summary>
public sealed class RustCountersCoreTests : IDisposable
{
    private const string Iface = "test:guests/counters@0.1.0";

    private static readonly Engine SharedEngine = new();
    private static readonly Lazy<Module> Main = new(() =>
        Module.FromBytes(SharedEngine, "full-rust-main", FirstCoreModule(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "guests", "full-rust.component.wasm")))));

    private readonly Store _store = new(SharedEngine);
    private readonly Linker _linker = new(SharedEngine);
    private readonly Instance _instance;
    private readonly Dictionary<int, int> _table = new(); // the guest's handle table: handle -> rep
    private int _nextHandle = 1;

    /// <summary>Reps the guest's destructor was called with, in order.</summary>
    private readonly List<int> _destroyed = new();

    public RustCountersCoreTests()
    {
        _linker.DefineFunction($"[export]{Iface}", "[resource-new]counter", (int rep) =>
        {
            var h = _nextHandle++;
            _table.Add(h, rep);
            return h;
        });
        _linker.DefineFunction($"[export]{Iface}", "[resource-rep]counter", (int h) =>
            _table.TryGetValue(h, out var rep) ? rep : throw new InvalidOperationException($"unknown handle {h}"));
        _linker.DefineFunction($"[export]{Iface}", "[resource-drop]counter", (int h) =>
        {
            if (!_table.Remove(h, out var rep)) throw new InvalidOperationException($"unknown handle {h}");
            Destroy(rep);
        });
        // wasi-libc's _initialize reads the environment eagerly: an empty one
        _linker.DefineFunction("wasi_snapshot_preview1", "environ_sizes_get", (Caller caller, int count, int size) =>
        {
            var memory = caller.GetMemory("memory")!;
            memory.WriteInt32(count, 0);
            memory.WriteInt32(size, 0);
            return 0;
        });
        _linker.DefineFunction("wasi_snapshot_preview1", "environ_get", (int environ, int buffer) => 0);
        _linker.DefineUnknownImportsAsTraps(Main.Value); // host imports and the rest of WASI: not used by counters
        _instance = _linker.Instantiate(_store, Main.Value);
        _instance.GetAction("_initialize")!();
    }

    private void Destroy(int rep)
    {
        _destroyed.Add(rep);
        _instance.GetAction<int>($"{Iface}#[dtor]counter")!(rep);
    }

    /// <summary>Lifts an own&lt;counter&gt; result: the handle leaves the guest's table, the host keeps the rep.</summary>
    private int LiftOwn(int handle)
    {
        Assert.True(_table.Remove(handle, out var rep), $"result handle {handle} not in the table");
        return rep;
    }

    /// <summary>Lowers an own&lt;counter&gt; argument: a fresh handle in the guest's table.</summary>
    private int LowerOwn(int rep)
    {
        var h = _nextHandle++;
        _table.Add(h, rep);
        return h;
    }

    private int New(uint start) => LiftOwn(_instance.GetFunction<int, int>($"{Iface}#[constructor]counter")!((int)start));
    private int Zero() => LiftOwn(_instance.GetFunction<int>($"{Iface}#[static]counter.zero")!());
    private void Increment(int rep, uint by) => _instance.GetAction<int, int>($"{Iface}#[method]counter.increment")!(rep, (int)by);
    private uint Get(int rep) => (uint)_instance.GetFunction<int, int>($"{Iface}#[method]counter.get")!(rep);
    private void Merge(int rep, int otherRep) => _instance.GetAction<int, int>($"{Iface}#[method]counter.merge")!(rep, LowerOwn(otherRep));
    private uint Peek(int rep) => (uint)_instance.GetFunction<int, int>($"{Iface}#peek")!(rep);
    private uint Dropped() => (uint)_instance.GetFunction<int>($"{Iface}#dropped")!();

    [Fact]
    public void Constructor_Get_Increment_Peek()
    {
        var a = New(5);
        Assert.Equal(5u, Get(a));
        Increment(a, 10);
        Assert.Equal(15u, Get(a));
        Assert.Equal(15u, Peek(a));
        Increment(a, uint.MaxValue); // wraps
        Assert.Equal(14u, Get(a));
        Assert.Empty(_table); // nothing left behind in the guest's table
        Assert.Equal(0u, Dropped());
    }

    [Fact]
    public void Zero_StartsAtZero_AndCountersAreIndependent()
    {
        var z = Zero();
        var b = New(uint.MaxValue);
        Assert.NotEqual(z, b);
        Assert.Equal(0u, Get(z));
        Increment(z, 3);
        Assert.Equal(3u, Get(z));
        Assert.Equal(uint.MaxValue, Get(b));
    }

    [Fact]
    public void Merge_AddsTheOtherAndDropsIt()
    {
        var a = New(40);
        var b = New(2);
        Merge(a, b);
        Assert.Equal(42u, Get(a));
        Assert.Equal(new[] { b }, _destroyed); // the guest dropped its own handle: the destructor ran
        Assert.Equal(1u, Dropped());
        Assert.Empty(_table);
    }

    [Fact]
    public void HostDrop_RunsTheDestructor()
    {
        var a = New(1);
        var b = Zero();
        Destroy(a); // what resource.drop of the host's own handle does
        Assert.Equal(1u, Dropped());
        Destroy(b);
        Assert.Equal(2u, Dropped());
        var c = New(9); // memory of destroyed counters is reused safely
        Assert.Equal(9u, Get(c));
    }

    [Fact]
    public void ManyCounters()
    {
        var reps = Enumerable.Range(0, 1000).Select(i => New((uint)i)).ToList();
        var total = reps[0];
        foreach (var r in reps.Skip(1)) Merge(total, r);
        Assert.Equal((uint)(999 * 1000 / 2), Get(total));
        Assert.Equal(999u, Dropped());
    }

    /// <summary>The contents of the first core-module section (id 1) of a component binary.</summary>
    private static byte[] FirstCoreModule(byte[] component)
    {
        int pos = 8; // magic + version/layer
        while (pos < component.Length)
        {
            byte id = component[pos++];
            uint size = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = component[pos++];
                size |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            if (id == 1) return component.AsSpan(pos, (int)size).ToArray();
            pos += (int)size;
        }
        throw new InvalidDataException("no core module in the component");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
    }
}
