// Every export of test:guests/values@0.1.0, called on each real guest through the generated
// bindings (Guests.Full.FullWorld / Guests.Basic.BasicWorld) on WitBindgen.Runtime, with the exact
// expected values the Wasmtime reference tests pin (ValuesReferenceTests for Rust and C,
// GoJsValuesChecks for Go and JS), including the per-language choices and the componentize-js
// defects (JsGuestReferenceTests). Each class instantiates its guest once (a class fixture).
using System.Text;
using Guests.Values;
using WitBindgen.Runtime;
using Xunit;
using Opt = WitBindgen.Runtime.Option<uint?>;

namespace WitBindgen.Components.Tests;

/// <summary>One instance of a guest for a whole test class.</summary>
public abstract class ValuesGuestFixture(string file, bool full) : IDisposable
{
    private readonly Lazy<BindingsGuest> _guest = new(() => new BindingsGuest(file, full));

    /// <summary>The component file in guests/.</summary>
    public string File { get; } = file;

    /// <summary>Whether it is instantiated as world `full`.</summary>
    public bool IsFull { get; } = full;

    /// <summary>The shared instance.</summary>
    public BindingsGuest Guest => _guest.Value;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_guest.IsValueCreated)
        {
            _guest.Value.Dispose();
        }
    }
}

public sealed class RustValuesGuest() : ValuesGuestFixture("full-rust.component.wasm", true);
public sealed class GoValuesGuest() : ValuesGuestFixture("full-go.component.wasm", true);
public sealed class CValuesGuest() : ValuesGuestFixture("basic-c.component.wasm", false);
public sealed class JsValuesGuest() : ValuesGuestFixture("basic-js.component.wasm", false);

/// <summary>Exact checks of every `values` export through the generated bindings.</summary>
public abstract class BindingsValuesTests(ValuesGuestFixture fixture)
{
    protected const double Pi = 3.141592653589793;

    protected ValuesGuestFixture Fixture { get; } = fixture;

    protected IGuestValues V => Fixture.Guest.Values;

    /// <summary>False for componentize-js: a u32 of 2^31 or more returned as the single flat result comes back garbled.</summary>
    protected virtual bool LargeFlatU32ResultsWork => true;

    /// <summary>False for componentize-js: a negative s64 returned as the flat result traps the guest.</summary>
    protected virtual bool NegativeFlatS64ResultsWork => true;

    /// <summary>area(circle(r)) as the guest computes it (r widened to f64); Rust and C: pi * r * r, Go and JS: pi * (r * r).</summary>
    protected abstract double CircleArea(double r);

    protected static string Mixed(int bytes) => ValuesReferenceTests.Mixed(bytes);

    protected static string ReverseScalars(string s) => string.Concat(s.EnumerateRunes().Reverse().Select(r => r.ToString()));

    [Fact]
    public void Add_wraps()
    {
        Assert.Equal(3u, V.Add(1, 2));
        Assert.Equal(0u, V.Add(0, 0));
        Assert.Equal(0u, V.Add(uint.MaxValue, 1));
        Assert.Equal(0u, V.Add(0x8000_0000, 0x8000_0000));
        Assert.Equal(1u, V.Add(0x8000_0000, 0x8000_0001));
        Assert.Equal((uint)int.MaxValue, V.Add(int.MaxValue - 1, 1));
        if (LargeFlatU32ResultsWork)
        {
            Assert.Equal(uint.MaxValue - 1, V.Add(uint.MaxValue, uint.MaxValue));
            Assert.Equal(uint.MaxValue, V.Add(uint.MaxValue, 0));
            Assert.Equal(0x8000_0000u, V.Add(int.MaxValue, 1));
        }
    }

    [Fact]
    public void Limits_are_the_extremes_of_every_integer_type() =>
        Assert.Equal((sbyte.MinValue, byte.MaxValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue), V.Limits());

