// The same guest run twice side by side, through our generated bindings (WitBindgen.Runtime and
// WitBindgen.Wasi) and through Wasmtime's own component implementation (Wasmtime.Components), on the
// same inputs: every value-type export must give the same result on both. For the JS guest this
// includes the componentize-js defect (garbled u32 results from 2^31), which both runtimes must
// reproduce identically; negative s64 results trap on both and are left to the defect tests.
using System.Text;
using Guests.Values;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;
using Opt = WitBindgen.Runtime.Option<uint?>;

namespace WitBindgen.Components.Tests;

/// <summary>One instance of a guest on each runtime.</summary>
public abstract class CrossCheckFixture(string file, bool full) : IDisposable
{
    public BindingsGuest Ours { get; } = new(file, full);

    public WasmtimeGuest Theirs { get; } = new(file);

    public void Dispose()
    {
        Ours.Dispose();
        Theirs.Dispose();
    }
}

public sealed class RustCrossCheck() : CrossCheckFixture("full-rust.component.wasm", true);
public sealed class GoCrossCheck() : CrossCheckFixture("full-go.component.wasm", true);
public sealed class CCrossCheck() : CrossCheckFixture("basic-c.component.wasm", false);
public sealed class JsCrossCheck() : CrossCheckFixture("basic-js.component.wasm", false);

/// <summary>Results of our bindings against Wasmtime's for every value export.</summary>
public abstract class BindingsCrossCheckTests(CrossCheckFixture fixture)
{
    private const string Values = ValuesReferenceTests.Values;

    private IGuestValues Ours => fixture.Ours.Values;

    private CV Theirs(string name, params CV[] args) => fixture.Theirs.Call(Values, name, args);

    /// <summary>False for the JS guest (negative s64 results trap on both runtimes).</summary>
    protected virtual bool NegativeFlatS64ResultsWork => true;

    // conversions between our values and Wasmtime's
    private static CV Strings(IEnumerable<string> xs) => CV.List(xs.Select(CV.String).ToArray());
    private static CV U32s(IEnumerable<uint> xs) => CV.List(xs.Select(CV.U32).ToArray());
    private static CV ToCV(Point p) => CV.Record(new List<KeyValuePair<string, CV>> { new("x", CV.S32(p.X)), new("y", CV.S32(p.Y)) });
    private static Point ToPoint(CV v) => new(v.Field("x").AsS32(), v.Field("y").AsS32());
    private static CV ToCV(Person p) => CV.Record(new List<KeyValuePair<string, CV>>
        { new("name", CV.String(p.Name)), new("age", CV.U8(p.Age)), new("tags", Strings(p.Tags)) });
    private static CV ToCV(Shape s) => s switch
    {
        Shape.Circle c => CV.Variant("circle", CV.F32(c.Value)),
        Shape.Rect r => CV.Variant("rect", ToCV(r.Value)),
        Shape.Named n => CV.Variant("named", CV.String(n.Value)),
        _ => CV.Variant("empty", null!),
    };
    private static readonly string[] ColorNames = ["red", "green", "blue"];
    private static CV ToCV(Color c) => CV.Enum(ColorNames[(int)c]);
    private static Color ToColor(CV v) => (Color)Array.IndexOf(ColorNames, v.AsEnum());
    private static readonly string[] PermNames = ["read", "write", "exec"];
    private static CV ToCV(Perms p) => CV.Flags(PermNames.Where((_, i) => ((int)p & (1 << i)) != 0).ToArray());
    private static Perms ToPerms(CV v) => (Perms)v.AsFlags().Aggregate(0, (m, f) => m | (1 << Array.IndexOf(PermNames, f)));
    private static CV ToCV(Many m) => CV.Flags(Enumerable.Range(0, 20).Where(i => ((uint)m & (1u << i)) != 0).Select(i => $"m{i}").ToArray());
    private static Many ToMany(CV v) => (Many)v.AsFlags().Aggregate(0u, (m, f) => m | (1u << int.Parse(f[1..])));
    private static CV ToCV(Opt o) => !o.HasValue ? CV.None() : o.Value is { } x ? CV.Some(CV.Some(CV.U32(x))) : CV.Some(CV.None());

    private static readonly string[] Texts =
        ["", "a", "World", "Zoë 😀", "a\0b", "e\u0301x", "€ß😀\u007F", "日本語", ValuesReferenceTests.Mixed(100_000)];

