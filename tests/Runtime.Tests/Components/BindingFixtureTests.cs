using System.Text;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// The hand-written fixture components of the generated-bindings tests (tests/Bindings.Tests/Fixtures,
/// implementing the worlds in tests/Bindings.Tests/wit), driven through the dynamic API so that the
/// fixtures themselves are known to follow the canonical ABI. The echoes world's value-type exports and
/// relays also run on Wasmtime.Components and must agree. Wasmtime's dynamic API cannot pass resources, so the resources world is only
/// validated there.
/// </summary>
public class BindingFixtureTests
{
    private const string Calc = "test:echoes/calc";
    private const string Counters = "test:resources/counters";
    private const string HostStore = "test:resources/host-store";

    private static readonly ComponentRuntime Runtime = new();

    private static readonly string[] ShapeCases = { "circle", "rect", "empty", "named" };
    private static readonly string[] ColorNames = { "red", "green", "blue" };
    private static readonly string[] PermNames = { "read", "write", "exec" };

    // The labels of a flags type by its size: perms has 3, many has 32 (b0 … b31).
    private static string[] FlagNames(int count) => count == 3 ? PermNames : Enumerable.Range(0, count).Select(i => "b" + i).ToArray();

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BindingFixtures", name));

    // ---------------------------------------------------------------- echoes: values

    private static WitValue Point(int x, int y, int z) => WitValue.Record(WitValue.S32(x), WitValue.S32(y), WitValue.S32(z));

    private static WitValue Circle(float r) => WitValue.Variant(0, WitValue.F32(r));

    private static WitValue Rect(int x, int y, int z) => WitValue.Variant(1, Point(x, y, z));

    private static WitValue Empty => WitValue.Variant(2);

    private static WitValue Named(string name) => WitValue.Variant(3, WitValue.String(name));

    private static WitValue Strings(params string[] items) => WitValue.List(items.Select(WitValue.String).ToArray());

    private static WitValue Char(string text) => WitValue.Char(Rune.GetRuneAt(text, 0));

