using WitBindgen.Runtime.Abi;
using Xunit;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Tests.Abi;

public class LayoutTests
{
    public static TheoryData<string, int, int, CoreValueType> Primitives => new()
    {
        { "bool", 1, 1, I32 },
        { "s8", 1, 1, I32 },
        { "u8", 1, 1, I32 },
        { "s16", 2, 2, I32 },
        { "u16", 2, 2, I32 },
        { "s32", 4, 4, I32 },
        { "u32", 4, 4, I32 },
        { "s64", 8, 8, I64 },
        { "u64", 8, 8, I64 },
        { "f32", 4, 4, F32 },
        { "f64", 8, 8, F64 },
        { "char", 4, 4, I32 },
    };

    [Theory]
    [MemberData(nameof(Primitives))]
    public void Primitive_layout(string name, int size, int alignment, CoreValueType flat)
    {
        var type = PrimitiveNamed(name);
        Assert.Equal(name, type.ToString());
        AssertLayout(type, size, alignment, flat);
        Assert.False(type.HasIndirection);
    }

    [Fact]
    public void String_and_list_are_pointer_and_length()
    {
        AssertLayout(AbiType.String, 8, 4, I32, I32);
        AssertLayout(AbiType.List(AbiType.U64), 8, 4, I32, I32);
        AssertLayout(AbiType.List(AbiType.String), 8, 4, I32, I32);
        Assert.True(AbiType.String.HasIndirection);
        Assert.True(AbiType.List(AbiType.U8).HasIndirection);
    }

    [Fact]
    public void Fixed_length_list_is_laid_out_and_flattened_like_a_tuple()
    {
        AssertLayout(AbiType.FixedList(AbiType.U16, 3), 6, 2, I32, I32, I32);
        AssertLayout(AbiType.FixedList(AbiType.F64, 2), 16, 8, F64, F64);
        AssertLayout(AbiType.FixedList(AbiType.String, 2), 16, 4, I32, I32, I32, I32);
        Assert.False(AbiType.FixedList(AbiType.U8, 4).HasIndirection);
        Assert.True(AbiType.FixedList(AbiType.String, 1).HasIndirection);
        Assert.Equal("list<u16, 3>", AbiType.FixedList(AbiType.U16, 3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiType.FixedList(AbiType.U8, 0));

        // A map is the list of its entries: list<tuple<K, V>>.
        var map = AbiType.Map(AbiType.String, AbiType.U8);
        AssertLayout(map, 8, 4, I32, I32);
        Assert.Equal(AbiTypeKind.List, map.Kind);
        Assert.Equal(12, map.Element.Size);
        Assert.Equal(new[] { 0, 8 }, map.Entry.FieldOffsets.ToArray());
        Assert.True(map.HasIndirection);
        Assert.Equal("map<string, u8>", map.ToString());
    }

    [Fact]
    public void Long_flattenings_are_counted_but_not_materialised()
    {
        var type = AbiType.FixedList(AbiType.U8, 100);
        Assert.Equal(100, type.Size);
        Assert.Equal(100, type.FlatCount);
        Assert.False(type.HasFlatTypes);
        Assert.Throws<InvalidOperationException>(() => type.FlatTypes.Length);

        var sixteen = AbiType.FixedList(AbiType.U32, 16);
        Assert.True(sixteen.HasFlatTypes);
        Assert.Equal(16, sixteen.FlatTypes.Length);

        // A record containing a long flattening is long too, and still counts exactly.
        var record = AbiType.Record(new AbiField("a", type), new AbiField("b", AbiType.U64));
        Assert.Equal(101, record.FlatCount);
        Assert.False(record.HasFlatTypes);
        var variant = AbiType.Variant(new AbiCase("a", type), new AbiCase("b"));
        Assert.Equal(101, variant.FlatCount);
    }

    [Fact]
    public void Record_fields_are_aligned_and_the_record_padded()
    {
        var record = AbiType.Record(
            new AbiField("a", AbiType.U8),
            new AbiField("b", AbiType.U32),
            new AbiField("c", AbiType.U16));
        AssertLayout(record, 12, 4, I32, I32, I32);
        Assert.Equal(new[] { 0, 4, 8 }, record.FieldOffsets.ToArray());

        var withU64 = AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.U64), new AbiField("c", AbiType.U8));
        AssertLayout(withU64, 24, 8, I32, I64, I32);
        Assert.Equal(new[] { 0, 8, 16 }, withU64.FieldOffsets.ToArray());

