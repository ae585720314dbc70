using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime;
using WitBindgen.Benchmarks.Bench.Bench;
using WitBindgen.Benchmarks.Bench.Counters;
using WitBindgen.Benchmarks.Bench.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Each scenario (a benchmark category) in three columns on the same component (<c>Fixtures/bench.wat</c>): the
/// call through the bindings the generator emits for <c>wit/bench.wit</c> (this project consumes the generator as
/// a user's project does; methods <c>…Generated</c>), the same call through <c>Wasmtime.Components</c>' dynamic
/// API (<c>…Wasmtime</c>, the baseline of its category) and the floor, the same core code called directly
/// (<c>…Core</c>, see <see cref="CoreFloor"/>). The first two start from and end with .NET values: the Wasmtime
/// rows include building the <see cref="CV"/> arguments and reading the result back, as a user of that API must.
/// Wasmtime's dynamic API cannot pass resources, so the resource rows have no baseline.
/// <see cref="ScenarioTableExporter"/> turns a run into the table of <c>docs/benchmarks.md</c>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(ScenarioTableConfig))]
public class GeneratedBindingsBenchmarks
{
    private static readonly string Text20 = new('x', 20);
    private static readonly string Text100 = new('x', 100);
    private static readonly string Text10K = new('x', 10 * 1024);
    private static readonly uint[] Values = Enumerable.Range(0, 1000).Select(i => (uint)i).ToArray();
    private static readonly byte[] Bytes = Enumerable.Range(0, 64 * 1024).Select(i => (byte)i).ToArray();
    private static readonly Triple Triple = new(1, -2, 3);
    private static readonly Message Number = new Message.Number(42);

    private BenchWorld _world = null!;
    private Counter _counter = null!;
    private Engine _engine = null!;
    private Store _store = null!;
    private Wasmtime.Components.ComponentLinker _linker = null!;
    private Wasmtime.Components.ComponentFunction _theirAdd = null!;
    private Wasmtime.Components.ComponentFunction _theirEcho = null!;
    private Wasmtime.Components.ComponentFunction _theirEchoUtf16 = null!;
    private Wasmtime.Components.ComponentFunction _theirEchoTriple = null!;
    private Wasmtime.Components.ComponentFunction _theirEchoMessage = null!;
    private Wasmtime.Components.ComponentFunction _theirEchoOption = null!;
    private Wasmtime.Components.ComponentFunction _theirSum = null!;
    private Wasmtime.Components.ComponentFunction _theirEchoBytes = null!;
    private Wasmtime.Components.ComponentFunction _theirRelay = null!;

    /// <summary>The <c>log</c> import: keeps the length of the last message so the string is used.</summary>
    private sealed class Host : IBenchImports
    {
        public int Logged;

        public void Log(string message) => Logged = message.Length;
    }

    private readonly Host _host = new();
    private int _theirLogged;
    private CoreFloor _core = null!;
    private uint _coreCounter;
    private readonly byte[] _bytesOut = new byte[64 * 1024];
    private readonly byte[] _textOut = new byte[10 * 1024];
    private static readonly byte[] Utf8Text20 = System.Text.Encoding.UTF8.GetBytes(Text20);
    private static readonly byte[] Utf8Text100 = System.Text.Encoding.UTF8.GetBytes(Text100);
    private static readonly byte[] Utf8Text10K = System.Text.Encoding.UTF8.GetBytes(Text10K);
    private static readonly byte[] Utf16Text100 = MemoryMarshal.AsBytes(Text100.AsSpan()).ToArray();
    private static readonly byte[] Utf16Text10K = MemoryMarshal.AsBytes(Text10K.AsSpan()).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bench.wat"));
        var bytes = WatText.ToBinary(text);
        _core = new CoreFloor(text);
        _coreCounter = CoreNewCounter(0);

        _world = BenchWorld.Instantiate(new ComponentRuntime(), bytes, new BenchWorld.Imports(_host));
        _counter = _world.Counters.NewCounter(0);

        _engine = new Engine(new Config().WithComponentModel(true));
        var component = Wasmtime.Components.Component.FromBytes(_engine, bytes);
        _linker = new Wasmtime.Components.ComponentLinker(_engine);
        using (var root = _linker.Root())
        {
            root.DefineFunction("log", (arguments, _) => _theirLogged = arguments[0].AsString().Length);
        }

