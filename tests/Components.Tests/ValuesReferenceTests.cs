// Every export of interface test:guests/values@0.1.0 (tests/components/wit/guests.wit), called on
// Wasmtime with exact expected values. Each language's guest test class derives from this one and
// names its component; the semantics are the doc comments of guests.wit, with these readings:
// * area(circle(r)) = 3.141592653589793 * r * r (r widened to f64, multiplied left to right);
//   rect(p) = |x * y| computed exactly (no 32-bit overflow); named(s) = the length of s in UTF-8 bytes;
// * translate and divide wrap on overflow (s32::MIN / -1 = s32::MIN), like add/negate/double-all.
using System.Text;
using Wasmtime.Components;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Components.Tests;

/// <summary>Checks a guest's `values` export against the WIT's documented semantics.</summary>
public abstract class ValuesReferenceTests
{
    /// <summary>The interface every guest world exports.</summary>
    public const string Values = "test:guests/values@0.1.0";

    /// <summary>File name of the component under test, in guests/.</summary>
    protected abstract string ComponentFile { get; }

    /// <summary>A fresh instance of the component under test.</summary>
    protected WasmtimeGuest NewGuest() => new(ComponentFile);

    private CV Call(string name, params CV[] args)
    {
        using var g = NewGuest();
        return g.Call(Values, name, args);
    }

    private static CV Strings(params string[] xs) => CV.List(xs.Select(CV.String).ToArray());
    private static CV U32s(params uint[] xs) => CV.List(xs.Select(CV.U32).ToArray());
    private static CV Point(int x, int y) =>
        CV.Record(new List<KeyValuePair<string, CV>> { new("x", CV.S32(x)), new("y", CV.S32(y)) });
    private static CV Person(string name, byte age, params string[] tags) =>
        CV.Record(new List<KeyValuePair<string, CV>> { new("name", CV.String(name)), new("age", CV.U8(age)), new("tags", Strings(tags)) });
    private static string[] AsStrings(CV v) => v.AsList().Select(x => x.AsString()).ToArray();

    /// <summary>A string of about <paramref name="bytes"/> UTF-8 bytes mixing 1-, 2-, 3- and 4-byte scalars.</summary>
    protected internal static string Mixed(int bytes)
    {
        var sb = new StringBuilder();
        var pieces = new[] { "a", "ß", "€", "😀", "Z", "\u0301" };
        for (int i = 0, n = 0; n < bytes; i++)
        {
            var p = pieces[i % pieces.Length];
            sb.Append(p);
            n += Encoding.UTF8.GetByteCount(p);
        }
        return sb.ToString();
    }

    /// <summary>The Unicode scalar values of <paramref name="s"/> in reverse order.</summary>
    protected static string ReverseScalars(string s) =>
        string.Concat(s.EnumerateRunes().Reverse().Select(r => r.ToString()));

    [Theory]
    [InlineData(1u, 2u, 3u)]
    [InlineData(0u, 0u, 0u)]
    [InlineData(uint.MaxValue, 1u, 0u)]
    [InlineData(uint.MaxValue, uint.MaxValue, uint.MaxValue - 1)]
    [InlineData(0x8000_0000u, 0x8000_0000u, 0u)]
    public void Add_Wraps(uint a, uint b, uint expected) => Assert.Equal(expected, Call("add", CV.U32(a), CV.U32(b)).AsU32());

    [Fact]
    public void Limits_AreTheExtremesOfEveryIntegerType()
    {
        var t = Call("limits").AsTuple();
        Assert.Equal(8, t.Count);
        Assert.Equal(sbyte.MinValue, t[0].AsS8());
        Assert.Equal(byte.MaxValue, t[1].AsU8());
        Assert.Equal(short.MinValue, t[2].AsS16());
        Assert.Equal(ushort.MaxValue, t[3].AsU16());
        Assert.Equal(int.MinValue, t[4].AsS32());
        Assert.Equal(uint.MaxValue, t[5].AsU32());
        Assert.Equal(long.MinValue, t[6].AsS64());
        Assert.Equal(ulong.MaxValue, t[7].AsU64());
    }

    [Theory]
    [InlineData(5L, -5L)]
    [InlineData(0L, 0L)]
    [InlineData(long.MaxValue, -long.MaxValue)]
    [InlineData(long.MinValue, long.MinValue)]
    [InlineData(-1L, 1L)]
    public void Negate_Wraps(long x, long expected) => Assert.Equal(expected, Call("negate", CV.S64(x)).AsS64());

