using System.Text;
using WitBindgen.Runtime;
using Fixtures.Echoes.Echoes;
using Fixtures.Echoes.Types;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Every value type family goes host → guest → host through generated bindings: the fixture's
/// <c>echo-*</c> exports return their argument, so each assertion checks lowering and lifting together.
/// </summary>
public sealed class EchoTests : IDisposable
{
    private readonly EchoesWorld _world = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());

    public void Dispose() => _world.Dispose();

    [Fact]
    public void Integers_round_trip_at_their_limits()
    {
        foreach (var v in new sbyte[] { sbyte.MinValue, -1, 0, sbyte.MaxValue })
        {
            Assert.Equal(v, _world.EchoS8(v));
        }

        foreach (var v in new byte[] { 0, 1, byte.MaxValue })
        {
            Assert.Equal(v, _world.EchoU8(v));
        }

        foreach (var v in new short[] { short.MinValue, -1, short.MaxValue })
        {
            Assert.Equal(v, _world.EchoS16(v));
        }

        foreach (var v in new ushort[] { 0, ushort.MaxValue })
        {
            Assert.Equal(v, _world.EchoU16(v));
        }

        foreach (var v in new[] { int.MinValue, -1, 0, int.MaxValue })
        {
            Assert.Equal(v, _world.EchoS32(v));
        }

        foreach (var v in new[] { 0u, 1u, uint.MaxValue })
        {
            Assert.Equal(v, _world.EchoU32(v));
        }

        foreach (var v in new[] { long.MinValue, -1L, long.MaxValue })
        {
            Assert.Equal(v, _world.EchoS64(v));
        }

        foreach (var v in new[] { 0UL, ulong.MaxValue })
        {
            Assert.Equal(v, _world.EchoU64(v));
        }
    }

    [Fact]
    public void Bools_chars_and_floats_round_trip()
    {
        Assert.True(_world.EchoBool(true));
        Assert.False(_world.EchoBool(false));
        foreach (var c in new[] { new Rune('a'), new Rune(0xE9), new Rune(0x1F389), new Rune(0x10FFFF), new Rune(0) })
        {
            Assert.Equal(c, _world.EchoChar(c));
        }

        Assert.Equal(3.5f, _world.EchoF32(3.5f));
        Assert.Equal(float.NegativeInfinity, _world.EchoF32(float.NegativeInfinity));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(_world.EchoF32(-0.0f)));
        Assert.Equal(Math.PI, _world.EchoF64(Math.PI));
        Assert.Equal(double.MaxValue, _world.EchoF64(double.MaxValue));

        // Lifting canonicalises NaNs: a NaN with a payload comes back as the canonical NaN.
        var payloadNaN = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        Assert.Equal(0x7FC0_0000, BitConverter.SingleToInt32Bits(_world.EchoF32(payloadNaN)));
        Assert.True(double.IsNaN(_world.EchoF64(double.NaN)));
    }

    [Fact]
    public void Strings_round_trip_including_empty_non_ascii_and_large()
    {
        Assert.Equal("", _world.EchoString(""));
        Assert.Equal("héllo wörld — 🎉", _world.EchoString("héllo wörld — 🎉"));
        var large = string.Concat(Enumerable.Repeat("0123456789abcdef", 8192));
        Assert.Equal(large, _world.EchoString(large));
        Assert.Throws<ArgumentNullException>(() => _world.EchoString(null!));
    }

    [Fact]
    public void Lists_of_scalars_strings_records_and_variants_round_trip()
    {
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(bytes, _world.EchoBytes(bytes));
        Assert.Empty(_world.EchoBytes(Array.Empty<byte>()));
        Assert.Equal(new[] { 0u, 1u, uint.MaxValue }, _world.EchoU32s(new[] { 0u, 1u, uint.MaxValue }));
        Assert.Equal(new[] { "a", "", "ünïcode", "🎉" }, _world.EchoStrings(new[] { "a", "", "ünïcode", "🎉" }));
        var points = new[] { new Point(1, 2, 3), new Point(int.MinValue, 0, int.MaxValue) };
        Assert.Equal(points, _world.EchoPoints(points));
        var shapes = new Shape[] { new Shape.Circle(1.5f), new Shape.Rect(new Point(4, 5, 6)), new Shape.Empty(), new Shape.Named("box") };
        Assert.Equal(shapes, _world.EchoShapes(shapes));
    }

    [Fact]
    public void Records_variants_enums_and_flags_round_trip()
    {
        Assert.Equal(new Point(-1, 0, 1), _world.EchoPoint(new Point(-1, 0, 1)));
        Assert.Equal(new Shape.Circle(2.25f), _world.EchoShape(new Shape.Circle(2.25f)));
        Assert.Equal(new Shape.Rect(new Point(7, 8, 9)), _world.EchoShape(new Shape.Rect(new Point(7, 8, 9))));
        Assert.Equal(new Shape.Empty(), _world.EchoShape(new Shape.Empty()));
        // A payload-less case is lifted as one shared (immutable) instance: no allocation per call.
        Assert.Same(_world.EchoShape(new Shape.Empty()), _world.EchoShape(new Shape.Empty()));
        Assert.Equal(new Shape.Named("tri"), _world.EchoShape(new Shape.Named("tri")));
        foreach (var c in new[] { Color.Red, Color.Green, Color.Blue })
        {
            Assert.Equal(c, _world.EchoColor(c));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => _world.EchoColor((Color)3));
        Assert.Equal(Perms.Read | Perms.Exec, _world.EchoPerms(Perms.Read | Perms.Exec));
        Assert.Equal((Perms)0, _world.EchoPerms((Perms)0));

        // Undefined bits are not part of the value: they are dropped on the way in.
        Assert.Equal(Perms.Write, _world.EchoPerms(Perms.Write | (Perms)0x80));
        var many = Many.B0 | Many.B15 | Many.B16 | Many.B31;
        Assert.Equal(many, _world.EchoMany(many));
        Assert.Equal((Many)uint.MaxValue, _world.EchoMany((Many)uint.MaxValue));
    }

    [Fact]
    public void Options_results_and_tuples_round_trip()
    {
        Assert.Null(_world.EchoOption(null));
        Assert.Equal("some", _world.EchoOption("some"));
        Assert.Equal("", _world.EchoOption(""));

        Assert.Equal(Option<uint?>.None, _world.EchoNested(Option<uint?>.None));
        Assert.Equal(new Option<uint?>(null), _world.EchoNested(new Option<uint?>(null)));
        Assert.Equal(new Option<uint?>(42u), _world.EchoNested(new Option<uint?>(42u)));

        Assert.Equal(Result<uint, string>.FromOk(7), _world.EchoResult(Result<uint, string>.FromOk(7)));
        Assert.Equal(Result<uint, string>.FromErr("bad"), _world.EchoResult(Result<uint, string>.FromErr("bad")));
        Assert.True(_world.EchoUnitResult(Result<Unit, Unit>.FromOk(default)).IsOk);
        Assert.True(_world.EchoUnitResult(Result<Unit, Unit>.FromErr(default)).IsErr);

        Assert.Equal(((byte)255, "tuple ✓", -2.5), _world.EchoTuple(((byte)255, "tuple ✓", -2.5)));
    }

    [Fact]
    public void Interface_exports_spilled_parameters_and_empty_functions_are_called()
    {
        Assert.Equal(5u, _world.Calc.Add(2, 3));
        Assert.Equal(1u, _world.Calc.Add(uint.MaxValue, 2));
        var values = Enumerable.Range(0, 40_000).Select(i => uint.MaxValue - (uint)i).ToArray();
        Assert.Equal(values.Aggregate(0UL, (sum, v) => sum + v), _world.Calc.Sum(values));

        Assert.Equal(153u, _world.Sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));
        Assert.Equal(15u, _world.Sum17(uint.MaxValue, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        _world.Nothing();
    }

    [Fact]
    public void A_disposed_instance_throws_ObjectDisposedException()
    {
        var world = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        world.Dispose();
        Assert.Throws<ObjectDisposedException>(() => world.EchoU32(1));
        Assert.Throws<ObjectDisposedException>(() => world.EchoString("x"));
    }
}