    /// <summary>Arguments for every value-type echo export (each is echoed unchanged).</summary>
    private static IEnumerable<(string Export, WitValue Value)> EchoCases()
    {
        foreach (var b in new[] { true, false })
        {
            yield return ("echo-bool", WitValue.Bool(b));
        }

        foreach (var x in new sbyte[] { 0, 1, -1, sbyte.MinValue, sbyte.MaxValue })
        {
            yield return ("echo-s8", WitValue.S8(x));
        }

        foreach (var x in new byte[] { 0, 1, 200, byte.MaxValue })
        {
            yield return ("echo-u8", WitValue.U8(x));
        }

        foreach (var x in new short[] { 0, -2, short.MinValue, short.MaxValue })
        {
            yield return ("echo-s16", WitValue.S16(x));
        }

        foreach (var x in new ushort[] { 0, 40000, ushort.MaxValue })
        {
            yield return ("echo-u16", WitValue.U16(x));
        }

        foreach (var x in new[] { 0, -7, int.MinValue, int.MaxValue })
        {
            yield return ("echo-s32", WitValue.S32(x));
        }

        foreach (var x in new[] { 0u, 3_000_000_000u, uint.MaxValue })
        {
            yield return ("echo-u32", WitValue.U32(x));
        }

        foreach (var x in new[] { 0L, -1L, long.MinValue, long.MaxValue })
        {
            yield return ("echo-s64", WitValue.S64(x));
        }

        foreach (var x in new[] { 0UL, 1UL << 63, ulong.MaxValue })
        {
            yield return ("echo-u64", WitValue.U64(x));
        }

        foreach (var x in new[] { 0f, -0f, 1.5f, float.MaxValue, float.NegativeInfinity, float.Epsilon })
        {
            yield return ("echo-f32", WitValue.F32(x));
        }

        foreach (var x in new[] { 0d, -0d, Math.PI, double.MinValue, double.PositiveInfinity })
        {
            yield return ("echo-f64", WitValue.F64(x));
        }

        foreach (var c in new[] { "a", "\0", "é", "\uFFFD", "🎉" })
        {
            yield return ("echo-char", Char(c));
        }

        foreach (var s in new[] { "", "hello", "ünïcödé ✓ 🎉" })
        {
            yield return ("echo-string", WitValue.String(s));
        }

        yield return ("echo-bytes", WitValue.List());
        yield return ("echo-bytes", WitValue.List(WitValue.U8(0), WitValue.U8(1), WitValue.U8(255), WitValue.U8(42)));
        yield return ("echo-u32s", WitValue.List());
        yield return ("echo-u32s", WitValue.List(WitValue.U32(1), WitValue.U32(uint.MaxValue), WitValue.U32(7)));
        yield return ("echo-strings", Strings());
        yield return ("echo-strings", Strings("one", "", "three ✓"));
        yield return ("echo-points", WitValue.List());
        yield return ("echo-points", WitValue.List(Point(1, 2, 3), Point(-1, int.MinValue, int.MaxValue)));
        yield return ("echo-point", Point(1, -2, 3));
        yield return ("echo-point", Point(int.MinValue, 0, int.MaxValue));

        foreach (var shape in new[] { Circle(2.5f), Circle(-0f), Rect(4, -5, 6), Empty, Named(""), Named("tri ∆") })
        {
            yield return ("echo-shape", shape);
        }

        yield return ("echo-shapes", WitValue.List());
        yield return ("echo-shapes", WitValue.List(Circle(1f), Rect(1, 2, 3), Empty, Named("square")));

        for (int c = 0; c < 3; c++)
        {
            yield return ("echo-color", WitValue.Enum(c));
        }

        yield return ("echo-perms", WitValue.Flags(3));
        yield return ("echo-perms", WitValue.Flags(3, 0));
        yield return ("echo-perms", WitValue.Flags(3, 1, 2));
        yield return ("echo-perms", WitValue.Flags(3, 0, 1, 2));

        yield return ("echo-many", WitValue.Flags(32));
        yield return ("echo-many", WitValue.Flags(32, 0, 15, 16, 31));
        yield return ("echo-many", WitValue.Flags(32, Enumerable.Range(0, 32).ToArray()));

        yield return ("echo-option", WitValue.None);
        yield return ("echo-option", WitValue.Some(WitValue.String("")));
        yield return ("echo-option", WitValue.Some(WitValue.String("inside")));
        yield return ("echo-nested", WitValue.None);
        yield return ("echo-nested", WitValue.Some(WitValue.None));
        yield return ("echo-nested", WitValue.Some(WitValue.Some(WitValue.U32(0))));
        yield return ("echo-nested", WitValue.Some(WitValue.Some(WitValue.U32(uint.MaxValue))));
        yield return ("echo-result", WitValue.Ok(WitValue.U32(17)));
        yield return ("echo-result", WitValue.Err(WitValue.String("failed ✗")));
        yield return ("echo-unit-result", WitValue.Ok());
        yield return ("echo-unit-result", WitValue.Err());
        yield return ("echo-tuple", WitValue.Tuple(WitValue.U8(9), WitValue.String("mid"), WitValue.F64(-2.25)));
        yield return ("echo-tuple", WitValue.Tuple(WitValue.U8(255), WitValue.String(""), WitValue.F64(double.MaxValue)));
    }

    // ---------------------------------------------------------------- echoes: host

    /// <summary>The host side of the echoes world, recording what the guest passes it.</summary>
    private sealed class EchoHost
    {
        public const ulong Now = 1_700_000_000_123UL;

        public List<string> Logged { get; } = new();

        public List<WitValue> Described { get; } = new();