    [Theory]
    [InlineData(1.5, 2f, 3.0)]
    [InlineData(0.1, 0.1f, 0.1 * (double)0.1f)]
    [InlineData(-3.0, 0.5f, -1.5)]
    [InlineData(double.MaxValue, 2f, double.PositiveInfinity)]
    [InlineData(1e300, float.MaxValue, double.PositiveInfinity)]
    [InlineData(double.Epsilon, 0.5f, 0.0)]
    [InlineData(2.0, float.NegativeInfinity, double.NegativeInfinity)]
    public void Scale_MultipliesInF64(double x, float by, double expected) =>
        Assert.Equal(expected, Call("scale", CV.F64(x), CV.F32(by)).AsF64());

    [Fact]
    public void Scale_NaN() => Assert.True(double.IsNaN(Call("scale", CV.F64(double.NaN), CV.F32(1f)).AsF64()));

    [Theory]
    [InlineData(0x61, 0x62)]
    [InlineData(0x0, 0x1)]
    [InlineData(0x7F, 0x80)]
    [InlineData(0xD7FF, 0xE000)]
    [InlineData(0xE000, 0xE001)]
    [InlineData(0xFFFF, 0x10000)]
    [InlineData(0x1F600, 0x1F601)]
    [InlineData(0x10FFFE, 0x10FFFF)]
    [InlineData(0x10FFFF, 0x0)]
    public void NextChar_SkipsSurrogatesAndWraps(int c, int expected) =>
        Assert.Equal(expected, Call("next-char", CV.Char(new Rune(c))).AsRune().Value);

    [Theory]
    [InlineData("World", "Hello, World!")]
    [InlineData("", "Hello, !")]
    [InlineData("Zoë 😀", "Hello, Zoë 😀!")]
    [InlineData("a\0b", "Hello, a\0b!")]
    public void Greet(string name, string expected) => Assert.Equal(expected, Call("greet", CV.String(name)).AsString());