    [Fact]
    public void Integers()
    {
        uint[] u32s = [0, 1, 2, 40, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 3_000_000_000, uint.MaxValue - 1, uint.MaxValue];
        foreach (var a in u32s)
        {
            foreach (var b in new uint[] { 0, 1, 0x8000_0000, uint.MaxValue })
            {
                Assert.Equal(Theirs("add", CV.U32(a), CV.U32(b)).AsU32(), Ours.Add(a, b));
            }
        }

        var t = Theirs("limits").AsTuple();
        Assert.Equal((t[0].AsS8(), t[1].AsU8(), t[2].AsS16(), t[3].AsU16(), t[4].AsS32(), t[5].AsU32(), t[6].AsS64(), t[7].AsU64()), Ours.Limits());

        long[] s64s = NegativeFlatS64ResultsWork
            ? [0, 5, -5, 1L << 40, -(1L << 53) - 1, long.MaxValue, -long.MaxValue, long.MinValue]
            : [0, -5, -(1L << 53) - 1, -long.MaxValue];
        foreach (var x in s64s)
        {
            Assert.Equal(Theirs("negate", CV.S64(x)).AsS64(), Ours.Negate(x));
        }
    }

    /// <summary>
    /// Equal bit patterns, except that any NaN equals any NaN: Wasmtime passes the guest's NaN bits through
    /// (0xFFF8000000000000 here), WitBindgen.Runtime canonicalises NaNs when lifting (0x7FF8000000000000,
    /// CanonicalABI.md canonicalize_nan64, src/Runtime/Abi/AbiFloats.cs); the canonical ABI allows both.
    /// </summary>
    private static void SameDouble(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
        }
        else
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Fact]
    public void Floats_bit_for_bit()
    {
        double[] xs = [0.0, -0.0, 1.5, 0.1, -3.0, 1e300, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity];
        float[] bys = [0f, 2f, 0.1f, -5f, 0.5f, float.MaxValue, float.NegativeInfinity, float.NaN];
        foreach (var x in xs)
        {
            foreach (var by in bys)
            {
                SameDouble(Theirs("scale", CV.F64(x), CV.F32(by)).AsF64(), Ours.Scale(x, by));
            }
        }
        foreach (var s in new Shape[] { new Shape.Circle(2f), new Shape.Circle(1.5f), new Shape.Circle(0.1f), new Shape.Circle(float.MaxValue), new Shape.Circle(-0f) })
        {
            SameDouble(Theirs("area", ToCV(s)).AsF64(), Ours.Area(s));
        }
    }

    [Fact]
    public void Chars()
    {
        foreach (var c in new[] { 0, 0x61, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFE, 0x10FFFF })
        {
            Assert.Equal(Theirs("next-char", CV.Char(new Rune(c))).AsRune(), Ours.NextChar(new Rune(c)));
        }
    }

    [Fact]
    public void Strings_greet_reverse_find()
    {
        foreach (var s in Texts)
        {
            Assert.Equal(Theirs("greet", CV.String(s)).AsString(), Ours.Greet(s));
            Assert.Equal(Theirs("reverse", CV.String(s)).AsString(), Ours.Reverse(s));
        }
        string[] hay = ["a", "b", "a", "", "ß😀", "ünï"];
        foreach (var needle in new[] { "a", "b", "", "ß😀", "ünï", "z", "A", "ß" })
        {
            var o = Theirs("find", Strings(hay), CV.String(needle));
            Assert.Equal(o.IsSome ? o.Payload!.AsU32() : null, Ours.Find(hay, needle));
        }
        var o2 = Theirs("find", Strings([]), CV.String(""));
        Assert.False(o2.IsSome);
        Assert.Null(Ours.Find([], ""));
    }

    [Fact]
    public void Lists()
    {
        uint[][] lists = [[], [1, 2, 3], [uint.MaxValue, uint.MaxValue, 1], [0x8000_0000, 0x4000_0000, 7], Enumerable.Range(0, 20_000).Select(i => (uint)i * 86_243u).ToArray()];
        foreach (var xs in lists)
        {
            Assert.Equal(Theirs("sum", U32s(xs)).AsU64(), Ours.Sum(xs));
            Assert.Equal(Theirs("double-all", U32s(xs)).AsList().Select(v => v.AsU32()).ToArray(), Ours.DoubleAll(xs));
        }
        byte[][][] nested = [[], [[], []], [[], [1, 2, 3], [255]], Enumerable.Range(0, 200).Select(i => Enumerable.Repeat((byte)i, i).ToArray()).ToArray()];
        foreach (var xs in nested)
        {
            var cv = CV.List(xs.Select(x => CV.List(x.Select(CV.U8).ToArray())).ToArray());
            Assert.Equal(Theirs("total-length", cv).AsU32(), Ours.TotalLength(xs));
        }
    }

    [Fact]
    public void Records_in_lists()
    {
        Person[] people =
        [
            new("Ada", 36, ["math", "engines"]), new("Zoë 😀", 30, []), new("Bob", 29, [""]),
            new("", 255, ["x", "y", "z"]), new("Old", 31, []),
            .. Enumerable.Range(0, 500).Select(i => new Person($"p{i} ü", (byte)(i % 256), [$"t{i}"])),
        ];
        var cv = CV.List(people.Select(ToCV).ToArray());
        foreach (byte age in new byte[] { 0, 29, 30, 200, 254, 255 })
        {
            Assert.Equal(Theirs("older-than", cv, CV.U8(age)).AsList().Select(v => v.AsString()).ToArray(), Ours.OlderThan(people, age));
        }
        Assert.Equal(Theirs("older-than", CV.List(Array.Empty<CV>()), CV.U8(0)).AsList().Count, Ours.OlderThan([], 0).Length);

        foreach (var (p, dx, dy) in new[] { (new Point(1, 2), 10, -20), (new Point(0, 0), 0, 0), (new Point(int.MaxValue, int.MinValue), 1, -1), (new Point(int.MinValue, int.MaxValue), int.MaxValue, int.MinValue) })
        {
            Assert.Equal(ToPoint(Theirs("translate", ToCV(p), CV.S32(dx), CV.S32(dy))), Ours.Translate(p, dx, dy));
        }
    }

    [Fact]
    public void Variants_enums_flags_options_results()
    {
        Shape[] shapes =
        [
            new Shape.Circle(0.5f), new Shape.Rect(new Point(-3, 4)), new Shape.Rect(new Point(int.MinValue, int.MinValue)),
            new Shape.Rect(new Point(0, int.MaxValue)), new Shape.Named(""), new Shape.Named("ñ😀o"), new Shape.Empty(),
        ];
        foreach (var s in shapes)
        {
            Assert.Equal(Theirs("area", ToCV(s)).AsF64(), Ours.Area(s));
        }
        foreach (var c in new[] { Color.Red, Color.Green, Color.Blue })
        {
            Assert.Equal(ToColor(Theirs("next-color", ToCV(c))), Ours.NextColor(c));
        }
        for (int p = 0; p < 8; p++)
        {
            Assert.Equal(ToPerms(Theirs("invert", ToCV((Perms)p))), Ours.Invert((Perms)p));
        }
        foreach (var m in new Many[] { 0, (Many)0xF_FFFF, Many.M0 | Many.M19, (Many)0xA_AAAA, Many.M7 })
        {
            Assert.Equal(ToMany(Theirs("invert-many", ToCV(m))), Ours.InvertMany(m));
        }
        foreach (var o in new[] { Opt.None, Opt.Some(null), Opt.Some(0u), Opt.Some(5u), Opt.Some((uint)int.MaxValue), Opt.Some(uint.MaxValue - 2), Opt.Some(uint.MaxValue - 1), Opt.Some(uint.MaxValue) })
        {
            Assert.Equal(Theirs("depth", ToCV(o)).AsU32(), Ours.Depth(o));
        }
        foreach (var (a, b) in new[] { (7, 2), (-7, 2), (7, -2), (0, 5), (int.MaxValue, 1), (int.MinValue, -1), (1, 0), (0, 0), (int.MinValue, 0) })
        {
            var r = Theirs("divide", CV.S32(a), CV.S32(b));
            var expected = r.IsOk ? WitBindgen.Runtime.Result<int, string>.FromOk(r.Payload!.AsS32()) : WitBindgen.Runtime.Result<int, string>.FromErr(r.Payload!.AsString());
            Assert.Equal(expected, Ours.Divide(a, b));
        }
    }

    [Fact]
    public void Host_callbacks()
    {
        fixture.Ours.Host.Clear();
        fixture.Theirs.Logs.Clear();
        fixture.Theirs.LabelRequests.Clear();
        foreach (var msgs in new[] { Array.Empty<string>(), ["one", "two ✓", ""], Texts, Enumerable.Range(0, 300).Select(i => $"m{i} 😀").ToArray() })
        {
            Assert.Equal(Theirs("log-all", Strings(msgs)).AsString(), Ours.LogAll(msgs));
        }
        Assert.Equal(fixture.Theirs.Logs, fixture.Ours.Host.Logs);
        Assert.Equal(fixture.Theirs.LabelRequests, fixture.Ours.Host.LabelRequests);
    }
}

public sealed class RustBindingsCrossCheckTests(RustCrossCheck f) : BindingsCrossCheckTests(f), IClassFixture<RustCrossCheck>;

public sealed class GoBindingsCrossCheckTests(GoCrossCheck f) : BindingsCrossCheckTests(f), IClassFixture<GoCrossCheck>;

public sealed class CBindingsCrossCheckTests(CCrossCheck f) : BindingsCrossCheckTests(f), IClassFixture<CCrossCheck>;

public sealed class JsBindingsCrossCheckTests(JsCrossCheck f) : BindingsCrossCheckTests(f), IClassFixture<JsCrossCheck>
{
    protected override bool NegativeFlatS64ResultsWork => false;
}