        /// <summary>The functions of test:echoes/host by name.</summary>
        public IEnumerable<(string Name, HostFunction Function)> HostFunctions()
        {
            yield return ("log", args =>
            {
                Logged.Add(args[0].AsString());
                return Array.Empty<WitValue>();
            });
            yield return ("double", args => new[] { WitValue.U32(args[0].AsU32() * 2) });
            yield return ("transform", args =>
            {
                var p = args[0].Items;
                return new[] { Point(p[0].AsS32() + 1, p[1].AsS32() * 2, -p[2].AsS32()) };
            });
            yield return ("reverse", args => new[] { WitValue.List(args[0].Items.Reverse().ToArray()) });
            yield return ("describe", args =>
            {
                var shape = args[0];
                Described.Add(shape);
                return new[]
                {
                    shape.CaseIndex switch
                    {
                        0 => WitValue.Some(WitValue.String($"circle of radius {shape.Payload!.AsF32()}")),
                        1 => WitValue.Some(WitValue.String($"rect {string.Join('x', shape.Payload!.Items.Select(i => i.AsS32()))}")),
                        3 => WitValue.Some(WitValue.String($"named {shape.Payload!.AsString()}")),
                        _ => WitValue.None,
                    },
                };
            });
        }

        public HostImports Imports()
        {
            var imports = new HostImports();
            imports.DefineFunction("now", _ => new[] { WitValue.U64(Now) });
            var host = imports.DefineInstance("test:echoes/host");
            foreach (var (name, function) in HostFunctions())
            {
                host.DefineFunction(name, function);
            }

            return imports;
        }
    }

    private static ComponentInstance Echoes(EchoHost? host = null) =>
        Runtime.LoadText(Fixture("echoes.wat")).Instantiate((host ?? new EchoHost()).Imports());

    private static WitValue Call(ComponentInstance instance, string name, params WitValue[] args)
    {
        var function = instance.GetFunction(name);
        Assert.True(function is not null, $"no export '{name}'");
        var results = function.Invoke(args);
        return Assert.Single(results);
    }

    // ---------------------------------------------------------------- echoes: tests

    [Fact]
    public void Echo_exports_return_their_argument()
    {
        using var instance = Echoes();
        foreach (var (export, value) in EchoCases())
        {
            var result = Call(instance, export, value);
            Assert.True(value == result, $"{export}({value}) returned {result}");
        }

        Assert.False(instance.State.Poisoned);
    }

    [Fact]
    public void Echoes_preserve_float_bit_patterns_and_flag_words()
    {
        using var instance = Echoes();
        var nan = BitConverter.Int32BitsToSingle(0x7FC0_0001);
        Assert.True(float.IsNaN(Call(instance, "echo-f32", WitValue.F32(nan)).AsF32()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0d), BitConverter.DoubleToInt64Bits(Call(instance, "echo-f64", WitValue.F64(-0d)).AsF64()));

        var many = Call(instance, "echo-many", WitValue.Flags(32, 1, 30, 31));
        Assert.Equal(32, many.FlagCount);
        Assert.Equal(new[] { (1u << 1) | (1u << 30) | (1u << 31) }, many.FlagWords.ToArray());
        Assert.Equal(new[] { 1, 30, 31 }, Enumerable.Range(0, 32).Where(many.IsFlagSet));

        var perms = Call(instance, "echo-perms", WitValue.Flags(3, 0, 2));
        Assert.True(perms.IsFlagSet(0));
        Assert.False(perms.IsFlagSet(1));
        Assert.True(perms.IsFlagSet(2));

        var shape = Call(instance, "echo-shape", Rect(7, 8, 9));
        Assert.Equal(1, shape.CaseIndex);
        Assert.Equal(new[] { 7, 8, 9 }, shape.Payload!.Items.Select(i => i.AsS32()));
        Assert.Equal("named ✓", Call(instance, "echo-shape", Named("named ✓")).Payload!.AsString());
        Assert.Equal(2, Call(instance, "echo-color", WitValue.Enum(2)).CaseIndex);
        Assert.Equal("🎉", Call(instance, "echo-char", Char("🎉")).AsChar().ToString());
    }

