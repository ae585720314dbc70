// Every function of test:guests/values@0.1.0 (tests/components/wit/guests.wit), called on a real
// guest on Wasmtime with exact expected values, derived from the functions' doc comments.
// The Go (world full) and JS (world basic) guests both run these (GoGuestReferenceTests,
// JsGuestReferenceTests).
//
// Where the WIT text leaves a choice, these checks pin it down:
// * limits: the minimum of each signed type and the maximum of each unsigned type;
// * area(named(s)): the length of s in UTF-8 bytes (the string's canonical-ABI length);
// * area(circle(r)): pi * (r * r) with r widened to f64 (r * r is exact in f64 for an f32 r);
// * divide(i32.min, -1): ok(i32.min) (wrapping, like `negate`).
using System.Text;
using Wasmtime.Components;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Components.Tests;

/// <summary>Exact checks of every test:guests/values export; subclasses name the component file.</summary>
public abstract class GoJsValuesChecks
{
    protected const string Values = "test:guests/values@0.1.0";

    /// <summary>File name in tests/components/guests/out.</summary>
    protected abstract string ComponentFile { get; }

    /// <summary>
    /// False for a guest whose toolchain garbles a u32 returned as the single flat result when it
    /// is at least 2^31 (componentize-js, see JsGuestReferenceTests); those cases are then skipped here.
    /// </summary>
    protected virtual bool LargeFlatU32ResultsWork => true;

    /// <summary>False for a guest whose toolchain traps on a negative s64 returned as the flat result (componentize-js).</summary>
    protected virtual bool NegativeFlatS64ResultsWork => true;

    internal GoJsGuestHost Start() => new(ComponentFile);

    private static CV Point(int x, int y) => CV.Record(new List<KeyValuePair<string, CV>> { new("x", CV.S32(x)), new("y", CV.S32(y)) });

    private static CV Strings(params string[] xs) => CV.List(xs.Select(CV.String).ToList());

    private static CV U32s(IEnumerable<uint> xs) => CV.List(xs.Select(CV.U32).ToList());

    private static CV Person(string name, byte age, params string[] tags) => CV.Record(new List<KeyValuePair<string, CV>>
    {
        new("name", CV.String(name)), new("age", CV.U8(age)), new("tags", Strings(tags)),
    });

    [Fact]
    public void Add_wraps()
    {
        using var g = Start();
        uint Add(uint a, uint b) => g.Call(Values, "add", CV.U32(a), CV.U32(b)).AsU32();
        Assert.Equal(42u, Add(2, 40));
        Assert.Equal(0u, Add(0, 0));
        Assert.Equal(0u, Add(uint.MaxValue, 1));
        Assert.Equal(int.MaxValue, (int)Add(int.MaxValue - 1, 1));
        Assert.Equal(1u, Add(0x8000_0000, 0x8000_0001)); // large arguments, small result
        if (LargeFlatU32ResultsWork)
        {
            Assert.Equal(uint.MaxValue - 1, Add(uint.MaxValue, uint.MaxValue));
            Assert.Equal(uint.MaxValue, Add(uint.MaxValue, 0));
            Assert.Equal(0x8000_0000u, Add(int.MaxValue, 1));
        }
    }

