using System.Collections.Immutable;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Benchmarks;

/// <summary>
/// The floor of each scenario: the core modules of <c>Fixtures/bench.wat</c> (taken from the component text, so
/// the code is the same), instantiated on their own with Wasmtime's core API and called through
/// <c>wasmtime_func_call_unchecked</c> (<see cref="CoreFunction"/>), with no component model in between: no
/// lifting or lowering, no checks, no .NET values built from the results. The imports are raw host functions
/// (<c>wasmtime_func_new_unchecked</c>): <c>counter.new</c> returns the representation as the handle, <c>log</c>
/// keeps the length it is given. The memory is never grown (the allocator wraps inside 1 MiB), so its base
/// address is read once.
/// </summary>
internal sealed unsafe class CoreFloor : IDisposable
{
    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Linker _linker;

    public CoreFloor(string componentText)
    {
        _store = new Store(_engine);
        _linker = new Linker(_engine);
        using var libcModule = Module.FromText(_engine, "libc", CoreModuleText(componentText, "$libc"));
        using var mainModule = Module.FromText(_engine, "main", CoreModuleText(componentText, "$m"));
        var libc = _linker.Instantiate(_store, libcModule);
        var memory = libc.GetMemory("memory")!;
        _linker.Define("libc", "memory", memory);
        _linker.Define("libc", "cell-alloc", libc.GetFunction("cell-alloc")!);
        _linker.Define("counter", "new", RawFunction([CoreValueType.I32], [CoreValueType.I32], static _ => { }));
        _linker.Define("host", "log", RawFunction([CoreValueType.I32, CoreValueType.I32], [], slots => Logged = slots[1].I32));
        var main = _linker.Instantiate(_store, mainModule);

        Realloc = Core(libc, "realloc");
        CellFree = Core(libc, "cell-free");
        Add = Core(main, "add");
        EchoPtrLen = Core(main, "echo-ptr-len");
        EchoTriple = Core(main, "echo-triple");
        EchoMessage = Core(main, "echo-message");
        EchoOption = Core(main, "echo-option");
        Sum = Core(main, "sum");
        Relay = Core(main, "relay");
        CounterNew = Core(main, "counter-ctor");
        CounterAdd = Core(main, "counter-add");
        var span = memory.GetSpan(0, checked((int)memory.GetLength()));
        fixed (byte* b = span)
        {
            Base = b; // stays valid: a Wasmtime linear memory moves only when it grows, and this one never does
        }

        Length = span.Length;
    }

    /// <summary>The length the <c>log</c> import was last called with.</summary>
    public static int Logged { get; private set; }

    public CoreFunction Realloc { get; }

    public CoreFunction CellFree { get; }

    public CoreFunction Add { get; }

    public CoreFunction EchoPtrLen { get; }

    public CoreFunction EchoTriple { get; }

    public CoreFunction EchoMessage { get; }

    public CoreFunction EchoOption { get; }

    public CoreFunction Sum { get; }

    public CoreFunction Relay { get; }

    public CoreFunction CounterNew { get; }

    public CoreFunction CounterAdd { get; }

    public byte* Base { get; }

    public int Length { get; }

    /// <summary>The guest memory (valid while this object lives).</summary>
    public Span<byte> Memory => new(Base, Length);

    /// <summary>Calls the guest's <c>realloc(0, 0, align, size)</c> and copies <paramref name="bytes"/> there.</summary>
    public uint Put(ReadOnlySpan<byte> bytes, uint alignment)
    {
        Span<RawValue> s = stackalloc RawValue[4];
        s[0] = RawValue.FromU32(0);
        s[1] = RawValue.FromU32(0);
        s[2] = RawValue.FromU32(alignment);
        s[3] = RawValue.FromU32((uint)bytes.Length);
        Realloc.Call(s);
        var pointer = s[0].U32;
        bytes.CopyTo(Memory.Slice((int)pointer, bytes.Length));
        return pointer;
    }

    public void Dispose()
    {
        _linker.Dispose();
        _store.Dispose();
        _engine.Dispose();
    }

    private static CoreFunction Core(Instance instance, string name) =>
        new(instance.GetFunction(name) ?? throw new InvalidOperationException($"bench.wat core export '{name}' is missing"));

    private Function RawFunction(CoreValueType[] parameters, CoreValueType[] results, SlotAction body) =>
        UncheckedFunctions.TryCreate(
            _store,
            new CoreFunctionSignature(ImmutableArray.Create(parameters), ImmutableArray.Create(results)),
            new Body(body))
        ?? throw new InvalidOperationException("raw host functions are not available with this Wasmtime package");

    private delegate void SlotAction(Span<RawValue> slots);

    private sealed class Body(SlotAction action) : UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots) => action(slots);
    }

    /// <summary>
    /// The text of the component's <c>(core module $name …)</c> as a standalone <c>(module …)</c>: the balanced
    /// parentheses from that keyword, skipping comments and strings.
    /// </summary>
    internal static string CoreModuleText(string componentText, string name)
    {
        var start = componentText.IndexOf("(core module " + name, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"no core module {name} in the component text");
        }

        var depth = 0;
        for (var i = start; i < componentText.Length; i++)
        {
            switch (componentText[i])
            {
                case ';' when i + 1 < componentText.Length && componentText[i + 1] == ';':
                    i = componentText.IndexOf('\n', i) is var end and >= 0 ? end : componentText.Length;
                    break;
                case '"':
                    for (i++; componentText[i] != '"'; i++)
                    {
                        if (componentText[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return "(module" + componentText[(start + "(core module".Length)..(i + 1)];
            }
        }

        throw new InvalidOperationException($"core module {name} is not closed");
    }
}
