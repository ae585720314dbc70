using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>The calls the harness makes, one or more per function of <c>guest-harness.wit</c>: every type family.</summary>
public static class HarnessCases
{
    private const string Api = "test:guest/api";
    private const string ApiImports = "Test.Guest.Api.ApiImports";

    private static readonly AbiRecordType Point = AbiType.Record(new AbiField("x", AbiType.S32), new AbiField("y", AbiType.F64), new AbiField("label", AbiType.String));
    private static readonly AbiVariantType Shape = AbiType.Variant(new AbiCase("empty"), new AbiCase("circle", AbiType.F32), new AbiCase("named", AbiType.String), new AbiCase("pair", AbiType.Tuple(AbiType.U8, AbiType.S64)));
    private static readonly AbiTupleType Triple = AbiType.Tuple(AbiType.U16, AbiType.String, AbiType.Char);
    private static readonly AbiResultType PointOrText = AbiType.Result(Point, AbiType.String);

    private static WitValue S(string text) => WitValue.String(text);

    private static WitValue P(int x, double y, string label) => WitValue.Record(WitValue.S32(x), WitValue.F64(y), S(label));

    private static GuestCase Echo(string name, string method, AbiType type, WitValue argument, string guestArgument, WitValue result, string guestResult) =>
        new(Api, name, new[] { type }, type, new[] { argument }, new[] { guestArgument }, result, guestResult, ApiImports, method);