    [Fact]
    public void Lists_larger_than_the_initial_memory_grow_it()
    {
        // The fixture's allocator starts with one 64 KiB page and grows the memory on demand.
        using var instance = Echoes();
        var bytes = Enumerable.Range(0, 150_000).Select(i => WitValue.U8((byte)(i * 7))).ToArray();
        var echoed = Call(instance, "echo-bytes", WitValue.List(bytes)).Items;
        Assert.Equal(bytes.Length, echoed.Length);
        Assert.Equal(unchecked((byte)(149_999 * 7)), echoed[^1].AsU8());
        Assert.True(bytes.AsSpan().SequenceEqual(echoed.AsSpan()));

        var values = Enumerable.Range(0, 40_000).Select(i => WitValue.U32((uint)i)).ToArray();
        Assert.Equal(39_999UL * 40_000 / 2, Call(instance, Calc, "sum", WitValue.List(values)).AsU64());
    }

    [Fact]
    public void Calc_interface_adds_and_sums()
    {
        using var instance = Echoes();
        var add = instance.GetFunction(Calc, "add")!;
        var sum = instance.GetFunction(Calc, "sum")!;

        Assert.Equal(42u, add.Invoke(WitValue.U32(40), WitValue.U32(2))[0].AsU32());
        Assert.Equal(1u, add.Invoke(WitValue.U32(uint.MaxValue), WitValue.U32(2))[0].AsU32());
        Assert.Equal(0UL, sum.Invoke(WitValue.List())[0].AsU64());
        Assert.Equal(10UL, sum.Invoke(WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(3), WitValue.U32(4)))[0].AsU64());

        // The sum is a u64: it does not wrap at 32 bits.
        var big = Enumerable.Repeat(WitValue.U32(uint.MaxValue), 3).ToArray();
        Assert.Equal(3UL * uint.MaxValue, sum.Invoke(WitValue.List(big))[0].AsU64());