    [Fact]
    public void Negate_wraps()
    {
        Assert.Equal(5L, V.Negate(-5));
        Assert.Equal(0L, V.Negate(0));
        Assert.Equal(1L, V.Negate(-1));
        Assert.Equal(long.MaxValue, V.Negate(-long.MaxValue));
        Assert.Equal((1L << 53) + 1, V.Negate(-(1L << 53) - 1));
        if (NegativeFlatS64ResultsWork)
        {
            Assert.Equal(-5L, V.Negate(5));
            Assert.Equal(-long.MaxValue, V.Negate(long.MaxValue));
            Assert.Equal(long.MinValue, V.Negate(long.MinValue));
            Assert.Equal(-(1L << 53) - 1, V.Negate((1L << 53) + 1));
        }
    }

    [Fact]
    public void Scale_multiplies_in_f64()
    {
        Assert.Equal(3.0, V.Scale(1.5, 2f));
        Assert.Equal(0.1 * (double)0.1f, V.Scale(0.1, 0.1f));
        Assert.Equal(-1.5, V.Scale(-3.0, 0.5f));
        Assert.Equal(1.5e-300 * -5.0, V.Scale(1.5e-300, -5f));
        Assert.Equal(double.PositiveInfinity, V.Scale(double.MaxValue, 2f));
        Assert.Equal(double.PositiveInfinity, V.Scale(1e300, float.MaxValue));
        Assert.Equal(double.NegativeInfinity, V.Scale(double.MaxValue, -2f));
        Assert.Equal(double.NegativeInfinity, V.Scale(2.0, float.NegativeInfinity));
        Assert.Equal(0.0, V.Scale(double.Epsilon, 0.5f));
        Assert.True(double.IsNaN(V.Scale(double.NaN, 1f)));
        Assert.True(double.IsNaN(V.Scale(1, float.NaN)));
        Assert.True(double.IsNaN(V.Scale(double.PositiveInfinity, 0f)));
        Assert.True(double.IsNegative(V.Scale(-0.0, 3f)));
    }

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
    public void Next_char_skips_surrogates_and_wraps(int c, int expected) =>
        Assert.Equal(new Rune(expected), V.NextChar(new Rune(c)));

    [Fact]
    public void Greet()
    {
        Assert.Equal("Hello, World!", V.Greet("World"));
        Assert.Equal("Hello, !", V.Greet(""));
        Assert.Equal("Hello, Zoë 😀!", V.Greet("Zoë 😀"));
        Assert.Equal("Hello, Wasm ünïcødé ✓ 😀!", V.Greet("Wasm ünïcødé ✓ 😀"));
        Assert.Equal("Hello, a\0b!", V.Greet("a\0b"));
        var big = Mixed(300_000);
        Assert.Equal($"Hello, {big}!", V.Greet(big));
        for (int i = 0; i < 500; i++) // allocator and post-return across many calls on one instance
        {
            var n = new string((char)('a' + i % 26), i % 300);
            Assert.Equal($"Hello, {n}!", V.Greet(n));
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "a")]
    [InlineData("abc", "cba")]
    [InlineData("añ😀b", "b😀ña")]
    [InlineData("e\u0301x", "x\u0301e")]
    [InlineData("€ß😀\u007F", "\u007F😀ß€")]
    [InlineData("𝄞€🎉", "🎉€𝄞")]
    public void Reverse_by_unicode_scalar_values(string s, string expected) => Assert.Equal(expected, V.Reverse(s));

    [Fact]
    public void Reverse_large_strings_repeatedly()
    {
        for (int i = 0; i < 5; i++)
        {
            var s = Mixed(200_000 + i);
            Assert.Equal(ReverseScalars(s), V.Reverse(s));
        }
    }

    [Fact]
    public void Sum_as_u64()
    {
        Assert.Equal(0UL, V.Sum([]));
        Assert.Equal(6UL, V.Sum([1, 2, 3]));
        Assert.Equal(3UL * uint.MaxValue, V.Sum([uint.MaxValue, uint.MaxValue, uint.MaxValue]));
        Assert.Equal(4_000_000_006UL, V.Sum([1, 2, 3, 4_000_000_000]));
        var big = Enumerable.Range(0, 100_000).Select(i => uint.MaxValue - (uint)i).ToArray();
        Assert.Equal(big.Aggregate(0UL, (s, x) => s + x), V.Sum(big));
    }

