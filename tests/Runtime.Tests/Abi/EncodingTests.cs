using WitBindgen.Runtime;
using System.Text;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>Exact bytes and core values the ABI produces and accepts, checked against CanonicalABI.md by hand.</summary>
public class EncodingTests
{
    private readonly TestMemory _memory = new();
    private readonly AbiContext _cx;

    public EncodingTests() => _cx = _memory.Context(StringEncoding.Utf8, new TestResources());

    [Fact]
    public void Record_fields_land_at_their_offsets_and_padding_is_not_written()
    {
        var type = AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.U32), new AbiField("c", AbiType.S16));
        _memory.Write(64, Enumerable.Repeat((byte)0xCC, 12).ToArray());

        CanonicalAbi.Store(_cx, type, WitValue.Record(WitValue.U8(1), WitValue.U32(0x01020304), WitValue.S16(-2)), 64);

        Assert.Equal(
            new byte[] { 0x01, 0xCC, 0xCC, 0xCC, 0x04, 0x03, 0x02, 0x01, 0xFE, 0xFF, 0xCC, 0xCC },
            _memory.Read(64, 12));
    }

    [Fact]
    public void Variant_discriminant_then_aligned_payload()
    {
        var type = AbiType.Variant(new AbiCase("a"), new AbiCase("b", AbiType.U64));
        CanonicalAbi.Store(_cx, type, WitValue.Variant(1, WitValue.U64(0x1122334455667788)), 64);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }, _memory.Read(64, 16));
    }

    [Fact]
    public void Wide_enum_discriminants_are_little_endian()
    {
        CanonicalAbi.Store(_cx, AbiType.Enum(300), WitValue.Enum(0x0102), 64);
        Assert.Equal(new byte[] { 0x02, 0x01 }, _memory.Read(64, 2));
        CanonicalAbi.Store(_cx, AbiType.Enum(70000), WitValue.Enum(0x010203), 64);
        Assert.Equal(new byte[] { 0x03, 0x02, 0x01, 0x00 }, _memory.Read(64, 4));
    }

    [Fact]
    public void Flags_are_packed_bit_vectors()
    {
        CanonicalAbi.Store(_cx, AbiType.Flags(5), WitValue.Flags(5, 0, 4), 64);
        Assert.Equal(new byte[] { 0x11 }, _memory.Read(64, 1));
        CanonicalAbi.Store(_cx, AbiType.Flags(16), WitValue.Flags(16, 15), 64);
        Assert.Equal(new byte[] { 0x00, 0x80 }, _memory.Read(64, 2));
        CanonicalAbi.Store(_cx, AbiType.Flags(65), WitValue.Flags(65, 1, 32, 64), 64);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 }, _memory.Read(64, 12));
    }

    [Fact]
    public void Flag_bits_beyond_the_count_are_ignored_when_lifting()
    {
        _memory.Write(64, [0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal(WitValue.Flags(5, 0, 1, 2, 3, 4), CanonicalAbi.Load(_cx, AbiType.Flags(5), 64));
        Assert.Equal(WitValue.Flags(10, Enumerable.Range(0, 10).ToArray()), CanonicalAbi.Load(_cx, AbiType.Flags(10), 64));

        var index = 0;
        RawValue[] slots = [RawValue.FromU32(uint.MaxValue), RawValue.FromU32(uint.MaxValue)];
        Assert.Equal(WitValue.Flags(33, Enumerable.Range(0, 33).ToArray()), CanonicalAbi.LiftFlat(_cx, AbiType.Flags(33), slots, ref index));
    }

    [Fact]
    public void Flags_flatten_to_one_i32_per_32_flags()
    {
        var slots = new RawValue[3];
        var index = 0;
        CanonicalAbi.LowerFlat(_cx, AbiType.Flags(65), WitValue.Flags(65, 0, 33, 64), slots, ref index);
        Assert.Equal(new[] { 1u, 2u, 1u }, slots.Select(s => s.U32).ToArray());
    }

    [Fact]
    public void Bool_is_any_non_zero_value()
    {
        _memory.Write(64, [0x02]);
        Assert.Equal(WitValue.Bool(true), CanonicalAbi.Load(_cx, AbiType.Bool, 64));
        var index = 0;
        Assert.Equal(WitValue.Bool(true), CanonicalAbi.LiftFlat(_cx, AbiType.Bool, [RawValue.FromI32(0x100)], ref index));
        index = 0;
        Assert.Equal(WitValue.Bool(false), CanonicalAbi.LiftFlat(_cx, AbiType.Bool, [RawValue.FromI32(0)], ref index));

        // Storing writes exactly 0 or 1.
        CanonicalAbi.Store(_cx, AbiType.Bool, WitValue.Bool(true), 64);
        Assert.Equal(new byte[] { 1 }, _memory.Read(64, 1));
    }

    [Fact]
    public void Narrow_integers_ignore_the_high_bits_of_their_i32()
    {
        Assert.Equal(WitValue.U8(0xFF), Lift(AbiType.U8, RawValue.FromI32(0x1234_56FF)));
        Assert.Equal(WitValue.S8(-128), Lift(AbiType.S8, RawValue.FromI32(0x80)));
        Assert.Equal(WitValue.U16(0xBEEF), Lift(AbiType.U16, RawValue.FromI32(0x7FFF_BEEF)));
        Assert.Equal(WitValue.S16(-1), Lift(AbiType.S16, RawValue.FromI32(0x0001_FFFF)));
        Assert.Equal(WitValue.U32(0xFFFF_FFFF), Lift(AbiType.U32, RawValue.FromI32(-1)));
    }

    [Fact]
    public void Signed_values_lower_to_twos_complement()
    {
        Assert.Equal(0xFFFF_FF80u, Lower(AbiType.S8, WitValue.S8(-128))[0].U32);
        Assert.Equal(0xFFFF_FFFEu, Lower(AbiType.S32, WitValue.S32(-2))[0].U32);
        Assert.Equal(ulong.MaxValue, Lower(AbiType.S64, WitValue.S64(-1))[0].U64);
    }

    [Fact]
    public void Nans_are_canonicalised_when_lifted()
    {
        _memory.Write(64, BitConverter.GetBytes(0x7FA0_0001));
        var loaded = CanonicalAbi.Load(_cx, AbiType.F32, 64).AsF32();
        Assert.Equal(CanonicalAbi.CanonicalF32NanBits, BitConverter.SingleToInt32Bits(loaded));

        _memory.Write(64, BitConverter.GetBytes(unchecked((long)0xFFF0_0000_0000_0001)));
        var loaded64 = CanonicalAbi.Load(_cx, AbiType.F64, 64).AsF64();
        Assert.Equal(CanonicalAbi.CanonicalF64NanBits, BitConverter.DoubleToInt64Bits(loaded64));

        var flat = Lift(AbiType.F32, RawValue.FromU32(0xFFC0_1234)).AsF32();
        Assert.Equal(CanonicalAbi.CanonicalF32NanBits, BitConverter.SingleToInt32Bits(flat));
        var flat64 = Lift(AbiType.F64, RawValue.FromU64(0x7FF0_0000_0000_0002)).AsF64();
        Assert.Equal(CanonicalAbi.CanonicalF64NanBits, BitConverter.DoubleToInt64Bits(flat64));

        // Non-NaN specials are untouched.
        Assert.Equal(float.PositiveInfinity, Lift(AbiType.F32, RawValue.FromF32(float.PositiveInfinity)).AsF32());
        Assert.Equal(-0.0, Lift(AbiType.F64, RawValue.FromF64(-0.0)).AsF64());
        Assert.True(double.IsNegative(Lift(AbiType.F64, RawValue.FromF64(-0.0)).AsF64()));
    }

    [Fact]
    public void Nans_in_joined_variant_slots_are_canonicalised_too()
    {
        var type = AbiType.Variant(new AbiCase("f", AbiType.F32), new AbiCase("i", AbiType.U32));
        var lifted = Lift(type, RawValue.FromI32(0), RawValue.FromU32(0x7F80_0001));
        Assert.Equal(CanonicalAbi.CanonicalF32NanBits, BitConverter.SingleToInt32Bits(lifted.Payload!.AsF32()));
    }

    [Fact]
    public void Chars_are_stored_as_code_points()
    {
        CanonicalAbi.Store(_cx, AbiType.Char, WitValue.Char(new Rune(0x1F600)), 64);
        Assert.Equal(new byte[] { 0x00, 0xF6, 0x01, 0x00 }, _memory.Read(64, 4));
        Assert.Equal(0x10FFFFu, Lower(AbiType.Char, WitValue.Char(new Rune(0x10FFFF)))[0].U32);
    }

    [Fact]
    public void Variant_payloads_are_coerced_into_joined_slots()
    {
        var type = AbiType.Variant(
            new AbiCase("f", AbiType.F32),
            new AbiCase("l", AbiType.U64),
            new AbiCase("i", AbiType.S32));

        // f32 in an i64 slot: its bits, zero-extended.
        var f = Lower(type, WitValue.Variant(0, WitValue.F32(1.5f)));
        Assert.Equal(0, f[0].I32);
        Assert.Equal((ulong)(uint)BitConverter.SingleToInt32Bits(1.5f), f[1].U64);

        // s32 -1 in an i64 slot: zero-extended, not sign-extended.
        var i = Lower(type, WitValue.Variant(2, WitValue.S32(-1)));
        Assert.Equal(2, i[0].I32);
        Assert.Equal(0x0000_0000_FFFF_FFFFUL, i[1].U64);

        // Lifting an i32 case wraps the i64 to its low 32 bits.
        Assert.Equal(
            WitValue.Variant(2, WitValue.S32(unchecked((int)0x9ABC_DEF0))),
            Lift(type, RawValue.FromI32(2), RawValue.FromU64(0x1234_5678_9ABC_DEF0)));

        // Lifting an f32 case reads the low 32 bits as a float.
        Assert.Equal(
            WitValue.Variant(0, WitValue.F32(-2f)),
            Lift(type, RawValue.FromI32(0), RawValue.FromU64(0xFFFF_FFFF_0000_0000 | (uint)BitConverter.SingleToInt32Bits(-2f))));

        // An f64 case in an i64 slot is a bit reinterpretation.
        var doubles = AbiType.Variant(new AbiCase("d", AbiType.F64), new AbiCase("l", AbiType.S64));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1), Lower(doubles, WitValue.Variant(0, WitValue.F64(0.1)))[1].I64);
        Assert.Equal(WitValue.Variant(0, WitValue.F64(0.1)), Lift(doubles, RawValue.FromI32(0), RawValue.FromI64(BitConverter.DoubleToInt64Bits(0.1))));

        // f32 into an i32 slot (join of i32 and f32).
        var narrow = AbiType.Variant(new AbiCase("f", AbiType.F32), new AbiCase("i", AbiType.U32));
        Assert.Equal(BitConverter.SingleToInt32Bits(0.25f), Lower(narrow, WitValue.Variant(0, WitValue.F32(0.25f)))[1].I32);
    }

    [Fact]
    public void Unused_variant_slots_are_zeroed()
    {
        var type = AbiType.Variant(
            new AbiCase("wide", AbiType.Tuple(AbiType.U32, AbiType.U64, AbiType.F64)),
            new AbiCase("small", AbiType.U8),
            new AbiCase("empty"));
        var slots = Enumerable.Repeat(RawValue.FromU64(ulong.MaxValue), 4).ToArray();
        var index = 0;
        CanonicalAbi.LowerFlat(_cx, type, WitValue.Variant(1, WitValue.U8(5)), slots, ref index);
        Assert.Equal(new ulong[] { 1, 5, 0, 0 }, slots.Select(s => s.U64).ToArray());

        slots = Enumerable.Repeat(RawValue.FromU64(ulong.MaxValue), 4).ToArray();
        index = 0;
        CanonicalAbi.LowerFlat(_cx, type, WitValue.Variant(2), slots, ref index);
        Assert.Equal(new ulong[] { 2, 0, 0, 0 }, slots.Select(s => s.U64).ToArray());
        Assert.Equal(4, index);
    }

    [Fact]
    public void Lifting_a_variant_consumes_all_its_slots_whatever_the_case()
    {
        var type = AbiType.Tuple(
            AbiType.Variant(new AbiCase("a"), new AbiCase("b", AbiType.Tuple(AbiType.U32, AbiType.U32))),
            AbiType.U8);
        var lifted = Lift(type, RawValue.FromI32(0), RawValue.FromI32(111), RawValue.FromI32(222), RawValue.FromI32(9));
        Assert.Equal(WitValue.Tuple(WitValue.Variant(0), WitValue.U8(9)), lifted);
    }

    [Fact]
    public void Own_and_borrow_go_through_the_resource_hooks()
    {
        var resources = new TestResources();
        var cx = _memory.Context(StringEncoding.Utf8, resources);
        var key = new object();
        var index = 0;
        var slots = new RawValue[1];
        CanonicalAbi.LowerFlat(cx, AbiType.Own(key), WitValue.Handle("file"), slots, ref index);
        Assert.Equal(1, resources.Count);

        index = 0;
        Assert.Equal(WitValue.Handle("file"), CanonicalAbi.LiftFlat(cx, AbiType.Borrow(key), slots, ref index));
        Assert.Equal(1, resources.Count);

        index = 0;
        Assert.Equal(WitValue.Handle("file"), CanonicalAbi.LiftFlat(cx, AbiType.Own(key), slots, ref index));
        Assert.Equal(0, resources.Count);

        index = 0;
        var trap = Assert.Throws<ComponentTrapException>(() => CanonicalAbi.LiftFlat(cx, AbiType.Own(key), slots, ref index));
        Assert.Equal(ComponentTrapKind.InvalidHandle, trap.Kind);
    }

    [Fact]
    public void Strings_and_lists_in_flat_form_are_pointer_and_length()
    {
        var slots = Lower(AbiType.String, WitValue.String("héllo"));
        Assert.Equal("héllo", Encoding.UTF8.GetString(_memory.Read(slots[0].U32, (int)slots[1].U32)));
        Assert.Equal(6u, slots[1].U32);

        var list = Lower(AbiType.List(AbiType.U16), WitValue.List(WitValue.U16(0x0102), WitValue.U16(0x0304)));
        Assert.Equal(2u, list[1].U32);
        Assert.Equal(0u, list[0].U32 % 2);
        Assert.Equal(new byte[] { 2, 1, 4, 3 }, _memory.Read(list[0].U32, 4));
    }

    private WitValue Lift(AbiType type, params RawValue[] slots)
    {
        var index = 0;
        var value = CanonicalAbi.LiftFlat(_cx, type, slots, ref index);
        Assert.Equal(slots.Length, index);
        return value;
    }

    private RawValue[] Lower(AbiType type, WitValue value)
    {
        var slots = new RawValue[type.FlatCount];
        var index = 0;
        CanonicalAbi.LowerFlat(_cx, type, value, slots, ref index);
        Assert.Equal(slots.Length, index);
        return slots;
    }
}
