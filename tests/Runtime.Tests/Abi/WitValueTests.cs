using System.Text;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

public class WitValueTests
{
    [Fact]
    public void Equality_is_structural()
    {
        Assert.Equal(
            WitValue.Record(WitValue.U8(1), WitValue.List(WitValue.String("a")), WitValue.Some(WitValue.Variant(2, WitValue.Bool(true)))),
            WitValue.Record(WitValue.U8(1), WitValue.List(WitValue.String("a")), WitValue.Some(WitValue.Variant(2, WitValue.Bool(true)))));
        Assert.NotEqual(WitValue.U8(1), WitValue.S8(1));
        Assert.NotEqual(WitValue.Record(WitValue.U8(1)), WitValue.Tuple(WitValue.U8(1)));
        Assert.NotEqual(WitValue.Variant(1), WitValue.Variant(1, WitValue.U8(0)));
        Assert.NotEqual(WitValue.Flags(3, 1), WitValue.Flags(4, 1));
        Assert.NotEqual(WitValue.Ok(), WitValue.Err());
        Assert.True(WitValue.List(WitValue.U32(5)) == WitValue.List(WitValue.U32(5)));
        Assert.Equal(WitValue.List(WitValue.U32(5)).GetHashCode(), WitValue.List(WitValue.U32(5)).GetHashCode());
    }

    [Fact]
    public void Floats_compare_by_bits_with_all_nans_equal()
    {
        Assert.Equal(WitValue.F32(float.NaN), WitValue.F32(BitConverter.Int32BitsToSingle(0x7F80_0001)));
        Assert.Equal(WitValue.F32(float.NaN).GetHashCode(), WitValue.F32(BitConverter.Int32BitsToSingle(0x7F80_0001)).GetHashCode());
        Assert.NotEqual(WitValue.F32(0.0f), WitValue.F32(-0.0f));
        Assert.NotEqual(WitValue.F64(0.0), WitValue.F64(-0.0));
        Assert.Equal(WitValue.F64(double.NaN), WitValue.F64(-double.NaN));
    }

    [Fact]
    public void Strings_compare_ordinally_ignoring_their_encoding_hint()
    {
        Assert.Equal(WitValue.String("é"), WitValue.String("é", StringEncoding.Utf8, 2));
        Assert.Equal(StringEncoding.Utf16, WitValue.String("é").StringSourceEncoding);
        Assert.Equal(1u, WitValue.String("é").StringTaggedCodeUnits);
        Assert.NotEqual(WitValue.String("e\u0301"), WitValue.String("é"));
    }

    [Fact]
    public void String_hints_must_describe_the_text()
    {
        Assert.Throws<ArgumentException>(() => WitValue.String("é", StringEncoding.Utf8, 1));
        Assert.Throws<ArgumentException>(() => WitValue.String("ab", StringEncoding.Utf16, 3));
        Assert.Throws<ArgumentException>(() => WitValue.String("€", StringEncoding.Latin1Utf16, 1));
        Assert.Throws<ArgumentException>(() => WitValue.String("ab", StringEncoding.Latin1Utf16, 3 | CanonicalAbi.Utf16Tag));
        Assert.Equal("€", WitValue.String("€", StringEncoding.Latin1Utf16, 1 | CanonicalAbi.Utf16Tag).AsString());
        Assert.Throws<ArgumentException>(() => WitValue.String("\uDC00"));
    }

    [Fact]
    public void Scalars_round_trip_through_their_accessors()
    {
        Assert.True(WitValue.Bool(true).AsBool());
        Assert.Equal(sbyte.MinValue, WitValue.S8(sbyte.MinValue).AsS8());
        Assert.Equal(byte.MaxValue, WitValue.U8(byte.MaxValue).AsU8());
        Assert.Equal(short.MinValue, WitValue.S16(short.MinValue).AsS16());
        Assert.Equal(ushort.MaxValue, WitValue.U16(ushort.MaxValue).AsU16());
        Assert.Equal(int.MinValue, WitValue.S32(int.MinValue).AsS32());
        Assert.Equal(uint.MaxValue, WitValue.U32(uint.MaxValue).AsU32());
        Assert.Equal(long.MinValue, WitValue.S64(long.MinValue).AsS64());
        Assert.Equal(ulong.MaxValue, WitValue.U64(ulong.MaxValue).AsU64());
        Assert.Equal(1.25f, WitValue.F32(1.25f).AsF32());
        Assert.Equal(-1e-300, WitValue.F64(-1e-300).AsF64());
        Assert.Equal(new Rune(0x1F600), WitValue.Char(new Rune(0x1F600)).AsChar());
        Assert.Equal("key", WitValue.Handle("key").AsHandle());
    }

    [Fact]
    public void Accessors_of_the_wrong_kind_throw()
    {
        Assert.Throws<InvalidOperationException>(() => WitValue.U8(1).AsS8());
        Assert.Throws<InvalidOperationException>(() => WitValue.U8(1).AsString());
        Assert.Throws<InvalidOperationException>(() => WitValue.Enum(1).Payload);
        Assert.Throws<InvalidOperationException>(() => WitValue.String("x").Items);
        Assert.Throws<InvalidOperationException>(() => WitValue.None.IsOk);
    }

    [Fact]
    public void Options_and_results_use_the_despecialised_case_indices()
    {
        Assert.Equal(0, WitValue.None.CaseIndex);
        Assert.False(WitValue.None.IsSome);
        Assert.Equal(1, WitValue.Some(WitValue.U8(1)).CaseIndex);
        Assert.True(WitValue.Some(WitValue.U8(1)).IsSome);
        Assert.Equal(0, WitValue.Ok(WitValue.U8(1)).CaseIndex);
        Assert.True(WitValue.Ok().IsOk);
        Assert.Equal(1, WitValue.Err(WitValue.U8(1)).CaseIndex);
        Assert.Equal(WitValue.U8(1), WitValue.Err(WitValue.U8(1)).Payload);
    }

    [Fact]
    public void Flags_can_be_built_from_indices_or_bools()
    {
        var fromIndices = WitValue.Flags(40, 0, 35, 39);
        var bools = new bool[40];
        bools[0] = bools[35] = bools[39] = true;
        Assert.Equal(fromIndices, WitValue.Flags(bools));
        Assert.True(fromIndices.IsFlagSet(35));
        Assert.False(fromIndices.IsFlagSet(34));
        Assert.Equal(new uint[] { 1, 0x88 }, fromIndices.FlagWords.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => WitValue.Flags(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => fromIndices.IsFlagSet(40));
    }

    [Fact]
    public void Values_render_readably()
    {
        var value = WitValue.Tuple(
            WitValue.Bool(true),
            WitValue.S8(-3),
            WitValue.String("a\"b"),
            WitValue.List(WitValue.Char(new Rune('x'))),
            WitValue.Record(WitValue.F64(0.5)),
            WitValue.Some(WitValue.Ok()),
            WitValue.Err(WitValue.Enum(2)),
            WitValue.Variant(1, WitValue.U64(9)),
            WitValue.Flags(8, 1, 7),
            WitValue.None);
        Assert.Equal("(true, -3, \"a\\\"b\", ['x'], {0.5}, some(ok), err(case2), case1(9), {1, 7}, none)", value.ToString());
    }
}