        var many = Enumerable.Range(1, 1000).Select(i => WitValue.U32((uint)i)).ToArray();
        Assert.Equal(500_500UL, sum.Invoke(WitValue.List(many))[0].AsU64());
    }

    [Fact]
    public void Seventeen_parameters_are_spilled_to_memory_and_summed()
    {
        using var instance = Echoes();
        var sum17 = instance.GetFunction("sum17")!;
        Assert.True(sum17.Type!.ParametersSpilled);

        var args = Enumerable.Range(1, 17).Select(i => WitValue.U32((uint)i)).ToArray();
        Assert.Equal(153u, sum17.Invoke(args)[0].AsU32());

        // Each argument lands in its own slot: only the 17th is non-zero, then only the first.
        var last = Enumerable.Range(1, 17).Select(i => WitValue.U32(i == 17 ? 1000u : 0u)).ToArray();
        Assert.Equal(1000u, sum17.Invoke(last)[0].AsU32());
        var first = Enumerable.Range(1, 17).Select(i => WitValue.U32(i == 1 ? 7u : 0u)).ToArray();
        Assert.Equal(7u, sum17.Invoke(first)[0].AsU32());

        // Wrapping u32 addition.
        var wrap = Enumerable.Repeat(WitValue.U32(uint.MaxValue), 17).ToArray();
        Assert.Equal(unchecked(17u * uint.MaxValue), sum17.Invoke(wrap)[0].AsU32());
    }

    [Fact]
    public void Nothing_takes_and_returns_nothing()
    {
        using var instance = Echoes();
        var nothing = instance.GetFunction("nothing")!;
        Assert.Empty(nothing.Type!.Parameters);
        Assert.Empty(nothing.Type.Results);
        Assert.Empty(nothing.Invoke());
        Assert.False(instance.State.Poisoned);
    }

    [Fact]
    public void Relays_call_the_host_imports_and_return_their_results()
    {
        var host = new EchoHost();
        using var instance = Echoes(host);

        Assert.Empty(instance.GetFunction("relay-log")!.Invoke(WitValue.String("hello from the host ✓")));
        Assert.Empty(instance.GetFunction("relay-log")!.Invoke(WitValue.String("")));
        Assert.Equal(new[] { "hello from the host ✓", "" }, host.Logged);

        Assert.Equal(42u, Call(instance, "relay-double", WitValue.U32(21)).AsU32());
        Assert.Equal(0u, Call(instance, "relay-double", WitValue.U32(1u << 31)).AsU32());

        Assert.Equal(Point(2, 4, -3), Call(instance, "relay-transform", Point(1, 2, 3)));
        Assert.Equal(Point(int.MinValue, 0, 5), Call(instance, "relay-transform", Point(int.MaxValue, 0, -5)));

        Assert.Equal(Strings("c", "", "a ✓"), Call(instance, "relay-reverse", Strings("a ✓", "", "c")));
        Assert.Equal(Strings(), Call(instance, "relay-reverse", Strings()));

        Assert.Equal(WitValue.Some(WitValue.String("circle of radius 1.5")), Call(instance, "relay-describe", Circle(1.5f)));
        Assert.Equal(WitValue.Some(WitValue.String("rect 1x-2x3")), Call(instance, "relay-describe", Rect(1, -2, 3)));
        Assert.Equal(WitValue.None, Call(instance, "relay-describe", Empty));
        Assert.Equal(WitValue.Some(WitValue.String("named hexagon ⬡")), Call(instance, "relay-describe", Named("hexagon ⬡")));
        Assert.Equal(new[] { Circle(1.5f), Rect(1, -2, 3), Empty, Named("hexagon ⬡") }, host.Described);

        Assert.Equal(EchoHost.Now, Call(instance, "relay-now").AsU64());
        Assert.False(instance.State.Poisoned);
    }

    [Theory]
    [InlineData("bad-string", ComponentTrapKind.OutOfBounds)]
    [InlineData("bad-char", ComponentTrapKind.InvalidChar)]
    [InlineData("bad-color", ComponentTrapKind.InvalidDiscriminant)]
    [InlineData("bad-shape", ComponentTrapKind.InvalidDiscriminant)]
    public void Misbehaving_exports_trap(string export, ComponentTrapKind kind)
    {
        using var instance = Echoes();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction(export)!.Invoke());
        Assert.Equal(kind, trap.Kind);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void Echoes_export_types_and_functions_with_the_expected_core_signatures()
    {
        using var instance = Echoes();

        // Results that flatten to more than one value come back through a pointer.
        foreach (var name in new[] { "echo-point", "echo-shape", "echo-option", "echo-nested", "echo-result", "echo-tuple", "echo-string", "relay-transform", "relay-describe" })
        {
            Assert.True(instance.GetFunction(name)!.Type!.ResultsSpilled, name);
        }

        var shape = Assert.IsType<AbiVariantType>(instance.GetFunction("echo-shape")!.Type!.Parameters[0]);
        Assert.Equal(ShapeCases, shape.Cases.Select(c => c.Name));
        Assert.Equal(16, shape.Size);
        Assert.Equal(4, shape.FlatCount);
        var tuple = instance.GetFunction("echo-tuple")!.Type!.Parameters[0];
        Assert.Equal(24, tuple.Size);
        Assert.Equal(8, tuple.Alignment);
        var many = Assert.IsType<AbiFlagsType>(instance.GetFunction("echo-many")!.Type!.Parameters[0]);
        Assert.Equal(1, many.WordCount);
        Assert.False(instance.GetFunction("echo-many")!.Type!.ResultsSpilled);
    }

    // ---------------------------------------------------------------- echoes: Wasmtime cross-check

    [Fact]
    public void Resources_fixture_is_valid_for_wasmtime()
    {
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, WatText.ToBinary(Fixture("resources.wat")));
        Assert.NotNull(component);
    }

    [Fact]
    public void Echo_exports_match_wasmtime_components()
    {
        var text = Fixture("echoes.wat");
        var bytes = WatText.ToBinary(text);
        using var ours = Runtime.Load(bytes).Instantiate(new EchoHost().Imports());
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var linker = new WasmtimeLinker(engine);
        linker.DefineUnknownImportsAsTraps(component);
        using var store = new Store(engine);
        var theirs = linker.Instantiate(store, component);

        int compared = 0;
        foreach (var (export, value) in EchoCases())
        {
            var type = ours.GetFunction(export)!.Type!;
            var expected = Call(ours, export, value);
            var actual = theirs.GetFunction(export)!.Call(ToWasmtime(value, type.Parameters[0]))!;
            Assert.True(expected == FromWasmtime(actual, type.Results[0]), $"{export}({value}): Wasmtime returned {actual}, we returned {expected}");
            compared++;
        }

        var add = theirs.GetFunction(Calc, "add")!;
        Assert.Equal(Call(ours, Calc, "add", WitValue.U32(uint.MaxValue), WitValue.U32(5)).AsU32(), add.Call(CV.U32(uint.MaxValue), CV.U32(5))!.AsU32());
        var values = new uint[] { uint.MaxValue, 1, 2, uint.MaxValue };
        var theirSum = theirs.GetFunction(Calc, "sum")!.Call(CV.List(values.Select(CV.U32).ToList()))!.AsU64();
        Assert.Equal(Call(ours, Calc, "sum", WitValue.List(values.Select(WitValue.U32).ToArray())).AsU64(), theirSum);

        var seventeen = Enumerable.Range(0, 17).Select(i => (uint)(i * 1000 + 1)).ToArray();
        Assert.Equal(
            Call(ours, "sum17", seventeen.Select(WitValue.U32).ToArray()).AsU32(),
            theirs.GetFunction("sum17")!.Call(seventeen.Select(CV.U32).ToArray())!.AsU32());
        Assert.Null(theirs.GetFunction("nothing")!.Call());
        Assert.True(compared > 80);
    }

    [Fact]
    public void Relays_match_wasmtime_components()
    {
        var bytes = WatText.ToBinary(Fixture("echoes.wat"));
        var ourHost = new EchoHost();
        using var ours = Runtime.Load(bytes).Instantiate(ourHost.Imports());

        // Wasmtime gets the same host functions, through the value converters and the relays' types
        // (each relay has its import's type).
        var theirHost = new EchoHost();
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var linker = new WasmtimeLinker(engine);
        using (var root = linker.Root())
        {
            root.DefineFunction("now", Adapt(ours, "relay-now", _ => new[] { WitValue.U64(EchoHost.Now) }));
            using var host = root.AddInstance("test:echoes/host");
            foreach (var (name, function) in theirHost.HostFunctions())
            {
                host.DefineFunction(name, Adapt(ours, "relay-" + name, function));
            }
        }

        using var store = new Store(engine);
        var theirs = linker.Instantiate(store, component);

        var cases = new (string Export, WitValue[] Args)[]
        {
            ("relay-log", new[] { WitValue.String("logged ✓") }),
            ("relay-double", new[] { WitValue.U32(21) }),
            ("relay-double", new[] { WitValue.U32(uint.MaxValue) }),
            ("relay-transform", new[] { Point(1, 2, 3) }),
            ("relay-transform", new[] { Point(int.MaxValue, int.MinValue, 0) }),
            ("relay-reverse", new[] { Strings("x", "yy", "", "zzz ✓") }),
            ("relay-reverse", new[] { Strings() }),
            ("relay-describe", new[] { Circle(0.5f) }),
            ("relay-describe", new[] { Rect(3, 2, 1) }),
            ("relay-describe", new[] { Empty }),
            ("relay-describe", new[] { Named("octagon") }),
            ("relay-now", Array.Empty<WitValue>()),
        };
        foreach (var (export, args) in cases)
        {
            var type = ours.GetFunction(export)!.Type!;
            var expected = ours.GetFunction(export)!.Invoke(args);
            var actual = theirs.GetFunction(export)!.Call(args.Select((a, i) => ToWasmtime(a, type.Parameters[i])).ToArray());
            if (type.Results.Length == 0)
            {
                Assert.Empty(expected);
                Assert.Null(actual);
            }
            else
            {
                Assert.True(Assert.Single(expected) == FromWasmtime(actual!, type.Results[0]), $"{export}: Wasmtime returned {actual}, we returned {expected[0]}");
            }
        }

        Assert.Equal(new[] { "logged ✓" }, ourHost.Logged);
        Assert.Equal(ourHost.Logged, theirHost.Logged);
        Assert.Equal(ourHost.Described, theirHost.Described);
        Assert.Equal(4, theirHost.Described.Count);
    }

    /// <summary>A host function of this runtime as a Wasmtime host function with the given relay's type.</summary>
    private static Wasmtime.Components.ComponentFunctionCallback Adapt(ComponentInstance ours, string relay, HostFunction function) =>
        WasmtimeValues.Adapt(ours.GetFunction(relay)!.Type!, function);

    private static WitValue Call(ComponentInstance instance, string interfaceName, string name, params WitValue[] args) =>
        Assert.Single(instance.GetFunction(interfaceName, name)!.Invoke(args));

    private static CV ToWasmtime(WitValue v, AbiType t) => WasmtimeValues.ToWasmtime(v, t);

    private static WitValue FromWasmtime(CV c, AbiType t) => WasmtimeValues.FromWasmtime(c, t);

    // ---------------------------------------------------------------- resources

    /// <summary>The host side of the resources world: stores kept by representation.</summary>
    private sealed class StoreHost
    {
        private int _next = 1;

        public Dictionary<int, (string Name, List<uint> Values)> Stores { get; } = new();

        public List<int> Destroyed { get; } = new();

        public ResourceType StoreType { get; private set; } = null!;

        public HostImports Imports()
        {
            var imports = new HostImports();
            var instance = imports.DefineInstance(HostStore);
            StoreType = instance.DefineResource("store", rep =>
            {
                Destroyed.Add(rep);
                Assert.True(Stores.Remove(rep), $"store {rep} destroyed twice");
            });
            instance
                .DefineFunction("[constructor]store", args =>
                {
                    var rep = _next++;
                    Stores[rep] = (args[0].AsString(), new List<uint>());
                    return new[] { WitValue.Handle(new ResourceValue(StoreType, rep)) };
                })
                .DefineFunction("[method]store.put", args =>
                {
                    Stores[Rep(args[0])].Values.Add(args[1].AsU32());
                    return Array.Empty<WitValue>();
                })
                .DefineFunction("[method]store.total", args =>
                    new[] { WitValue.U32(Stores[Rep(args[0])].Values.Aggregate(0u, (a, b) => unchecked(a + b))) });
            return imports;
        }

        private int Rep(WitValue handle)
        {
            var resource = Assert.IsType<ResourceValue>(handle.AsHandle());
            Assert.Same(StoreType, resource.Type);
            return resource.Rep;
        }
    }

    private static ComponentInstance Resources(StoreHost host) =>
        Runtime.LoadText(Fixture("resources.wat")).Instantiate(host.Imports());

    private static ResourceValue Own(WitValue[] results) => Assert.IsType<ResourceValue>(Assert.Single(results).AsHandle());

    [Fact]
    public void Guest_counters_are_constructed_incremented_read_and_destroyed()
    {
        using var instance = Resources(new StoreHost());
        var ctor = instance.GetFunction(Counters, "[constructor]counter")!;
        var increment = instance.GetFunction(Counters, "[method]counter.increment")!;
        var get = instance.GetFunction(Counters, "[method]counter.get")!;
        var zero = instance.GetFunction(Counters, "[static]counter.zero")!;
        var peek = instance.GetFunction(Counters, "peek")!;
        var dropped = instance.GetFunction(Counters, "dropped")!;
        var counterType = instance.GetResourceType(Counters, "counter");
        Assert.NotNull(counterType);

        var a = Own(ctor.Invoke(WitValue.U32(5)));
        var z = Own(zero.Invoke());
        Assert.Same(counterType, a.Type);
        Assert.Same(counterType, z.Type);
        Assert.NotEqual(a.Rep, z.Rep);

        Assert.Equal(5u, get.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(0u, get.Invoke(WitValue.Handle(z))[0].AsU32());
        Assert.Empty(increment.Invoke(WitValue.Handle(a), WitValue.U32(10)));
        Assert.Empty(increment.Invoke(WitValue.Handle(z), WitValue.U32(3)));
        Assert.Equal(15u, get.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(15u, peek.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(3u, peek.Invoke(WitValue.Handle(z))[0].AsU32());

        // Borrows of the guest's own resource leave no handles behind.
        Assert.Equal(0, instance.State.Handles.Count);
        Assert.Equal(0u, dropped.Invoke()[0].AsU32());

        // The host dropping its own handles runs the guest's destructor.
        instance.Drop(a);
        Assert.Equal(1u, dropped.Invoke()[0].AsU32());
        instance.Drop(z);
        Assert.Equal(2u, dropped.Invoke()[0].AsU32());
        Assert.False(instance.State.Poisoned);
    }

    [Fact]
    public void Merge_takes_ownership_of_the_other_counter_and_destroys_it()
    {
        using var instance = Resources(new StoreHost());
        var ctor = instance.GetFunction(Counters, "[constructor]counter")!;
        var merge = instance.GetFunction(Counters, "[method]counter.merge")!;
        var get = instance.GetFunction(Counters, "[method]counter.get")!;
        var dropped = instance.GetFunction(Counters, "dropped")!;

        var a = Own(ctor.Invoke(WitValue.U32(40)));
        var b = Own(ctor.Invoke(WitValue.U32(2)));
        Assert.Empty(merge.Invoke(WitValue.Handle(a), WitValue.Handle(b)));
        Assert.Equal(42u, get.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(1u, dropped.Invoke()[0].AsU32());
        Assert.Equal(0, instance.State.Handles.Count);

        var c = Own(instance.GetFunction(Counters, "[static]counter.zero")!.Invoke());
        merge.Invoke(WitValue.Handle(a), WitValue.Handle(c));
        Assert.Equal(42u, get.Invoke(WitValue.Handle(a))[0].AsU32());
        Assert.Equal(2u, dropped.Invoke()[0].AsU32());
    }

    [Fact]
    public void Fill_constructs_a_host_store_puts_every_value_and_drops_it()
    {
        var host = new StoreHost();
        using var instance = Resources(host);
        var fill = instance.GetFunction("fill")!;

        var total = fill.Invoke(WitValue.String("groceries ✓"), WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(39)));
        Assert.Equal(42u, Assert.Single(total).AsU32());

        // The guest dropped its own handle: the host's destructor ran for the one store created.
        Assert.Equal(new[] { 1 }, host.Destroyed);
        Assert.Empty(host.Stores);
        Assert.Equal(0, instance.State.Handles.Count);

        Assert.Equal(0u, fill.Invoke(WitValue.String(""), WitValue.List())[0].AsU32());
        Assert.Equal(new[] { 1, 2 }, host.Destroyed);
        Assert.False(instance.State.Poisoned);
    }

    [Fact]
    public void Make_store_gives_the_host_an_owned_store_that_total_of_reads_through_a_borrow()
    {
        var host = new StoreHost();
        using var instance = Resources(host);

        var store = Own(instance.GetFunction("make-store")!.Invoke(WitValue.String("kept")));
        Assert.Same(host.StoreType, store.Type);
        Assert.Equal("kept", host.Stores[store.Rep].Name);
        Assert.Empty(host.Destroyed);
        Assert.Equal(0, instance.State.Handles.Count);

        host.Stores[store.Rep].Values.AddRange(new uint[] { 10, 20, 30 });
        var totalOf = instance.GetFunction("total-of")!;
        Assert.Equal(60u, totalOf.Invoke(WitValue.Handle(store))[0].AsU32());

        // The borrow ended with the call; the store is still the host's.
        Assert.Empty(host.Destroyed);
        Assert.Equal(0, instance.State.Handles.Count);
        Assert.Equal(60u, totalOf.Invoke(WitValue.Handle(store))[0].AsU32());
        Assert.False(instance.State.Poisoned);
    }
}
