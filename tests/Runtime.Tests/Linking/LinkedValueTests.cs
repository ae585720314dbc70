using System.Text;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Values crossing a live link (<see cref="HostImports.LinkExports"/>) in both directions: the host calls the caller
/// A, which passes its core arguments to its import, linked to the callee B; B passes what it received to a host
/// function, which records it and answers. What B's host function sees must be what the host gave A, and what A
/// returns what B's host function answered: every type family, flat and spilled parameters, results through a
/// return area, and each pair of string encodings.
/// </summary>
public class LinkedValueTests
{
    private static readonly ComponentRuntime Runtime = new();

    public static TheoryData<string, string> EncodingPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in new[] { "utf8", "utf16", "latin1+utf16" })
        {
            foreach (var b in new[] { "utf8", "utf16", "latin1+utf16" })
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    private static readonly string[] Texts = ["", "plain ascii", "café crème", "ünïcödé ✓ 😀 日本語", new string('x', 300) + "é", new string('λ', 300)];

    private sealed class Pair : IDisposable
    {
        public Pair(string callerEncoding, string calleeEncoding)
        {
            Host = new LinkCalleeHost();
            Callee = Runtime.LoadText(LinkWat.Forwarder(LinkWat.Functions, calleeEncoding)).Instantiate(Host.Imports());
            Caller = Runtime.LoadText(LinkWat.Forwarder(LinkWat.Functions, callerEncoding)).Instantiate(new HostImports().LinkExports(Callee));
        }

        public LinkCalleeHost Host { get; }

        public ComponentInstance Callee { get; }

        public ComponentInstance Caller { get; }

        /// <summary>Calls the caller's export and checks that the callee's host function received exactly the arguments.</summary>
        public WitValue Call(string name, params WitValue[] arguments)
        {
            Host.Calls.Clear();
            var result = Caller.GetFunction(name)!.Invoke(arguments).Single();
            var (called, received) = Assert.Single(Host.Calls);
            Assert.Equal(name, called);
            Assert.Equal(arguments, received);
            return result;
        }

        public void Dispose()
        {
            Caller.Dispose();
            Callee.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(EncodingPairs))]
    public void Strings_cross_between_every_pair_of_encodings(string callerEncoding, string calleeEncoding)
    {
        using var pair = new Pair(callerEncoding, calleeEncoding);
        foreach (var text in Texts)
        {
            Assert.Equal(text + "!", pair.Call("echo", WitValue.String(text)).AsString());
        }
    }

    [Theory]
    [MemberData(nameof(EncodingPairs))]
    public void Lists_of_records_with_strings_and_nested_lists_cross(string callerEncoding, string calleeEncoding)
    {
        using var pair = new Pair(callerEncoding, calleeEncoding);
        WitValue Point(string name, int x, uint y) => WitValue.Record(WitValue.String(name), WitValue.S32(x), WitValue.U32(y));
        var points = pair.Call("points", WitValue.List(Point("a", 1, 2), Point("ünï 😀", -5, uint.MaxValue), Point("", int.MaxValue - 1, 0)));
        Assert.Equal(WitValue.List(Point("'", int.MaxValue, 0), Point("ünï 😀'", -4, uint.MaxValue), Point("a'", 2, 2)), points);
        Assert.Equal(WitValue.List(), pair.Call("points", WitValue.List()));

        var nested = WitValue.List(WitValue.List(WitValue.String("x"), WitValue.String("café")), WitValue.List(), WitValue.List(WitValue.String("日本")));
        Assert.Equal(WitValue.Some(WitValue.List(WitValue.String("x"), WitValue.String("café"), WitValue.String("日本"))), pair.Call("nested", nested));
        Assert.Equal(WitValue.None, pair.Call("nested", WitValue.List()));
    }

    [Fact]
    public void Scalars_cross_flat_and_come_back_through_a_return_area()
    {
        using var pair = new Pair("utf8", "utf8");
        Assert.Equal(42u, pair.Call("add", WitValue.U32(40), WitValue.U32(2)).AsU32());
        Assert.Equal(1u, pair.Call("add", WitValue.U32(uint.MaxValue), WitValue.U32(2)).AsU32());
        Assert.Equal((short)(-128 + -32768 + 255), pair.Call("small", WitValue.S8(-128), WitValue.S16(-32768), WitValue.U8(255)).AsS16());
        foreach (var (b, c) in new[] { (true, "é"), (false, "😀") })
        {
            var arguments = new[]
            {
                WitValue.Bool(b), WitValue.S8(-7), WitValue.U16(65535), WitValue.S64(long.MinValue), WitValue.F32(-1.5f),
                WitValue.F64(Math.PI), WitValue.Char(Rune.GetRuneAt(c, 0)),
            };
            Assert.Equal(WitValue.Tuple(arguments), pair.Call("scalars", arguments));
        }

        Assert.Equal(WitValue.Tuple(WitValue.Bool(false), WitValue.S8(0), WitValue.U16(0), WitValue.S64(0), WitValue.F32(0), WitValue.F64(0), WitValue.Char(new Rune(0x10FFFF))),
            pair.Call("scalars", WitValue.Bool(false), WitValue.S8(0), WitValue.U16(0), WitValue.S64(0), WitValue.F32(0), WitValue.F64(0), WitValue.Char(new Rune(0x10FFFF))));
    }

    [Theory]
    [InlineData("utf8", "utf16")]
    [InlineData("latin1+utf16", "utf8")]
    public void Variants_options_results_enums_and_flags_cross(string callerEncoding, string calleeEncoding)
    {
        using var pair = new Pair(callerEncoding, calleeEncoding);
        Assert.Equal(WitValue.Variant(3, WitValue.String("none")), pair.Call("shape", WitValue.Variant(0)));
        Assert.Equal(WitValue.Variant(1, WitValue.F32(5f)), pair.Call("shape", WitValue.Variant(1, WitValue.F32(2.5f))));
        Assert.Equal(WitValue.Variant(2, WitValue.Tuple(WitValue.U64(1UL << 40), WitValue.U16(7))),
            pair.Call("shape", WitValue.Variant(2, WitValue.Tuple(WitValue.U64((1UL << 40) - 1), WitValue.U16(7)))));
        Assert.Equal(WitValue.Variant(3, WitValue.String("ab✓ab✓")), pair.Call("shape", WitValue.Variant(3, WitValue.String("ab✓"))));

        foreach (var arguments in new[]
        {
            new[] { WitValue.Some(WitValue.U8(200)), WitValue.Ok(WitValue.String("fine ✓")), WitValue.Enum(2), WitValue.Flags(3, 0, 2) },
            new[] { WitValue.None, WitValue.Err(WitValue.U32(404)), WitValue.Enum(0), WitValue.Flags(3) },
        })
        {
            Assert.Equal(WitValue.Tuple(arguments), pair.Call("opts", arguments));
        }

        Assert.Equal(WitValue.Flags(3, 1), pair.Call("pick", WitValue.Enum(1), WitValue.Flags(3, 1)));
    }

    [Theory]
    [InlineData("utf8", "utf8")]
    [InlineData("utf16", "latin1+utf16")]
    public void Spilled_parameters_and_bulk_lists_cross(string callerEncoding, string calleeEncoding)
    {
        using var pair = new Pair(callerEncoding, calleeEncoding);
        var arguments = new[] { WitValue.String("spill ✓") }.Concat(Enumerable.Range(1, 15).Select(i => WitValue.U32((uint)i * 1000))).ToArray();
        Assert.Equal(7u + (120u * 1000), pair.Call("many", arguments).AsU32());

        var shorts = WitValue.List(Enumerable.Range(0, 1000).Select(i => WitValue.U16((ushort)(i * 61))).ToArray());
        var doubles = WitValue.List(WitValue.F64(-0.0), WitValue.F64(double.MaxValue), WitValue.F64(1e-310));
        var longs = WitValue.List(WitValue.S64(long.MinValue), WitValue.S64(-1), WitValue.S64(long.MaxValue));
        var result = pair.Call("nums", shorts, doubles, longs);
        Assert.Equal(WitValue.Tuple(WitValue.List(shorts.Items.Reverse().ToArray()), doubles, longs), result);
    }
}