        var bytes = AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.Bool), new AbiField("c", AbiType.S8));
        AssertLayout(bytes, 3, 1, I32, I32, I32);
        Assert.Equal("record { a: u8, b: bool, c: s8 }", bytes.ToString());
        Assert.Throws<ArgumentException>(() => AbiType.Record());
    }

    [Fact]
    public void Tuple_is_laid_out_like_a_record()
    {
        var tuple = AbiType.Tuple(AbiType.U8, AbiType.String, AbiType.F64, AbiType.Char);
        AssertLayout(tuple, 32, 8, I32, I32, I32, F64, I32);
        Assert.Equal(new[] { 0, 4, 16, 24 }, tuple.FieldOffsets.ToArray());
        Assert.Equal("tuple<u8, string, f64, char>", tuple.ToString());
        Assert.Throws<ArgumentException>(() => AbiType.Tuple());
    }

    [Fact]
    public void Variant_places_the_payload_after_the_discriminant_aligned_to_the_widest_case()
    {
        var variant = AbiType.Variant(new AbiCase("a"), new AbiCase("b", AbiType.U64), new AbiCase("c", AbiType.U8));
        Assert.Equal(1, variant.DiscriminantSize);
        Assert.Equal(8, variant.PayloadOffset);
        AssertLayout(variant, 16, 8, I32, I64);

        var small = AbiType.Variant(new AbiCase("a", AbiType.U8), new AbiCase("b", AbiType.U16));
        Assert.Equal(2, small.PayloadOffset);
        AssertLayout(small, 4, 2, I32, I32);

        var noPayloads = AbiType.Variant(new AbiCase("a"), new AbiCase("b"));
        AssertLayout(noPayloads, 1, 1, I32);
        Assert.Equal("variant { a, b(u64), c(u8) }", variant.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiType.Variant());
    }

    [Fact]
    public void The_shared_layout_rules_number_flat_types_like_CoreValueType()
    {
        // The descriptors hand their flattenings to the shared rules (src/Shared/CanonicalLayout) by a cast.
        Assert.Equal(Enum.GetNames<CoreValueType>(), Enum.GetNames<WitBindgen.Shared.FlatType>());
        foreach (var core in Enum.GetValues<CoreValueType>())
        {
            Assert.Equal(core.ToString(), ((WitBindgen.Shared.FlatType)(byte)core).ToString());
        }
    }

    [Fact]
    public void Join_of_i32_and_f32_is_i32()
    {
        var variant = AbiType.Variant(new AbiCase("i", AbiType.U32), new AbiCase("f", AbiType.F32));
        AssertLayout(variant, 8, 4, I32, I32);
        var floatOnly = AbiType.Variant(new AbiCase("f", AbiType.F32), new AbiCase("g", AbiType.F32));
        AssertLayout(floatOnly, 8, 4, I32, F32);
    }

    [Fact]
    public void Join_of_i64_and_f64_or_of_different_widths_is_i64()
    {
        AssertLayout(AbiType.Variant(new AbiCase("i", AbiType.S64), new AbiCase("f", AbiType.F64)), 16, 8, I32, I64);
        AssertLayout(AbiType.Variant(new AbiCase("i", AbiType.U32), new AbiCase("l", AbiType.U64)), 16, 8, I32, I64);
        AssertLayout(AbiType.Variant(new AbiCase("f", AbiType.F32), new AbiCase("d", AbiType.F64)), 16, 8, I32, I64);
        AssertLayout(AbiType.Variant(new AbiCase("f", AbiType.F32), new AbiCase("l", AbiType.S64)), 16, 8, I32, I64);
        AssertLayout(AbiType.Variant(new AbiCase("d", AbiType.F64), new AbiCase("i", AbiType.Char)), 16, 8, I32, I64);
        AssertLayout(AbiType.Variant(new AbiCase("d", AbiType.F64), new AbiCase("e", AbiType.F64)), 16, 8, I32, F64);
    }

    [Fact]
    public void Join_is_applied_slot_by_slot_for_mixed_payloads()
    {
        var variant = AbiType.Variant(
            new AbiCase("a", AbiType.Tuple(AbiType.F32, AbiType.U32)),
            new AbiCase("b", AbiType.Tuple(AbiType.U64, AbiType.F32)),
            new AbiCase("c", AbiType.Tuple(AbiType.F32, AbiType.F32, AbiType.F64)),
            new AbiCase("d"));
        AssertLayout(variant, 24, 8, I32, I64, I32, F64);

        var withString = AbiType.Variant(new AbiCase("s", AbiType.String), new AbiCase("f", AbiType.F64));
        AssertLayout(withString, 16, 8, I32, I64, I32);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(256, 1)]
    [InlineData(257, 2)]
    [InlineData(65536, 2)]
    [InlineData(65537, 4)]
    public void Enum_discriminant_is_the_smallest_integer_covering_the_cases(int cases, int size)
    {
        var type = AbiType.Enum(cases);
        Assert.Equal(size, type.DiscriminantSize);
        AssertLayout(type, size, size, I32);
        Assert.Null(type.GetCasePayload(cases - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => type.GetCasePayload(cases));
    }

    [Fact]
    public void Variant_with_many_cases_widens_the_discriminant()
    {
        var cases = Enumerable.Range(0, 300).Select(i => new AbiCase($"c{i}", i == 7 ? AbiType.U8 : null)).ToArray();
        var variant = AbiType.Variant(cases);
        Assert.Equal(2, variant.DiscriminantSize);
        Assert.Equal(2, variant.PayloadOffset);
        AssertLayout(variant, 4, 2, I32, I32);
    }

    [Fact]
    public void Option_layout()
    {
        AssertLayout(AbiType.Option(AbiType.U8), 2, 1, I32, I32);
        AssertLayout(AbiType.Option(AbiType.U32), 8, 4, I32, I32);
        AssertLayout(AbiType.Option(AbiType.F64), 16, 8, I32, F64);
        AssertLayout(AbiType.Option(AbiType.String), 12, 4, I32, I32, I32);
        AssertLayout(AbiType.Option(AbiType.Option(AbiType.U8)), 3, 1, I32, I32, I32);
        Assert.Equal("option<string>", AbiType.Option(AbiType.String).ToString());
    }

    [Fact]
    public void Result_layout()
    {
        AssertLayout(AbiType.Result(null, null), 1, 1, I32);
        AssertLayout(AbiType.Result(AbiType.U32, null), 8, 4, I32, I32);
        AssertLayout(AbiType.Result(null, AbiType.U64), 16, 8, I32, I64);
        AssertLayout(AbiType.Result(AbiType.U32, AbiType.String), 12, 4, I32, I32, I32);
        AssertLayout(AbiType.Result(AbiType.F32, AbiType.F64), 16, 8, I32, I64);
        AssertLayout(AbiType.Result(AbiType.F32, AbiType.U32), 8, 4, I32, I32);
        Assert.Equal("result<u32, _>", AbiType.Result(AbiType.U32, null).ToString());
    }

    [Theory]
    [InlineData(0, 0, 1, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(8, 1, 1, 1)]
    [InlineData(9, 2, 2, 1)]
    [InlineData(16, 2, 2, 1)]
    [InlineData(17, 4, 4, 1)]
    [InlineData(32, 4, 4, 1)]
    [InlineData(33, 8, 4, 2)]
    [InlineData(64, 8, 4, 2)]
    [InlineData(65, 12, 4, 3)]
    public void Flags_layout(int count, int size, int alignment, int words)
    {
        var type = AbiType.Flags(count);
        Assert.Equal(count, type.Count);
        Assert.Equal(words, type.WordCount);
        AssertLayout(type, size, alignment, Enumerable.Repeat(I32, words).ToArray());
    }

    [Fact]
    public void Handles_are_i32_indices_keyed_by_resource_identity()
    {
        var key = new object();
        var own = AbiType.Own(key);
        var borrow = AbiType.Borrow(key);
        AssertLayout(own, 4, 4, I32);
        AssertLayout(borrow, 4, 4, I32);
        Assert.Same(key, own.Resource);
        Assert.Equal(AbiTypeKind.Own, own.Kind);
        Assert.Equal(AbiTypeKind.Borrow, borrow.Kind);
        Assert.Throws<ArgumentNullException>(() => AbiType.Own(null!));
    }

    [Fact]
    public void Nested_layout_composes()
    {
        // record { id: u64, tags: list<string>, pos: option<tuple<f32, f32>>, kind: enum(3) }
        var record = AbiType.Record(
            new AbiField("id", AbiType.U64),
            new AbiField("tags", AbiType.List(AbiType.String)),
            new AbiField("pos", AbiType.Option(AbiType.Tuple(AbiType.F32, AbiType.F32))),
            new AbiField("kind", AbiType.Enum(3)));
        Assert.Equal(new[] { 0, 8, 16, 28 }, record.FieldOffsets.ToArray());
        AssertLayout(record, 32, 8, I64, I32, I32, I32, F32, F32, I32);
    }

    [Fact]
    public void Oversized_types_are_rejected()
    {
        var big = AbiType.FixedList(AbiType.U8, 1 << 20);
        Assert.Throws<ArgumentException>(() => AbiType.FixedList(big, 1 << 8));
    }

    internal static AbiPrimitiveType PrimitiveNamed(string name) => name switch
    {
        "bool" => AbiType.Bool,
        "s8" => AbiType.S8,
        "u8" => AbiType.U8,
        "s16" => AbiType.S16,
        "u16" => AbiType.U16,
        "s32" => AbiType.S32,
        "u32" => AbiType.U32,
        "s64" => AbiType.S64,
        "u64" => AbiType.U64,
        "f32" => AbiType.F32,
        "f64" => AbiType.F64,
        "char" => AbiType.Char,
        _ => throw new ArgumentException(name),
    };

    private static void AssertLayout(AbiType type, int size, int alignment, params CoreValueType[] flat)
    {
        Assert.Equal(size, type.Size);
        Assert.Equal(alignment, type.Alignment);
        Assert.Equal(flat.Length, type.FlatCount);
        Assert.Equal(flat, type.FlatTypes.ToArray());
    }
}