    [Fact]
    public void Limits_are_the_extremes_of_every_integer_type()
    {
        using var g = Start();
        var t = g.Call(Values, "limits").AsTuple();
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

    [Fact]
    public void Negate_wraps()
    {
        using var g = Start();
        long Negate(long x) => g.Call(Values, "negate", CV.S64(x)).AsS64();
        Assert.Equal(5L, Negate(-5));
        Assert.Equal(0L, Negate(0));
        Assert.Equal(long.MaxValue, Negate(-long.MaxValue));
        Assert.Equal((1L << 53) + 1, Negate(-(1L << 53) - 1)); // beyond f64 precision
        if (NegativeFlatS64ResultsWork)
        {
            Assert.Equal(-5L, Negate(5));
            Assert.Equal(-long.MaxValue, Negate(long.MaxValue));
            Assert.Equal(long.MinValue, Negate(long.MinValue)); // wraps
            Assert.Equal(-(1L << 53) - 1, Negate((1L << 53) + 1));
        }
    }

    [Fact]
    public void Scale_multiplies_in_f64()
    {
        using var g = Start();
        double Scale(double x, float by) => g.Call(Values, "scale", CV.F64(x), CV.F32(by)).AsF64();
        Assert.Equal(3.0, Scale(1.5, 2f));
        Assert.Equal(0.1 * (double)0.1f, Scale(0.1, 0.1f)); // the f32 is widened, not the product narrowed
        Assert.Equal(1.5e-300 * -5.0, Scale(1.5e-300, -5f));
        Assert.Equal(double.PositiveInfinity, Scale(1e300, 1e30f));
        Assert.Equal(double.NegativeInfinity, Scale(double.MaxValue, -2f));
        Assert.True(double.IsNaN(Scale(1, float.NaN)));
        Assert.True(double.IsNaN(Scale(double.PositiveInfinity, 0f)));
        Assert.True(double.IsNegative(Scale(-0.0, 3f)));
    }

    [Fact]
    public void Next_char_skips_surrogates_and_wraps()
    {
        using var g = Start();
        int Next(int c) => g.Call(Values, "next-char", CV.Char(new Rune(c))).AsRune().Value;
        Assert.Equal('b', Next('a'));
        Assert.Equal(0x01, Next(0x00));
        Assert.Equal(0x80, Next(0x7F));
        Assert.Equal(0xE000, Next(0xD7FF));
        Assert.Equal(0x10000, Next(0xFFFF));
        Assert.Equal(0x1F601, Next(0x1F600));
        Assert.Equal(0x10FFFF, Next(0x10FFFE));
        Assert.Equal(0x0000, Next(0x10FFFF));
    }

    [Fact]
    public void Greet()
    {
        using var g = Start();
        string Greet(string name) => g.Call(Values, "greet", CV.String(name)).AsString();
        Assert.Equal("Hello, World!", Greet("World"));
        Assert.Equal("Hello, !", Greet(""));
        Assert.Equal("Hello, Wasm ünïcødé ✓ 😀!", Greet("Wasm ünïcødé ✓ 😀"));
        Assert.Equal("Hello, a\0b!", Greet("a\0b"));
        var big = string.Concat(Enumerable.Repeat("größer 😀 ", 50_000)); // ~0.7 MB of UTF-8
        Assert.Equal($"Hello, {big}!", Greet(big));
        for (int i = 0; i < 2000; i++) // allocator / post-return across many calls
        {
            var n = new string((char)('a' + i % 26), i % 300);
            Assert.Equal($"Hello, {n}!", Greet(n));
        }
    }

    [Fact]
    public void Reverse_by_unicode_scalar_values()
    {
        using var g = Start();
        string Reverse(string s) => g.Call(Values, "reverse", CV.String(s)).AsString();
        Assert.Equal("", Reverse(""));
        Assert.Equal("x", Reverse("x"));
        Assert.Equal("cba", Reverse("abc"));
        Assert.Equal("z😀ñä", Reverse("äñ😀z")); // the surrogate pair stays one scalar value
        Assert.Equal("🎉€𝄞", Reverse("𝄞€🎉"));
        var big = string.Concat(Enumerable.Range(0, 100_000).Select(i => i % 3 == 0 ? "ä" : i % 3 == 1 ? "😀" : "q"));
        var expected = string.Concat(big.EnumerateRunes().Reverse().Select(r => r.ToString()));
        Assert.Equal(expected, Reverse(big));
    }

    [Fact]
    public void Sum_as_u64()
    {
        using var g = Start();
        ulong Sum(IEnumerable<uint> xs) => g.Call(Values, "sum", U32s(xs)).AsU64();
        Assert.Equal(0UL, Sum([]));
        Assert.Equal(6UL, Sum([1, 2, 3]));
        Assert.Equal(3UL * uint.MaxValue, Sum([uint.MaxValue, uint.MaxValue, uint.MaxValue]));
        Assert.Equal(4_000_000_006UL, Sum([1, 2, 3, 4_000_000_000]));
        var big = Enumerable.Range(0, 200_000).Select(i => (uint)i * 20_000u).ToList();
        Assert.Equal(big.Aggregate(0UL, (s, x) => s + x), Sum(big));
    }

    [Fact]
    public void Double_all_wraps()
    {
        using var g = Start();
        uint[] DoubleAll(IEnumerable<uint> xs) => g.Call(Values, "double-all", U32s(xs)).AsList().Select(v => v.AsU32()).ToArray();
        Assert.Empty(DoubleAll([]));
        Assert.Equal([2u, 4u, 6u, 42u], DoubleAll([1, 2, 3, 21]));
        Assert.Equal([0u, 0u, uint.MaxValue - 1, 2u], DoubleAll([0, 0x8000_0000, uint.MaxValue, 0x8000_0001]));
        var big = Enumerable.Range(0, 200_000).Select(i => (uint)i * 30_011u).ToArray();
        for (int round = 0; round < 10; round++) // repeated large results exercise the guest heap
        {
            Assert.Equal(big.Select(x => x * 2).ToArray(), DoubleAll(big));
        }
    }

    [Fact]
    public void Total_length_of_nested_lists()
    {
        using var g = Start();
        static CV Bytes(int n) => CV.List(Enumerable.Range(0, n).Select(i => CV.U8((byte)i)).ToList());
        uint Total(params CV[] inner) => g.Call(Values, "total-length", CV.List(inner)).AsU32();
        Assert.Equal(0u, Total());
        Assert.Equal(0u, Total(Bytes(0), Bytes(0)));
        Assert.Equal(1004u, Total(Bytes(0), Bytes(3), Bytes(1), Bytes(1000)));
        Assert.Equal(100_000u, Total(Enumerable.Range(0, 1000).Select(_ => Bytes(100)).ToArray()));
    }

    [Fact]
    public void Older_than_filters_a_list_of_records()
    {
        using var g = Start();
        string[] OlderThan(byte age, params CV[] people) =>
            g.Call(Values, "older-than", CV.List(people), CV.U8(age)).AsList().Select(v => v.AsString()).ToArray();
        CV[] people =
        [
            Person("Ada", 36, "math", "engines"),
            Person("Bob", 30),
            Person("Çelik Ünal", 31, "ü", ""),
            Person("", 255, "nameless"),
            Person("Zed", 0, Enumerable.Range(0, 50).Select(i => $"tag{i}").ToArray()),
        ];
        Assert.Equal(["Ada", "Çelik Ünal", ""], OlderThan(30, people)); // strictly older, in order
        Assert.Equal(["Ada", "Bob", "Çelik Ünal", ""], OlderThan(0, people));
        Assert.Empty(OlderThan(255, people));
        Assert.Equal([""], OlderThan(254, people));
        Assert.Empty(OlderThan(0));
        var many = Enumerable.Range(0, 5000).Select(i => Person($"p{i}", (byte)(i % 256), $"t{i}")).ToArray();
        Assert.Equal(Enumerable.Range(0, 5000).Where(i => i % 256 > 200).Select(i => $"p{i}"), OlderThan(200, many));
    }

    [Fact]
    public void Translate_a_record()
    {
        using var g = Start();
        (int, int) Translate(int x, int y, int dx, int dy)
        {
            var p = g.Call(Values, "translate", Point(x, y), CV.S32(dx), CV.S32(dy));
            return (p.Field("x").AsS32(), p.Field("y").AsS32());
        }
        Assert.Equal((11, 18), Translate(1, -2, 10, 20));
        Assert.Equal((0, 0), Translate(0, 0, 0, 0));
        Assert.Equal((int.MinValue, int.MaxValue), Translate(int.MaxValue, int.MinValue, 1, -1)); // wrapping
    }

    [Fact]
    public void Area_of_every_shape_case()
    {
        using var g = Start();
        double Area(string kind, CV? payload) => g.Call(Values, "area", CV.Variant(kind, payload!)).AsF64();
        Assert.Equal(Math.PI * 4.0, Area("circle", CV.F32(2f)));
        Assert.Equal(Math.PI * 0.25, Area("circle", CV.F32(0.5f)));
        Assert.Equal(Math.PI * (1.5 * 1.5), Area("circle", CV.F32(1.5f)));
        double r = 0.1f; // widened to f64 before squaring
        Assert.Equal(3.141592653589793 * (r * r), Area("circle", CV.F32(0.1f)));
        Assert.Equal(0.0, Area("circle", CV.F32(0f)));
        Assert.Equal(12.0, Area("rect", Point(-3, 4)));
        Assert.Equal(12.0, Area("rect", Point(-3, -4)));
        Assert.Equal(0.0, Area("rect", Point(0, int.MaxValue)));
        Assert.Equal(4611686018427387904.0, Area("rect", Point(int.MinValue, int.MinValue))); // 2^62, no overflow
        Assert.Equal(5.0, Area("named", CV.String("hello")));
        Assert.Equal(0.0, Area("named", CV.String("")));
        Assert.Equal(8.0, Area("named", CV.String("äö😀"))); // UTF-8 bytes: 2 + 2 + 4
        Assert.Equal(0.0, Area("empty", null));
    }

    [Fact]
    public void Next_color_cycles()
    {
        using var g = Start();
        string Next(string c) => g.Call(Values, "next-color", CV.Enum(c)).AsEnum();
        Assert.Equal("green", Next("red"));
        Assert.Equal("blue", Next("green"));
        Assert.Equal("red", Next("blue"));
    }

    [Fact]
    public void Invert_flips_every_flag()
    {
        using var g = Start();
        string[] Invert(params string[] f) => g.Call(Values, "invert", CV.Flags(f)).AsFlags().ToArray();
        Assert.Equal(["read", "write", "exec"], Invert());
        Assert.Equal(["write"], Invert("read", "exec"));
        Assert.Equal(["read", "exec"], Invert("write"));
        Assert.Empty(Invert("read", "write", "exec"));
    }

    [Fact]
    public void Invert_many_flips_all_twenty_flags()
    {
        using var g = Start();
        var all = Enumerable.Range(0, 20).Select(i => $"m{i}").ToArray();
        string[] Invert(params string[] f) => g.Call(Values, "invert-many", CV.Flags(f)).AsFlags().ToArray();
        Assert.Equal(all, Invert());
        Assert.Empty(Invert(all));
        Assert.Equal(all.Where(f => f is not ("m0" or "m19")), Invert("m0", "m19"));
        var odd = all.Where((_, i) => i % 2 == 1).ToArray();
        Assert.Equal(all.Where((_, i) => i % 2 == 0), Invert(odd));
    }

    [Fact]
    public void Find_returns_an_option()
    {
        using var g = Start();
        uint? Find(string needle, params string[] xs)
        {
            var o = g.Call(Values, "find", Strings(xs), CV.String(needle));
            return o.IsSome ? o.Payload!.AsU32() : null;
        }
        Assert.Equal(0u, Find("a", "a", "b", "a"));
        Assert.Equal(1u, Find("b", "a", "b", "a"));
        Assert.Null(Find("z", "a", "b", "a"));
        Assert.Null(Find("", []));
        Assert.Null(Find("a"));
        Assert.Equal(1u, Find("", "x", "", ""));
        Assert.Equal(2u, Find("ünï", "uni", "ÜNÏ", "ünï"));
        Assert.Null(Find("A", "a"));
        var many = Enumerable.Range(0, 10_000).Select(i => $"item {i}").ToArray();
        Assert.Equal(9_999u, Find("item 9999", many));
    }

    [Fact]
    public void Depth_of_nested_options()
    {
        using var g = Start();
        uint Depth(CV x) => g.Call(Values, "depth", x).AsU32();
        Assert.Equal(0u, Depth(CV.None()));
        Assert.Equal(1u, Depth(CV.Some(CV.None())));
        Assert.Equal(2u, Depth(CV.Some(CV.Some(CV.U32(0)))));
        Assert.Equal(7u, Depth(CV.Some(CV.Some(CV.U32(5)))));
        Assert.Equal(0u, Depth(CV.Some(CV.Some(CV.U32(uint.MaxValue - 1))))); // wrapping
        Assert.Equal(1u, Depth(CV.Some(CV.Some(CV.U32(uint.MaxValue)))));
        if (LargeFlatU32ResultsWork)
        {
            Assert.Equal(0x8000_0001u, Depth(CV.Some(CV.Some(CV.U32(int.MaxValue)))));
            Assert.Equal(uint.MaxValue, Depth(CV.Some(CV.Some(CV.U32(uint.MaxValue - 2)))));
        }
    }

    [Fact]
    public void Divide_returns_a_result()
    {
        using var g = Start();
        CV Divide(int a, int b) => g.Call(Values, "divide", CV.S32(a), CV.S32(b));
        void Ok(int expected, CV r) { Assert.True(r.IsOk); Assert.Equal(expected, r.Payload!.AsS32()); }
        void Err(CV r) { Assert.False(r.IsOk); Assert.Equal("division by zero", r.Payload!.AsString()); }
        Ok(3, Divide(7, 2));
        Ok(-3, Divide(-7, 2)); // truncating
        Ok(-3, Divide(7, -2));
        Ok(3, Divide(-7, -2));
        Ok(0, Divide(0, 5));
        Ok(int.MaxValue, Divide(int.MaxValue, 1));
        Ok(int.MinValue, Divide(int.MinValue, -1)); // wraps
        Err(Divide(1, 0));
        Err(Divide(0, 0));
        Err(Divide(int.MinValue, 0));
        Ok(2, Divide(4, 2)); // still fine after an error result
    }

    [Fact]
    public void Log_all_calls_the_host_back()
    {
        using var g = Start();
        string LogAll(params string[] msgs) => g.Call(Values, "log-all", Strings(msgs)).AsString();
        Assert.Equal(GoJsGuestHost.Label(3), LogAll("one", "two ✓", ""));
        Assert.Equal(["one", "two ✓", ""], g.Logs);
        Assert.Equal([3u], g.LabelRequests);
        Assert.Equal(GoJsGuestHost.Label(0), LogAll());
        Assert.Equal([3u, 0u], g.LabelRequests);
        Assert.Equal(3, g.Logs.Count);
        var many = Enumerable.Range(0, 1000).Select(i => $"message {i} 😀").ToArray();
        Assert.Equal(GoJsGuestHost.Label(1000), LogAll(many));
        Assert.Equal(many, g.Logs.Skip(3));
        Assert.Equal([3u, 0u, 1000u], g.LabelRequests);
    }

    [Fact]
    public void Instantiation_needs_the_host_interface()
    {
        var e = Assert.ThrowsAny<Exception>(() => new GoJsGuestHost(ComponentFile, defineHost: false).Dispose());
        Assert.Contains("test:guests/host@0.1.0", e.Message);
    }
}