    [Fact]
    public void Greet_LargeString()
    {
        var name = Mixed(300_000);
        Assert.Equal($"Hello, {name}!", Call("greet", CV.String(name)).AsString());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "a")]
    [InlineData("abc", "cba")]
    [InlineData("añ😀b", "b😀ña")]
    [InlineData("e\u0301x", "x\u0301e")]
    [InlineData("€ß😀\u007F", "\u007F😀ß€")]
    public void Reverse_ReversesScalars(string s, string expected) => Assert.Equal(expected, Call("reverse", CV.String(s)).AsString());

    [Fact]
    public void Reverse_LargeString_ManyCallsOnOneInstance()
    {
        // post-return frees every result: repeated big calls on one instance must keep working
        using var g = NewGuest();
        for (int i = 0; i < 20; i++)
        {
            var s = Mixed(200_000 + i);
            Assert.Equal(ReverseScalars(s), g.Call(Values, "reverse", CV.String(s)).AsString());
        }
    }

    [Fact]
    public void Sum()
    {
        Assert.Equal(0UL, Call("sum", U32s()).AsU64());
        Assert.Equal(6UL, Call("sum", U32s(1, 2, 3)).AsU64());
        Assert.Equal(2UL * uint.MaxValue + 1, Call("sum", U32s(uint.MaxValue, uint.MaxValue, 1)).AsU64());
        var big = Enumerable.Range(0, 100_000).Select(i => uint.MaxValue - (uint)i).ToArray();
        Assert.Equal(big.Aggregate(0UL, (s, x) => s + x), Call("sum", U32s(big)).AsU64());
    }

    [Fact]
    public void DoubleAll_Wraps()
    {
        Assert.Empty(Call("double-all", U32s()).AsList());
        Assert.Equal(new[] { 2u, 0u, uint.MaxValue - 1, 0x8000_0000u },
            Call("double-all", U32s(1, 0x8000_0000u, uint.MaxValue, 0x4000_0000u)).AsList().Select(v => v.AsU32()));
        var big = Enumerable.Range(0, 50_000).Select(i => (uint)i * 86_243u).ToArray();
        Assert.Equal(big.Select(x => unchecked(x * 2)), Call("double-all", U32s(big)).AsList().Select(v => v.AsU32()));
    }

    [Fact]
    public void TotalLength_OfNestedLists()
    {
        static CV Bytes(params byte[] xs) => CV.List(xs.Select(CV.U8).ToArray());
        Assert.Equal(0u, Call("total-length", CV.List(Array.Empty<CV>())).AsU32());
        Assert.Equal(0u, Call("total-length", CV.List(new[] { Bytes(), Bytes() })).AsU32());
        Assert.Equal(4u, Call("total-length", CV.List(new[] { Bytes(), Bytes(1, 2, 3), Bytes(255) })).AsU32());
        var many = Enumerable.Range(0, 300).Select(i => Bytes(Enumerable.Repeat((byte)i, i).ToArray())).ToArray();
        Assert.Equal((uint)(299 * 300 / 2), Call("total-length", CV.List(many)).AsU32());
    }

    [Fact]
    public void OlderThan_ListOfRecords()
    {
        var people = CV.List(new[]
        {
            Person("Ada", 36, "math", "engines"),
            Person("Zoë 😀", 30),
            Person("Bob", 29, ""),
            Person("", 255, "x", "y", "z"),
            Person("Old", 31),
        });
        Assert.Equal(new[] { "Ada", "Zoë 😀", "", "Old" }, AsStrings(Call("older-than", people, CV.U8(29))));
        Assert.Equal(new[] { "Ada", "", "Old" }, AsStrings(Call("older-than", people, CV.U8(30)))); // strictly older
        Assert.Equal(new[] { "" }, AsStrings(Call("older-than", people, CV.U8(254))));
        Assert.Empty(Call("older-than", people, CV.U8(255)).AsList());
        Assert.Empty(Call("older-than", CV.List(Array.Empty<CV>()), CV.U8(0)).AsList());
        var crowd = CV.List(Enumerable.Range(0, 2000).Select(i => Person($"p{i}", (byte)(i % 256), $"t{i}")).ToArray());
        Assert.Equal(Enumerable.Range(0, 2000).Where(i => i % 256 > 200).Select(i => $"p{i}"),
            AsStrings(Call("older-than", crowd, CV.U8(200))));
    }

    [Theory]
    [InlineData(1, 2, 10, -20, 11, -18)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    [InlineData(int.MaxValue, int.MinValue, 1, -1, int.MinValue, int.MaxValue)]
    [InlineData(int.MinValue, int.MaxValue, int.MaxValue, int.MinValue, -1, -1)]
    public void Translate_Record(int x, int y, int dx, int dy, int ex, int ey)
    {
        var p = Call("translate", Point(x, y), CV.S32(dx), CV.S32(dy));
        Assert.Equal(ex, p.Field("x").AsS32());
        Assert.Equal(ey, p.Field("y").AsS32());
    }

    [Fact]
    public void Area_EveryCase()
    {
        const double Pi = 3.141592653589793;
        double Area(CV shape) => Call("area", shape).AsF64();
        Assert.Equal(Pi * 2.0 * 2.0, Area(CV.Variant("circle", CV.F32(2f))));
        Assert.Equal(Pi * 1.5 * 1.5, Area(CV.Variant("circle", CV.F32(1.5f))));
        Assert.Equal(Pi * (double)0.1f * (double)0.1f, Area(CV.Variant("circle", CV.F32(0.1f))));
        Assert.Equal(0.0, Area(CV.Variant("circle", CV.F32(0f))));
        Assert.Equal(Pi * (double)float.MaxValue * float.MaxValue, Area(CV.Variant("circle", CV.F32(float.MaxValue))));
        Assert.Equal(12.0, Area(CV.Variant("rect", Point(-3, 4))));
        Assert.Equal(12.0, Area(CV.Variant("rect", Point(-3, -4))));
        Assert.Equal(0.0, Area(CV.Variant("rect", Point(0, int.MinValue))));
        Assert.Equal(4294967296.0, Area(CV.Variant("rect", Point(65536, -65536))));
        Assert.Equal(4611686018427387904.0, Area(CV.Variant("rect", Point(int.MinValue, int.MinValue))));
        Assert.Equal(5.0, Area(CV.Variant("named", CV.String("hello"))));
        Assert.Equal(0.0, Area(CV.Variant("named", CV.String(""))));
        Assert.Equal(7.0, Area(CV.Variant("named", CV.String("ñ😀o")))); // UTF-8 bytes: 2 + 4 + 1
        Assert.Equal(0.0, Area(CV.Variant("empty", null!)));
    }

    [Theory]
    [InlineData("red", "green")]
    [InlineData("green", "blue")]
    [InlineData("blue", "red")]
    public void NextColor(string c, string expected) => Assert.Equal(expected, Call("next-color", CV.Enum(c)).AsEnum());

    [Theory]
    [InlineData("", "read,write,exec")]
    [InlineData("read", "write,exec")]
    [InlineData("read,exec", "write")]
    [InlineData("write", "read,exec")]
    [InlineData("read,write,exec", "")]
    public void Invert_Flags(string p, string expected)
    {
        var arg = p.Length == 0 ? Array.Empty<string>() : p.Split(',');
        var got = Call("invert", CV.Flags(arg)).AsFlags();
        Assert.Equal(expected.Length == 0 ? Array.Empty<string>() : expected.Split(','), got.OrderBy(Order).ToArray());
        static int Order(string f) => Array.IndexOf(new[] { "read", "write", "exec" }, f);
    }

    [Fact]
    public void InvertMany_TwentyFlags()
    {
        var all = Enumerable.Range(0, 20).Select(i => $"m{i}").ToArray();
        string[] Invert(params string[] m) => Call("invert-many", CV.Flags(m)).AsFlags().OrderBy(f => int.Parse(f[1..])).ToArray();
        Assert.Equal(all, Invert());
        Assert.Empty(Invert(all));
        Assert.Equal(all.Where(f => f != "m0" && f != "m19"), Invert("m0", "m19"));
        var odd = all.Where((_, i) => i % 2 == 1).ToArray();
        Assert.Equal(all.Where((_, i) => i % 2 == 0), Invert(odd));
    }

    [Fact]
    public void Find_Option()
    {
        CV Find(CV xs, string needle) => Call("find", xs, CV.String(needle));
        var xs = Strings("a", "b", "a", "", "ß😀");
        var r = Find(xs, "a");
        Assert.True(r.IsSome);
        Assert.Equal(0u, r.Payload!.AsU32());
        Assert.Equal(1u, Find(xs, "b").Payload!.AsU32());
        Assert.Equal(3u, Find(xs, "").Payload!.AsU32());
        Assert.Equal(4u, Find(xs, "ß😀").Payload!.AsU32());
        Assert.False(Find(xs, "z").IsSome);
        Assert.False(Find(xs, "ß").IsSome);
        Assert.False(Find(xs, "A").IsSome);
        Assert.False(Find(Strings(), "").IsSome);
        var many = Strings(Enumerable.Range(0, 5000).Select(i => $"item-{i}").ToArray());
        Assert.Equal(4321u, Find(many, "item-4321").Payload!.AsU32());
    }

    [Fact]
    public void Depth_NestedOption()
    {
        uint Depth(CV x) => Call("depth", x).AsU32();
        Assert.Equal(0u, Depth(CV.None()));
        Assert.Equal(1u, Depth(CV.Some(CV.None())));
        Assert.Equal(2u, Depth(CV.Some(CV.Some(CV.U32(0)))));
        Assert.Equal(7u, Depth(CV.Some(CV.Some(CV.U32(5)))));
        Assert.Equal(0u, Depth(CV.Some(CV.Some(CV.U32(uint.MaxValue - 1)))));
        Assert.Equal(1u, Depth(CV.Some(CV.Some(CV.U32(uint.MaxValue)))));
    }

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -3)]
    [InlineData(7, -2, -3)]
    [InlineData(0, 5, 0)]
    [InlineData(int.MaxValue, 1, int.MaxValue)]
    [InlineData(int.MinValue, -1, int.MinValue)]
    public void Divide_Ok(int a, int b, int expected)
    {
        var r = Call("divide", CV.S32(a), CV.S32(b));
        Assert.True(r.IsOk);
        Assert.Equal(expected, r.Payload!.AsS32());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(int.MinValue)]
    public void Divide_ByZero_Err(int a)
    {
        var r = Call("divide", CV.S32(a), CV.S32(0));
        Assert.False(r.IsOk);
        Assert.Equal("division by zero", r.Payload!.AsString());
    }

    [Fact]
    public void LogAll_CallsTheHostBack()
    {
        using var g = NewGuest();
        var label = g.Call(Values, "log-all", Strings("one", "two ✓", "", Mixed(70_000))).AsString();
        Assert.Equal(new[] { "one", "two ✓", "", Mixed(70_000) }, g.Logs);
        Assert.Equal(new[] { 4u }, g.LabelRequests);
        Assert.Equal(WasmtimeGuest.Label(4), label);

        Assert.Equal(WasmtimeGuest.Label(0), g.Call(Values, "log-all", Strings()).AsString());
        Assert.Equal(4, g.Logs.Count);
        Assert.Equal(new[] { 4u, 0u }, g.LabelRequests);
    }

    [Fact]
    public void LogAll_ManyMessages()
    {
        using var g = NewGuest();
        var msgs = Enumerable.Range(0, 1000).Select(i => $"message {i} ü").ToArray();
        Assert.Equal(WasmtimeGuest.Label(1000), g.Call(Values, "log-all", Strings(msgs)).AsString());
        Assert.Equal(msgs, g.Logs);
    }

    [Fact]
    public void Instantiation_NeedsTheHostImport()
    {
        Assert.ThrowsAny<Exception>(() => new WasmtimeGuest(ComponentFile, withHost: false));
    }
}