    /// <summary>Every call.</summary>
    public static IReadOnlyList<GuestCase> All { get; } = new[]
    {
        new GuestCase(
            Api, "scalars",
            new AbiType[] { AbiType.Bool, AbiType.S8, AbiType.U8, AbiType.S16, AbiType.U16, AbiType.S32, AbiType.U32, AbiType.S64, AbiType.U64, AbiType.F32, AbiType.F64, AbiType.Char },
            AbiType.F64,
            new[] { WitValue.Bool(true), WitValue.S8(-5), WitValue.U8(250), WitValue.S16(-30000), WitValue.U16(65000), WitValue.S32(int.MinValue + 1), WitValue.U32(uint.MaxValue), WitValue.S64(long.MinValue), WitValue.U64(ulong.MaxValue), WitValue.F32(1.5f), WitValue.F64(-2.25), WitValue.Char(new Rune(0x20AC)) },
            new[] { "true", "(sbyte)-5", "(byte)250", "(short)-30000", "(ushort)65000", "-2147483647", "4294967295u", "long.MinValue", "ulong.MaxValue", "1.5f", "-2.25", "new global::System.Text.Rune(0x20AC)" },
            WitValue.F64(3.75), "3.75", ApiImports, "Scalars"),
        Echo("echo-string", "EchoString", AbiType.String, S("héllo, wörld ✓ 😀"), "\"héllo, wörld ✓ 😀\"", S("ünïcødé 🎉"), "\"ünïcødé 🎉\""),
        Echo("echo-string", "EchoString", AbiType.String, S(""), "\"\"", S("x"), "\"x\""),
        Echo("echo-list", "EchoList", AbiType.List(AbiType.U32), WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(uint.MaxValue)), "new uint[] { 1, 2, uint.MaxValue }", WitValue.List(WitValue.U32(7)), "new uint[] { 7 }"),
        Echo("echo-bytes", "EchoBytes", AbiType.List(AbiType.U8), WitValue.List(WitValue.U8(0), WitValue.U8(255), WitValue.U8(7)), "new byte[] { 0, 255, 7 }", WitValue.List(), "new byte[0]"),
        Echo("echo-strings", "EchoStrings", AbiType.List(AbiType.List(AbiType.String)),
            WitValue.List(WitValue.List(S("a"), S("bé")), WitValue.List()), "new string[][] { new[] { \"a\", \"bé\" }, new string[0] }",
            WitValue.List(WitValue.List(S("")), WitValue.List(S("x"), S("yz"))), "new string[][] { new[] { \"\" }, new[] { \"x\", \"yz\" } }"),
        Echo("echo-point", "EchoPoint", Point, P(-3, 0.5, "p"), "new T.Point(-3, 0.5, \"p\")", P(7, -1e10, "q"), "new T.Point(7, -1e10, \"q\")"),
        Echo("echo-tuple", "EchoTuple", Triple,
            WitValue.Tuple(WitValue.U16(65535), S("t"), WitValue.Char(new Rune('Z'))), "((ushort)65535, \"t\", new global::System.Text.Rune('Z'))",
            WitValue.Tuple(WitValue.U16(1), S(""), WitValue.Char(new Rune(0x1F600))), "((ushort)1, \"\", new global::System.Text.Rune(0x1F600))"),
        Echo("echo-shape", "EchoShape", Shape, WitValue.Variant(1, WitValue.F32(2.5f)), "new T.Shape.Circle(2.5f)", WitValue.Variant(3, WitValue.Tuple(WitValue.U8(9), WitValue.S64(-1))), "new T.Shape.Pair(((byte)9, -1L))"),
        Echo("echo-shape", "EchoShape", Shape, WitValue.Variant(2, S("n")), "new T.Shape.Named(\"n\")", WitValue.Variant(0), "new T.Shape.Empty()"),
        Echo("echo-shapes", "EchoShapes", AbiType.List(Shape),
            WitValue.List(WitValue.Variant(2, S("a")), WitValue.Variant(0), WitValue.Variant(1, WitValue.F32(-1f)), WitValue.Variant(3, WitValue.Tuple(WitValue.U8(1), WitValue.S64(long.MaxValue)))),
            "new T.Shape[] { new T.Shape.Named(\"a\"), new T.Shape.Empty(), new T.Shape.Circle(-1f), new T.Shape.Pair(((byte)1, long.MaxValue)) }",
            WitValue.List(WitValue.Variant(2, S("zz"))), "new T.Shape[] { new T.Shape.Named(\"zz\") }"),
        Echo("echo-color", "EchoColor", AbiType.Enum(3), WitValue.Enum(2), "T.Color.Blue", WitValue.Enum(1), "T.Color.Green"),
        Echo("echo-perms", "EchoPerms", AbiType.Flags(3), WitValue.Flags(3, 0, 2), "T.Perms.Read | T.Perms.Exec", WitValue.Flags(3, 1), "T.Perms.Write"),
        Echo("echo-wide", "EchoWide", AbiType.Flags(40), WitValue.Flags(40, 0, 33, 39), "T.Wide.W0 | T.Wide.W33 | T.Wide.W39", WitValue.Flags(40, 31, 32), "T.Wide.W31 | T.Wide.W32"),
        Echo("echo-huge", "EchoHuge", AbiType.Flags(70), WitValue.Flags(70, 0, 63, 64, 69), "new T.Huge(1UL | (1UL << 63), 1UL | (1UL << 5))", WitValue.Flags(70, 1, 40), "new T.Huge(2UL | (1UL << 40), 0UL)"),
        Echo("echo-option", "EchoOption", AbiType.Option(AbiType.String), WitValue.Some(S("s")), "\"s\"", WitValue.None, "(string?)null"),
        Echo("echo-option", "EchoOption", AbiType.Option(AbiType.String), WitValue.None, "(string?)null", WitValue.Some(S("")), "\"\""),
        Echo("echo-nested", "EchoNested", AbiType.Option(AbiType.Option(AbiType.U32)), WitValue.Some(WitValue.None), "G.Option<uint?>.Some(null)", WitValue.Some(WitValue.Some(WitValue.U32(5))), "G.Option<uint?>.Some(5u)"),
        Echo("echo-nested", "EchoNested", AbiType.Option(AbiType.Option(AbiType.U32)), WitValue.None, "G.Option<uint?>.None", WitValue.Some(WitValue.None), "G.Option<uint?>.Some(null)"),
        Echo("echo-result", "EchoResult", PointOrText, WitValue.Ok(P(1, 2, "ok")), "G.Result<T.Point, string>.FromOk(new T.Point(1, 2, \"ok\"))", WitValue.Err(S("bad")), "G.Result<T.Point, string>.FromErr(\"bad\")"),
        Echo("echo-result", "EchoResult", PointOrText, WitValue.Err(S("e")), "G.Result<T.Point, string>.FromErr(\"e\")", WitValue.Ok(P(int.MaxValue, double.Epsilon, "")), "G.Result<T.Point, string>.FromOk(new T.Point(int.MaxValue, double.Epsilon, \"\"))"),
        Echo("echo-bare", "EchoBare", AbiType.Result(null, null), WitValue.Ok(), "G.Result<G.Unit, G.Unit>.FromOk(default)", WitValue.Err(), "G.Result<G.Unit, G.Unit>.FromErr(default)"),
        Echo("echo-map", "EchoMap", AbiType.Map(AbiType.String, AbiType.U32),
            WitValue.Map((S("a"), WitValue.U32(1)), (S("bé"), WitValue.U32(uint.MaxValue))), "new global::System.Collections.Generic.Dictionary<string, uint> { [\"a\"] = 1, [\"bé\"] = uint.MaxValue }",
            WitValue.Map((S("z"), WitValue.U32(26))), "new global::System.Collections.Generic.Dictionary<string, uint> { [\"z\"] = 26 }"),
        Echo("echo-map", "EchoMap", AbiType.Map(AbiType.String, AbiType.U32), WitValue.Map(), "new global::System.Collections.Generic.Dictionary<string, uint>()", WitValue.Map(), "new global::System.Collections.Generic.Dictionary<string, uint>()"),
        Echo("echo-fixed", "EchoFixed", AbiType.FixedList(AbiType.U32, 4),
            WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(3), WitValue.U32(uint.MaxValue)), "new uint[] { 1, 2, 3, uint.MaxValue }",
            WitValue.List(WitValue.U32(9), WitValue.U32(8), WitValue.U32(7), WitValue.U32(0)), "new uint[] { 9, 8, 7, 0 }"),
        Echo("echo-fixed-strings", "EchoFixedStrings", AbiType.FixedList(AbiType.String, 2),
            WitValue.List(S("x"), S("ÿé")), "new[] { \"x\", \"ÿé\" }", WitValue.List(S(""), S("long string ✓")), "new[] { \"\", \"long string ✓\" }"),
        new GuestCase(
            Api, "spill",
            Enumerable.Repeat<AbiType>(AbiType.String, 8).Append(AbiType.U32).ToArray(), AbiType.U32,
            "abcdefgh".Select(c => S(new string(c, c - 'a' + 1))).Append(WitValue.U32(99)).ToArray(),
            "abcdefgh".Select(c => "\"" + new string(c, c - 'a' + 1) + "\"").Append("99u").ToArray(),
            WitValue.U32(12345), "12345u", ApiImports, "Spill"),
        new GuestCase(Api, "count", Array.Empty<AbiType>(), AbiType.U32, Array.Empty<WitValue>(), Array.Empty<string>(), WitValue.U32(42), "42u", ApiImports, "Count"),
        new GuestCase(Api, "nothing", Array.Empty<AbiType>(), null, Array.Empty<WitValue>(), Array.Empty<string>(), null, null, ApiImports, "Nothing"),
        new GuestCase("$root", "run", new AbiType[] { AbiType.String }, AbiType.String, new[] { S("in") }, new[] { "\"in\"" }, S("out"), "\"out\"", "Test.Guest.Harness.HarnessImports", "Run"),
    };

    /// <summary>The world's own import (exports have <c>run</c>, imports <c>log</c>).</summary>
    public static GuestCase Log { get; } = new("$root", "log", new AbiType[] { AbiType.String }, null, new[] { S("logged ✓") }, new[] { "\"logged ✓\"" }, null, null, "Test.Guest.Harness.HarnessImports", "Log");

    /// <summary>The C# source of the expected guest-side values: <c>Harness.Expected.Args{k}</c> and <c>Result{k}</c>.</summary>
    public static string ExpectedSource(IReadOnlyList<GuestCase> cases)
    {
        var sb = new StringBuilder();
        sb.Append("#nullable enable\nnamespace Harness\n{\n    using T = global::Test.Guest.Types;\n    using G = global::WitBindgen.Guest;\n\n    public static class Expected\n    {\n");
        for (var k = 0; k < cases.Count; k++)
        {
            sb.Append($"        public static readonly object?[] Args{k} = new object?[] {{ {string.Join(", ", cases[k].GuestArguments)} }};\n");
            sb.Append($"        public static readonly object? Result{k} = {cases[k].GuestResult ?? "null"};\n");
        }

        sb.Append("    }\n}\n");
        return sb.ToString();
    }
}