    [Fact]
    public void Double_all_wraps()
    {
        Assert.Empty(V.DoubleAll([]));
        Assert.Equal([2u, 4u, 6u, 42u], V.DoubleAll([1, 2, 3, 21]));
        Assert.Equal([2u, 0u, uint.MaxValue - 1, 0x8000_0000u], V.DoubleAll([1, 0x8000_0000u, uint.MaxValue, 0x4000_0000u]));
        var big = Enumerable.Range(0, 50_000).Select(i => (uint)i * 86_243u).ToArray();
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(big.Select(x => unchecked(x * 2)).ToArray(), V.DoubleAll(big));
        }
    }

    [Fact]
    public void Total_length_of_nested_lists()
    {
        static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)i).ToArray();
        Assert.Equal(0u, V.TotalLength([]));
        Assert.Equal(0u, V.TotalLength([[], []]));
        Assert.Equal(4u, V.TotalLength([[], [1, 2, 3], [255]]));
        Assert.Equal(1004u, V.TotalLength([Bytes(0), Bytes(3), Bytes(1), Bytes(1000)]));
        Assert.Equal((uint)(299 * 300 / 2), V.TotalLength(Enumerable.Range(0, 300).Select(i => Enumerable.Repeat((byte)i, i).ToArray()).ToArray()));
    }

    [Fact]
    public void Older_than_filters_a_list_of_records()
    {
        Person[] people =
        [
            new("Ada", 36, ["math", "engines"]),
            new("Zoë 😀", 30, []),
            new("Bob", 29, [""]),
            new("", 255, ["x", "y", "z"]),
            new("Old", 31, []),
            new("Zed", 0, Enumerable.Range(0, 50).Select(i => $"tag{i}").ToArray()),
        ];
        Assert.Equal(["Ada", "Zoë 😀", "", "Old"], V.OlderThan(people, 29));
        Assert.Equal(["Ada", "", "Old"], V.OlderThan(people, 30)); // strictly older
        Assert.Equal(["Ada", "Zoë 😀", "Bob", "", "Old"], V.OlderThan(people, 0));
        Assert.Equal([""], V.OlderThan(people, 254));
        Assert.Empty(V.OlderThan(people, 255));
        Assert.Empty(V.OlderThan([], 0));
        var crowd = Enumerable.Range(0, 2000).Select(i => new Person($"p{i}", (byte)(i % 256), [$"t{i}"])).ToArray();
        Assert.Equal(Enumerable.Range(0, 2000).Where(i => i % 256 > 200).Select(i => $"p{i}"), V.OlderThan(crowd, 200));
    }

    [Theory]
    [InlineData(1, 2, 10, -20, 11, -18)]
    [InlineData(1, -2, 10, 20, 11, 18)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    [InlineData(int.MaxValue, int.MinValue, 1, -1, int.MinValue, int.MaxValue)]
    [InlineData(int.MinValue, int.MaxValue, int.MaxValue, int.MinValue, -1, -1)]
    public void Translate_a_record(int x, int y, int dx, int dy, int ex, int ey) =>
        Assert.Equal(new Point(ex, ey), V.Translate(new Point(x, y), dx, dy));

    [Fact]
    public void Area_of_every_shape_case()
    {
        foreach (var r in new[] { 2f, 1.5f, 0.5f, 0.1f, 0f, float.MaxValue })
        {
            Assert.Equal(CircleArea(r), V.Area(new Shape.Circle(r)));
        }
        Assert.Equal(12.0, V.Area(new Shape.Rect(new Point(-3, 4))));
        Assert.Equal(12.0, V.Area(new Shape.Rect(new Point(-3, -4))));
        Assert.Equal(0.0, V.Area(new Shape.Rect(new Point(0, int.MinValue))));
        Assert.Equal(0.0, V.Area(new Shape.Rect(new Point(0, int.MaxValue))));
        Assert.Equal(4294967296.0, V.Area(new Shape.Rect(new Point(65536, -65536))));
        Assert.Equal(4611686018427387904.0, V.Area(new Shape.Rect(new Point(int.MinValue, int.MinValue)))); // 2^62
        Assert.Equal(5.0, V.Area(new Shape.Named("hello")));
        Assert.Equal(0.0, V.Area(new Shape.Named("")));
        Assert.Equal(7.0, V.Area(new Shape.Named("ñ😀o"))); // UTF-8 bytes: 2 + 4 + 1
        Assert.Equal(8.0, V.Area(new Shape.Named("äö😀")));
        Assert.Equal(0.0, V.Area(new Shape.Empty()));
    }

    [Theory]
    [InlineData(Color.Red, Color.Green)]
    [InlineData(Color.Green, Color.Blue)]
    [InlineData(Color.Blue, Color.Red)]
    public void Next_color_cycles(Color c, Color expected) => Assert.Equal(expected, V.NextColor(c));

    [Theory]
    [InlineData((Perms)0, Perms.Read | Perms.Write | Perms.Exec)]
    [InlineData(Perms.Read, Perms.Write | Perms.Exec)]
    [InlineData(Perms.Read | Perms.Exec, Perms.Write)]
    [InlineData(Perms.Write, Perms.Read | Perms.Exec)]
    [InlineData(Perms.Read | Perms.Write | Perms.Exec, (Perms)0)]
    public void Invert_flips_every_flag(Perms p, Perms expected) => Assert.Equal(expected, V.Invert(p));

    [Fact]
    public void Invert_many_flips_all_twenty_flags()
    {
        const Many all = (Many)0xF_FFFF;
        Assert.Equal(all, V.InvertMany(0));
        Assert.Equal((Many)0, V.InvertMany(all));
        Assert.Equal(all & ~(Many.M0 | Many.M19), V.InvertMany(Many.M0 | Many.M19));
        const Many odd = (Many)0xA_AAAA;
        Assert.Equal((Many)0x5_5555, V.InvertMany(odd));
    }

    [Fact]
    public void Find_returns_an_option()
    {
        string[] xs = ["a", "b", "a", "", "ß😀"];
        Assert.Equal(0u, V.Find(xs, "a"));
        Assert.Equal(1u, V.Find(xs, "b"));
        Assert.Equal(3u, V.Find(xs, ""));
        Assert.Equal(4u, V.Find(xs, "ß😀"));
        Assert.Null(V.Find(xs, "z"));
        Assert.Null(V.Find(xs, "ß"));
        Assert.Null(V.Find(xs, "A"));
        Assert.Null(V.Find([], ""));
        Assert.Equal(2u, V.Find(["uni", "ÜNÏ", "ünï"], "ünï"));
        var many = Enumerable.Range(0, 5000).Select(i => $"item-{i}").ToArray();
        Assert.Equal(4321u, V.Find(many, "item-4321"));
        Assert.Equal(4999u, V.Find(many, "item-4999"));
    }

    [Fact]
    public void Depth_of_nested_options()
    {
        Assert.Equal(0u, V.Depth(Opt.None));
        Assert.Equal(1u, V.Depth(Opt.Some(null)));
        Assert.Equal(2u, V.Depth(Opt.Some(0u)));
        Assert.Equal(7u, V.Depth(Opt.Some(5u)));
        Assert.Equal(0u, V.Depth(Opt.Some(uint.MaxValue - 1))); // wrapping
        Assert.Equal(1u, V.Depth(Opt.Some(uint.MaxValue)));
        if (LargeFlatU32ResultsWork)
        {
            Assert.Equal(0x8000_0001u, V.Depth(Opt.Some((uint)int.MaxValue)));
            Assert.Equal(uint.MaxValue, V.Depth(Opt.Some(uint.MaxValue - 2)));
        }
    }

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -3)]
    [InlineData(7, -2, -3)]
    [InlineData(-7, -2, 3)]
    [InlineData(0, 5, 0)]
    [InlineData(int.MaxValue, 1, int.MaxValue)]
    [InlineData(int.MinValue, -1, int.MinValue)]
    public void Divide_ok(int a, int b, int expected)
    {
        var r = V.Divide(a, b);
        Assert.True(r.IsOk);
        Assert.Equal(expected, r.Ok);
        Assert.Equal(WitBindgen.Runtime.Result<int, string>.FromOk(expected), r);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(int.MinValue)]
    public void Divide_by_zero_is_err(int a)
    {
        var r = V.Divide(a, 0);
        Assert.True(r.IsErr);
        Assert.Equal("division by zero", r.Err);
        Assert.Equal(2, V.Divide(4, 2).Ok); // still fine after an error result
    }

    [Fact]
    public void Log_all_calls_the_host_back()
    {
        var host = Fixture.Guest.Host;
        host.Clear();
        var big = Mixed(70_000);
        Assert.Equal(RecordingHost.LabelFor(4), V.LogAll(["one", "two ✓", "", big]));
        Assert.Equal(["one", "two ✓", "", big], host.Logs);
        Assert.Equal([4u], host.LabelRequests);
        Assert.Equal(RecordingHost.LabelFor(0), V.LogAll([]));
        Assert.Equal(4, host.Logs.Count);
        Assert.Equal([4u, 0u], host.LabelRequests);
        var many = Enumerable.Range(0, 1000).Select(i => $"message {i} 😀").ToArray();
        Assert.Equal(RecordingHost.LabelFor(1000), V.LogAll(many));
        Assert.Equal(many, host.Logs.Skip(4));
        Assert.Equal([4u, 0u, 1000u], host.LabelRequests);
    }

    [Fact]
    public void Instantiation_needs_the_host_interface()
    {
        var component = BindingsRuntime.Load(Fixture.File);
        var e = Assert.Throws<ComponentLinkException>(() => component.Instantiate(BindingsRuntime.Wasi()).Dispose());
        Assert.Contains("test:guests/host@0.1.0", e.Message);
    }
}

