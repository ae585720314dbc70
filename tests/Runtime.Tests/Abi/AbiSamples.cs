using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>Named (type, value) pairs covering every type constructor, used by the round-trip tests.</summary>
internal static class AbiSamples
{
    public static readonly object ResourceA = "resource-a";
    public static readonly object ResourceKey = new();

    public static readonly IReadOnlyDictionary<string, (AbiType Type, WitValue Value)> All = Build();

    public static IEnumerable<string> Names => All.Keys;

    private static Dictionary<string, (AbiType, WitValue)> Build()
    {
        var samples = new Dictionary<string, (AbiType, WitValue)>();
        void Add(string name, AbiType type, WitValue value) => samples.Add(name, (type, value));

        Add("bool-true", AbiType.Bool, WitValue.Bool(true));
        Add("bool-false", AbiType.Bool, WitValue.Bool(false));
        Add("s8-min", AbiType.S8, WitValue.S8(sbyte.MinValue));
        Add("s8-max", AbiType.S8, WitValue.S8(sbyte.MaxValue));
        Add("u8-max", AbiType.U8, WitValue.U8(byte.MaxValue));
        Add("s16-min", AbiType.S16, WitValue.S16(short.MinValue));
        Add("u16-max", AbiType.U16, WitValue.U16(ushort.MaxValue));
        Add("s32-min", AbiType.S32, WitValue.S32(int.MinValue));
        Add("s32-neg", AbiType.S32, WitValue.S32(-2));
        Add("u32-max", AbiType.U32, WitValue.U32(uint.MaxValue));
        Add("s64-min", AbiType.S64, WitValue.S64(long.MinValue));
        Add("u64-max", AbiType.U64, WitValue.U64(ulong.MaxValue));
        Add("f32", AbiType.F32, WitValue.F32(1.5f));
        Add("f32-negzero", AbiType.F32, WitValue.F32(-0.0f));
        Add("f32-inf", AbiType.F32, WitValue.F32(float.NegativeInfinity));
        Add("f32-nan", AbiType.F32, WitValue.F32(float.NaN));
        Add("f64", AbiType.F64, WitValue.F64(Math.PI));
        Add("f64-eps", AbiType.F64, WitValue.F64(double.Epsilon));
        Add("char-ascii", AbiType.Char, WitValue.Char(new Rune('a')));
        Add("char-latin1", AbiType.Char, WitValue.Char(new Rune('é')));
        Add("char-astral", AbiType.Char, WitValue.Char(new Rune(0x1F600)));
        Add("char-max", AbiType.Char, WitValue.Char(new Rune(0x10FFFF)));
        Add("string-empty", AbiType.String, WitValue.String(string.Empty));
        Add("string-ascii", AbiType.String, WitValue.String("hello"));
        Add("string-latin1", AbiType.String, WitValue.String("héllo wörld"));
        Add("string-bmp", AbiType.String, WitValue.String("日本語 €"));
        Add("string-astral", AbiType.String, WitValue.String("a😀b𝄞"));
        Add("list-u8-empty", AbiType.List(AbiType.U8), WitValue.List());
        Add("list-u8", AbiType.List(AbiType.U8), WitValue.List(WitValue.U8(1), WitValue.U8(2), WitValue.U8(255)));
        Add("list-u64", AbiType.List(AbiType.U64), WitValue.List(WitValue.U64(1), WitValue.U64(ulong.MaxValue)));
        Add("list-char", AbiType.List(AbiType.Char), WitValue.List(WitValue.Char(new Rune('x')), WitValue.Char(new Rune(0x1F600))));
        Add("list-string", AbiType.List(AbiType.String), WitValue.List(WitValue.String("a"), WitValue.String(string.Empty), WitValue.String("ü😀")));
        Add(
            "list-list-u32",
            AbiType.List(AbiType.List(AbiType.U32)),
            WitValue.List(WitValue.List(WitValue.U32(1), WitValue.U32(2)), WitValue.List(), WitValue.List(WitValue.U32(3))));
        Add("fixed-u16", AbiType.FixedList(AbiType.U16, 3), WitValue.List(WitValue.U16(1), WitValue.U16(2), WitValue.U16(3)));
        Add("fixed-string", AbiType.FixedList(AbiType.String, 2), WitValue.List(WitValue.String("x"), WitValue.String("yz")));
        Add(
            "fixed-long",
            AbiType.FixedList(AbiType.U32, 20),
            WitValue.List(Enumerable.Range(0, 20).Select(i => WitValue.U32((uint)i * 7)).ToArray()));
        Add(
            "map-string-u32",
            AbiType.Map(AbiType.String, AbiType.U32),
            WitValue.Map((WitValue.String("k"), WitValue.U32(1)), (WitValue.String("a"), WitValue.U32(2)), (WitValue.String("k"), WitValue.U32(3))));
        Add("map-empty", AbiType.Map(AbiType.U8, AbiType.U64), WitValue.Map());
        Add(
            "map-char-list",
            AbiType.Map(AbiType.Char, AbiType.List(AbiType.U8)),
            WitValue.Map((WitValue.Char(new System.Text.Rune('é')), WitValue.List(WitValue.U8(1), WitValue.U8(2))), (WitValue.Char(new System.Text.Rune('z')), WitValue.List())));
        Add(
            "map-of-maps",
            AbiType.Map(AbiType.String, AbiType.Map(AbiType.Bool, AbiType.S64)),
            WitValue.Map((WitValue.String("x"), WitValue.Map((WitValue.Bool(true), WitValue.S64(-1)), (WitValue.Bool(false), WitValue.S64(long.MaxValue))))));

        var point = AbiType.Record(new AbiField("a", AbiType.U8), new AbiField("b", AbiType.U64), new AbiField("c", AbiType.String));
        Add("record", point, WitValue.Record(WitValue.U8(7), WitValue.U64(1UL << 40), WitValue.String("rec")));
        Add(
            "list-record",
            AbiType.List(point),
            WitValue.List(
                WitValue.Record(WitValue.U8(1), WitValue.U64(2), WitValue.String("one")),
                WitValue.Record(WitValue.U8(3), WitValue.U64(4), WitValue.String("two"))));
        Add("tuple", AbiType.Tuple(AbiType.Bool, AbiType.F32, AbiType.Char), WitValue.Tuple(WitValue.Bool(true), WitValue.F32(-2.5f), WitValue.Char(new Rune('Z'))));

        var variant = AbiType.Variant(
            new AbiCase("none"),
            new AbiCase("int", AbiType.U32),
            new AbiCase("text", AbiType.String),
            new AbiCase("real", AbiType.F64));
        Add("variant-none", variant, WitValue.Variant(0));
        Add("variant-int", variant, WitValue.Variant(1, WitValue.U32(42)));
        Add("variant-text", variant, WitValue.Variant(2, WitValue.String("payload")));
        Add("variant-real", variant, WitValue.Variant(3, WitValue.F64(-1e300)));

        var joined = AbiType.Variant(
            new AbiCase("f", AbiType.F32),
            new AbiCase("l", AbiType.U64),
            new AbiCase("s", AbiType.S8),
            new AbiCase("i", AbiType.S32));
        Add("join-f32-in-i64", joined, WitValue.Variant(0, WitValue.F32(3.25f)));
        Add("join-u64", joined, WitValue.Variant(1, WitValue.U64(0xDEAD_BEEF_CAFE_F00D)));
        Add("join-s8-in-i64", joined, WitValue.Variant(2, WitValue.S8(-5)));
        Add("join-s32-in-i64", joined, WitValue.Variant(3, WitValue.S32(int.MinValue)));
        var mixed = AbiType.Variant(
            new AbiCase("a", AbiType.Tuple(AbiType.F32, AbiType.U32)),
            new AbiCase("b", AbiType.Tuple(AbiType.U64, AbiType.F32)));
        Add("join-mixed-a", mixed, WitValue.Variant(0, WitValue.Tuple(WitValue.F32(0.5f), WitValue.U32(9))));
        Add("join-mixed-b", mixed, WitValue.Variant(1, WitValue.Tuple(WitValue.U64(ulong.MaxValue - 1), WitValue.F32(-8f))));

        Add("enum-first", AbiType.Enum(3), WitValue.Enum(0));
        Add("enum-last", AbiType.Enum(3), WitValue.Enum(2));
        Add("enum-wide", AbiType.Enum(300), WitValue.Enum(299));
        Add("enum-widest", AbiType.Enum(70000), WitValue.Enum(69999));
        Add("option-none", AbiType.Option(AbiType.String), WitValue.None);
        Add("option-some", AbiType.Option(AbiType.String), WitValue.Some(WitValue.String("some")));
        Add("option-nested-none", AbiType.Option(AbiType.Option(AbiType.U8)), WitValue.Some(WitValue.None));
        Add("option-nested-some", AbiType.Option(AbiType.Option(AbiType.U8)), WitValue.Some(WitValue.Some(WitValue.U8(0))));
        Add("result-ok", AbiType.Result(AbiType.U32, AbiType.String), WitValue.Ok(WitValue.U32(5)));
        Add("result-err", AbiType.Result(AbiType.U32, AbiType.String), WitValue.Err(WitValue.String("bad")));
        Add("result-empty-ok", AbiType.Result(null, null), WitValue.Ok());
        Add("result-empty-err", AbiType.Result(null, null), WitValue.Err());
        Add("result-err-no-payload", AbiType.Result(AbiType.String, null), WitValue.Err());
        Add("result-f32-f64", AbiType.Result(AbiType.F32, AbiType.F64), WitValue.Ok(WitValue.F32(7.5f)));

        Add("flags-0", AbiType.Flags(0), WitValue.Flags(0));
        Add("flags-5", AbiType.Flags(5), WitValue.Flags(5, 0, 4));
        Add("flags-8", AbiType.Flags(8), WitValue.Flags(8, 7));
        Add("flags-16", AbiType.Flags(16), WitValue.Flags(16, 0, 15));
        Add("flags-32", AbiType.Flags(32), WitValue.Flags(32, 1, 31));
        Add("flags-33", AbiType.Flags(33), WitValue.Flags(33, 0, 32));
        Add("flags-64", AbiType.Flags(64), WitValue.Flags(64, 31, 32, 63));
        Add("flags-65", AbiType.Flags(65), WitValue.Flags(65, 0, 33, 64));

        Add("own", AbiType.Own(ResourceKey), WitValue.Handle(ResourceA));
        Add("borrow", AbiType.Borrow(ResourceKey), WitValue.Handle(ResourceA));
        Add(
            "record-of-everything",
            AbiType.Record(
                new AbiField("handle", AbiType.Own(ResourceKey)),
                new AbiField("flags", AbiType.Flags(40)),
                new AbiField("maybe", AbiType.Option(AbiType.List(AbiType.Tuple(AbiType.String, AbiType.Char)))),
                new AbiField("either", AbiType.Result(AbiType.F64, AbiType.Enum(4)))),
            WitValue.Record(
                WitValue.Handle(ResourceA),
                WitValue.Flags(40, 3, 39),
                WitValue.Some(WitValue.List(WitValue.Tuple(WitValue.String("k"), WitValue.Char(new Rune('v'))))),
                WitValue.Err(WitValue.Enum(3))));
        return samples;
    }
}