        _store = new Store(_engine);
        var theirs = _linker.Instantiate(_store, component);
        _theirAdd = theirs.GetFunction("add")!;
        _theirEcho = theirs.GetFunction("echo")!;
        _theirEchoUtf16 = theirs.GetFunction("echo-utf16")!;
        _theirEchoTriple = theirs.GetFunction("echo-triple")!;
        _theirEchoMessage = theirs.GetFunction("echo-message")!;
        _theirEchoOption = theirs.GetFunction("echo-option")!;
        _theirSum = theirs.GetFunction("sum")!;
        _theirEchoBytes = theirs.GetFunction("echo-bytes")!;
        _theirRelay = theirs.GetFunction("relay")!;

        Check();
    }

    /// <summary>Both sides compute the same results before anything is measured.</summary>
    private void Check()
    {
        void Expect<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
            }
        }

        Expect(42u, AddGenerated(), "add");
        Expect(42u, AddWasmtime(), "add (Wasmtime)");
        foreach (var text in new[] { Text20, Text100, Text10K })
        {
            Expect(text, _world.Echo(text), "echo");
            Expect(text, EchoWasmtime(text), "echo (Wasmtime)");
            Expect(text, _world.EchoUtf16(text), "echo-utf16");
            Expect(text, _theirEchoUtf16.Call(CV.String(text))!.AsString(), "echo-utf16 (Wasmtime)");
        }

        Expect("héllo 😀", _world.EchoUtf16("héllo 😀"), "echo-utf16 non-ASCII");
        Expect(Utf8Text10K.Length, Echo10KLargeGenerated(), "echo, large-result form");
        Expect(true, _textOut.AsSpan().SequenceEqual(Utf8Text10K), "echo, large-result form bytes");

        Expect(Triple, EchoTripleGenerated(), "echo-triple");
        Expect(Triple, EchoTripleWasmtime(), "echo-triple (Wasmtime)");
        Expect(Number, EchoVariantGenerated(), "echo-message");
        Expect(Number, EchoVariantWasmtime(), "echo-message (Wasmtime)");
        Expect<Message>(new Message.Text("hi"), _world.EchoMessage(new Message.Text("hi")), "echo-message text");
        Expect<Message>(new Message.Ping(), _world.EchoMessage(new Message.Ping()), "echo-message ping");
        Expect(7u, EchoOptionGenerated(), "echo-option");
        Expect(7u, EchoOptionWasmtime(), "echo-option (Wasmtime)");
        Expect(null, _world.EchoOption(null), "echo-option none");
        Expect(499_500ul, SumGenerated(), "sum");
        Expect(499_500ul, SumWasmtime(), "sum (Wasmtime)");
        Expect(true, EchoBytesGenerated().AsSpan().SequenceEqual(Bytes), "echo-bytes");
        Expect(true, EchoBytesWasmtime().AsSpan().SequenceEqual(Bytes), "echo-bytes (Wasmtime)");
        Expect(20, RelayGenerated(), "relay");
        Expect(20, RelayWasmtime(), "relay (Wasmtime)");
        Expect(3u, ResourceNewAddDropGenerated(), "counter");
        Expect(5u, _counter.Add(5), "counter.add");

        // The floor computes the same raw results.
        Expect(42u, AddCore(), "add (core)");
        Expect(20u, Echo20Core(), "echo (core)");
        Expect(10u * 1024, Echo10KCore(), "echo 10 KB (core)");
        Expect(100u, Echo100Utf16Core(), "echo-utf16 (core)");
        Expect(2, EchoTripleCore(), "echo-triple (core)");
        Expect(42ul, EchoVariantCore(), "echo-message (core)");
        Expect(7u, EchoOptionCore(), "echo-option (core)");
        Expect(499_500ul, SumCore(), "sum (core)");
        Expect(64u * 1024, EchoBytesCore(), "echo-bytes (core)");
        Expect(true, _bytesOut.AsSpan().SequenceEqual(Bytes), "echo-bytes copied out (core)");
        Expect(20, RelayCore(), "relay (core)");
        Expect(3u, ResourceNewAddDropCore(), "counter (core)");
        Expect(1u, ResourceMethodCore(), "counter.add (core)");

        // Memory stays bounded: the guest's allocator wraps, so many large calls do not exhaust its 1 MiB.
        for (int i = 0; i < 20; i++)
        {
            EchoBytesGenerated();
            EchoBytesWasmtime();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _counter.Dispose();
        _world.Dispose();
        _core.Dispose();
        _store.Dispose();
        _linker.Dispose();
        _engine.Dispose();
    }

    private static CV[] ToWasmtime(uint[] values)
    {
        var items = new CV[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            items[i] = CV.U32(values[i]);
        }

        return items;
    }

    private static CV[] ToWasmtime(byte[] values)
    {
        var items = new CV[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            items[i] = CV.U8(values[i]);
        }

        return items;
    }

    private string EchoWasmtime(string text) => _theirEcho.Call(CV.String(text))!.AsString();

    // ---------------------------------------------------------------- add(u32, u32) -> u32

    [Benchmark, BenchmarkCategory("add")]
    public uint AddGenerated() => _world.Add(40, 2);

    [Benchmark(Baseline = true), BenchmarkCategory("add")]
    public uint AddWasmtime() => _theirAdd.Call(CV.U32(40), CV.U32(2))!.AsU32();

    // ---------------------------------------------------------------- echo(string) -> string

    [Benchmark, BenchmarkCategory("echo 20 B")]
    public string Echo20Generated() => _world.Echo(Text20);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 20 B")]
    public string Echo20Wasmtime() => EchoWasmtime(Text20);

    [Benchmark, BenchmarkCategory("echo 100 B")]
    public string Echo100Generated() => _world.Echo(Text100);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 100 B")]
    public string Echo100Wasmtime() => EchoWasmtime(Text100);

    [Benchmark, BenchmarkCategory("echo 10 KB")]
    public string Echo10KGenerated() => _world.Echo(Text10K);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 10 KB")]
    public string Echo10KWasmtime() => EchoWasmtime(Text10K);

    /// <summary>
    /// The large-result form: the echoed text's UTF-8 bytes are validated and copied into a caller's buffer, with no
    /// string created. The other two columns are those of "echo 10 KB".
    /// </summary>
    [Benchmark, BenchmarkCategory("echo 10 KB, large-result form")]
    public int Echo10KLargeGenerated() => _world.Echo(Text10K, _textOut);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 10 KB, large-result form")]
    public string Echo10KLargeWasmtime() => EchoWasmtime(Text10K);

    // ---------------------------------------------------------------- echo-utf16(string) -> string, to a UTF-16 guest

    [Benchmark, BenchmarkCategory("echo 100 B, UTF-16 guest")]
    public string Echo100Utf16Generated() => _world.EchoUtf16(Text100);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 100 B, UTF-16 guest")]
    public string Echo100Utf16Wasmtime() => _theirEchoUtf16.Call(CV.String(Text100))!.AsString();

    [Benchmark, BenchmarkCategory("echo 10 KB, UTF-16 guest")]
    public string Echo10KUtf16Generated() => _world.EchoUtf16(Text10K);

    [Benchmark(Baseline = true), BenchmarkCategory("echo 10 KB, UTF-16 guest")]
    public string Echo10KUtf16Wasmtime() => _theirEchoUtf16.Call(CV.String(Text10K))!.AsString();

    // ---------------------------------------------------------------- echo-triple(triple) -> triple

    [Benchmark, BenchmarkCategory("record")]
    public Triple EchoTripleGenerated() => _world.EchoTriple(Triple);

    [Benchmark(Baseline = true), BenchmarkCategory("record")]
    public Triple EchoTripleWasmtime()
    {
        var result = _theirEchoTriple.Call(CV.Record(new KeyValuePair<string, CV>[]
        {
            new("a", CV.S32(Triple.A)),
            new("b", CV.S32(Triple.B)),
            new("c", CV.S32(Triple.C)),
        }))!;
        return new Triple(result.Field("a").AsS32(), result.Field("b").AsS32(), result.Field("c").AsS32());
    }

    // ---------------------------------------------------------------- echo-message(message) -> message, the number(u64) case

    [Benchmark, BenchmarkCategory("variant")]
    public Message EchoVariantGenerated() => _world.EchoMessage(Number);

    [Benchmark(Baseline = true), BenchmarkCategory("variant")]
    public Message EchoVariantWasmtime()
    {
        var result = _theirEchoMessage.Call(CV.Variant("number", CV.U64(((Message.Number)Number).Value)))!;
        return result.AsVariant() switch
        {
            "ping" => new Message.Ping(),
            "number" => new Message.Number(result.Payload!.AsU64()),
            "text" => new Message.Text(result.Payload!.AsString()),
            var other => throw new InvalidOperationException(other),
        };
    }

    // ---------------------------------------------------------------- echo-option(option<u32>) -> option<u32>

    [Benchmark, BenchmarkCategory("option")]
    public uint? EchoOptionGenerated() => _world.EchoOption(7);

    [Benchmark(Baseline = true), BenchmarkCategory("option")]
    public uint? EchoOptionWasmtime()
    {
        var result = _theirEchoOption.Call(CV.Some(CV.U32(7)))!;
        return result.IsSome ? result.Payload!.AsU32() : null;
    }

    // ---------------------------------------------------------------- sum(list<u32>) -> u64, 1,000 elements

    [Benchmark, BenchmarkCategory("sum list<u32> 1,000")]
    public ulong SumGenerated() => _world.Sum(Values);

    [Benchmark(Baseline = true), BenchmarkCategory("sum list<u32> 1,000")]
    public ulong SumWasmtime() => _theirSum.Call(CV.List(ToWasmtime(Values)))!.AsU64();

    // ---------------------------------------------------------------- echo-bytes(list<u8>) -> list<u8>, 64 KB

    [Benchmark, BenchmarkCategory("echo-bytes 64 KB")]
    public byte[] EchoBytesGenerated() => _world.EchoBytes(Bytes);

    [Benchmark(Baseline = true), BenchmarkCategory("echo-bytes 64 KB")]
    public byte[] EchoBytesWasmtime()
    {
        var items = _theirEchoBytes.Call(CV.List(ToWasmtime(Bytes)))!.AsList();
        var result = new byte[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = items[i].AsU8();
        }

        return result;
    }

    // ---------------------------------------------------------------- relay(string) calling the log(string) import, 20 B

    [Benchmark, BenchmarkCategory("relay → import")]
    public int RelayGenerated()
    {
        _world.Relay(Text20);
        return _host.Logged;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("relay → import")]
    public int RelayWasmtime()
    {
        _theirRelay.Call(CV.String(Text20));
        return _theirLogged;
    }

    // ---------------------------------------------------------------- resource counter (guest-implemented)

    /// <summary>Constructor, one method call, drop (the guest's destructor runs).</summary>
    [Benchmark, BenchmarkCategory("resource new + method + drop")]
    public uint ResourceNewAddDropGenerated()
    {
        using var counter = _world.Counters.NewCounter(1);
        return counter.Add(2);
    }

    /// <summary>One method call on a live counter (a borrow of the handle).</summary>
    [Benchmark, BenchmarkCategory("resource method")]
    public uint ResourceMethodGenerated() => _counter.Add(1);

    // ---------------------------------------------------------------- the floor: the same core code called directly (CoreFloor)

    private uint CoreNewCounter(uint start)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        s[0] = RawValue.FromU32(start);
        _core.CounterNew.Call(s);
        return s[0].U32;
    }

    /// <summary>A string or byte list: realloc + copy in, the core echo, then the returned (pointer, length).</summary>
    private (uint Pointer, uint Length) CoreEchoPtrLen(byte[] bytes, uint alignment = 1, uint? units = null)
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(_core.Put(bytes, alignment));
        s[1] = RawValue.FromU32(units ?? (uint)bytes.Length);
        _core.EchoPtrLen.Call(s);
        var area = _core.Memory.Slice((int)s[0].U32, 8);
        return (BinaryPrimitives.ReadUInt32LittleEndian(area), BinaryPrimitives.ReadUInt32LittleEndian(area[4..]));
    }

    [Benchmark, BenchmarkCategory("add")]
    public uint AddCore()
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(40);
        s[1] = RawValue.FromU32(2);
        _core.Add.Call(s);
        return s[0].U32;
    }

    /// <summary>The UTF-8 bytes are encoded once up front; the echoed length is the result (nothing is decoded).</summary>
    [Benchmark, BenchmarkCategory("echo 20 B")]
    public uint Echo20Core() => CoreEchoPtrLen(Utf8Text20).Length;

    [Benchmark, BenchmarkCategory("echo 100 B")]
    public uint Echo100Core() => CoreEchoPtrLen(Utf8Text100).Length;

    [Benchmark, BenchmarkCategory("echo 10 KB")]
    public uint Echo10KCore() => CoreEchoPtrLen(Utf8Text10K).Length;

    [Benchmark, BenchmarkCategory("echo 10 KB, large-result form")]
    public uint Echo10KLargeCore() => CoreEchoPtrLen(Utf8Text10K).Length;

    /// <summary>The UTF-16 code units are copied in as they are (2-aligned); the length is in code units.</summary>
    [Benchmark, BenchmarkCategory("echo 100 B, UTF-16 guest")]
    public uint Echo100Utf16Core() => CoreEchoPtrLen(Utf16Text100, 2, (uint)Text100.Length).Length;

    [Benchmark, BenchmarkCategory("echo 10 KB, UTF-16 guest")]
    public uint Echo10KUtf16Core() => CoreEchoPtrLen(Utf16Text10K, 2, (uint)Text10K.Length).Length;

    [Benchmark, BenchmarkCategory("record")]
    public int EchoTripleCore()
    {
        Span<RawValue> s = stackalloc RawValue[3];
        s[0] = RawValue.FromI32(Triple.A);
        s[1] = RawValue.FromI32(Triple.B);
        s[2] = RawValue.FromI32(Triple.C);
        _core.EchoTriple.Call(s);
        var area = _core.Memory.Slice((int)s[0].U32, 12);
        return BinaryPrimitives.ReadInt32LittleEndian(area) + BinaryPrimitives.ReadInt32LittleEndian(area[4..]) + BinaryPrimitives.ReadInt32LittleEndian(area[8..]);
    }

    [Benchmark, BenchmarkCategory("variant")]
    public ulong EchoVariantCore()
    {
        Span<RawValue> s = stackalloc RawValue[3];
        s[0] = RawValue.FromU32(1);
        s[1] = RawValue.FromU64(42);
        s[2] = RawValue.FromU32(0);
        _core.EchoMessage.Call(s);
        var area = _core.Memory.Slice((int)s[0].U32, 16);
        return area[0] == 1 ? BinaryPrimitives.ReadUInt64LittleEndian(area[8..]) : 0;
    }

    [Benchmark, BenchmarkCategory("option")]
    public uint EchoOptionCore()
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(1);
        s[1] = RawValue.FromU32(7);
        _core.EchoOption.Call(s);
        var area = _core.Memory.Slice((int)s[0].U32, 8);
        return area[0] == 1 ? BinaryPrimitives.ReadUInt32LittleEndian(area[4..]) : 0;
    }

    /// <summary>The 4,000 bytes of the elements are copied in as they are (little-endian, as in guest memory).</summary>
    [Benchmark, BenchmarkCategory("sum list<u32> 1,000")]
    public ulong SumCore()
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(_core.Put(MemoryMarshal.AsBytes(Values.AsSpan()), 4));
        s[1] = RawValue.FromU32((uint)Values.Length);
        _core.Sum.Call(s);
        return s[0].U64;
    }

    /// <summary>Copied in, echoed, and copied out into a reused buffer (no new array).</summary>
    [Benchmark, BenchmarkCategory("echo-bytes 64 KB")]
    public uint EchoBytesCore()
    {
        var (pointer, length) = CoreEchoPtrLen(Bytes);
        _core.Memory.Slice((int)pointer, (int)length).CopyTo(_bytesOut);
        return length;
    }

    /// <summary>The import is a raw host function that keeps the length it receives.</summary>
    [Benchmark, BenchmarkCategory("relay → import")]
    public int RelayCore()
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(_core.Put(Utf8Text20, 1));
        s[1] = RawValue.FromU32((uint)Utf8Text20.Length);
        _core.Relay.Call(s);
        return CoreFloor.Logged;
    }

    /// <summary>The constructor (whose <c>resource.new</c> import returns the representation), the method, the destructor.</summary>
    [Benchmark, BenchmarkCategory("resource new + method + drop")]
    public uint ResourceNewAddDropCore()
    {
        var rep = CoreNewCounter(1);
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(rep);
        s[1] = RawValue.FromU32(2);
        _core.CounterAdd.Call(s);
        var value = s[0].U32;
        s[0] = RawValue.FromU32(rep);
        _core.CellFree.Call(s[..1]);
        return value;
    }

    [Benchmark, BenchmarkCategory("resource method")]
    public uint ResourceMethodCore()
    {
        Span<RawValue> s = stackalloc RawValue[2];
        s[0] = RawValue.FromU32(_coreCounter);
        s[1] = RawValue.FromU32(1);
        _core.CounterAdd.Call(s);
        return s[0].U32;
    }
}