public sealed class RustBindingsValuesTests(RustValuesGuest fixture) : BindingsValuesTests(fixture), IClassFixture<RustValuesGuest>
{
    protected override double CircleArea(double r) => Pi * r * r;
}

public sealed class CBindingsValuesTests(CValuesGuest fixture) : BindingsValuesTests(fixture), IClassFixture<CValuesGuest>
{
    protected override double CircleArea(double r) => Pi * r * r;
}

public sealed class GoBindingsValuesTests(GoValuesGuest fixture) : BindingsValuesTests(fixture), IClassFixture<GoValuesGuest>
{
    protected override double CircleArea(double r) => Pi * (r * r);
}

public sealed class JsBindingsValuesTests(JsValuesGuest fixture) : BindingsValuesTests(fixture), IClassFixture<JsValuesGuest>
{
    protected override bool LargeFlatU32ResultsWork => false;

    protected override bool NegativeFlatS64ResultsWork => false;

    protected override double CircleArea(double r) => Pi * (r * r);

    [Fact]
    public void Toolchain_defect_u32_results_from_2_pow_31_are_garbled()
    {
        Assert.Equal(0x7FFF_FFFFu, V.Add(0x7FFF_FFFF, 0));
        Assert.Equal(0u, V.Add(0x8000_0000, 0));
        Assert.Equal(0xC000_0000u, V.Add(3_000_000_000, 0));
        Assert.Equal(0xFFC0_0000u, V.Add(uint.MaxValue - 1, 0));
        Assert.Equal(0xFFE0_0000u, V.Add(uint.MaxValue, 0));
    }

    [Fact]
    public void Toolchain_defect_negative_s64_results_trap()
    {
        // a trap leaves the instance unusable: one fresh instance per call
        foreach (var x in new[] { 5L, 1L << 40, long.MaxValue, long.MinValue })
        {
            using var g = new BindingsGuest(Fixture.File, full: false);
            Assert.Throws<ComponentTrapException>(() => g.Values.Negate(x));
        }
        Assert.Equal(5L, V.Negate(-5));
    }
}
