using WitBindgen.Cli.Wave;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary>The WAVE reader and writer (in process): every type family, escapes, round trips and located errors.</summary>
public sealed class WaveTests
{
    private static readonly WaveType U8 = new WavePrimitive(WavePrimitiveKind.U8);
    private static readonly WaveType S32 = new WavePrimitive(WavePrimitiveKind.S32);
    private static readonly WaveType U32 = new WavePrimitive(WavePrimitiveKind.U32);
    private static readonly WaveType S64 = new WavePrimitive(WavePrimitiveKind.S64);
    private static readonly WaveType U64 = new WavePrimitive(WavePrimitiveKind.U64);
    private static readonly WaveType F32 = new WavePrimitive(WavePrimitiveKind.F32);
    private static readonly WaveType F64 = new WavePrimitive(WavePrimitiveKind.F64);
    private static readonly WaveType Bool = new WavePrimitive(WavePrimitiveKind.Bool);
    private static readonly WaveType Char = new WavePrimitive(WavePrimitiveKind.Char);
    private static readonly WaveType String = new WavePrimitive(WavePrimitiveKind.String);
    private static readonly WaveType Point = new WaveRecord([new("x", S32), new("y", S32)]);
    private static readonly WaveType Shape = new WaveVariant([new("circle", F32), new("rect", Point), new("empty", null), new("none", null)]);
    private static readonly WaveType Color = new WaveEnum(["red", "green", "blue"]);
    private static readonly WaveType Perms = new WaveFlags(["read", "write", "exec"]);

    private static readonly Dictionary<string, WaveType> Types = new()
    {
        ["Bool"] = Bool, ["U8"] = U8, ["S32"] = S32, ["U64"] = U64, ["S64"] = S64, ["F32"] = F32, ["F64"] = F64,
        ["Char"] = Char, ["String"] = String, ["Point"] = Point, ["Shape"] = Shape, ["Color"] = Color, ["Perms"] = Perms,
        ["list<u32>"] = new WaveList(U32), ["list<list<u8>>"] = new WaveList(new WaveList(U8)),
        ["tuple<string, u32>"] = new WaveTuple([String, U32]), ["option<u32>"] = new WaveOption(U32),
        ["option<option<u32>>"] = new WaveOption(new WaveOption(U32)), ["result<s32, string>"] = new WaveResult(S32, String),
        ["result"] = new WaveResult(null, null), ["result<u8>"] = new WaveResult(U8, null),
    };

    public static TheoryData<string, string, WitValue> Values => new()
    {
        { "true", "Bool", WitValue.Bool(true) },
        { "false", "Bool", WitValue.Bool(false) },
        { "255", "U8", WitValue.U8(255) },
        { "-2147483648", "S32", WitValue.S32(int.MinValue) },
        { "18446744073709551615", "U64", WitValue.U64(ulong.MaxValue) },
        { "-9223372036854775808", "S64", WitValue.S64(long.MinValue) },
        { "1.5", "F64", WitValue.F64(1.5) },
        { "-0.25", "F32", WitValue.F32(-0.25f) },
        { "6.022e+23", "F64", WitValue.F64(6.022e23) },
        { "1e-7", "F64", WitValue.F64(1e-7) },
        { "inf", "F64", WitValue.F64(double.PositiveInfinity) },
        { "-inf", "F32", WitValue.F32(float.NegativeInfinity) },
        { "'x'", "Char", WitValue.Char(new System.Text.Rune('x')) },
        { "'\\''", "Char", WitValue.Char(new System.Text.Rune('\'')) },
        { "'☃'", "Char", WitValue.Char(new System.Text.Rune('☃')) },
        { "'😀'", "Char", WitValue.Char(new System.Text.Rune(0x1F600)) },
        { "'\\u{0}'", "Char", WitValue.Char(new System.Text.Rune(0)) },
        { "\"abc\\t123\"", "String", WitValue.String("abc\t123") },
        { "\"quote \\\" back \\\\ nl \\n cr \\r ' \"", "String", WitValue.String("quote \" back \\ nl \n cr \r ' ") },
        { "\"😀\"", "String", WitValue.String("😀") },
        { "\"\\u{1}\"", "String", WitValue.String("\u0001") },
        { "[1, 2, 3]", "list<u32>", WitValue.List(WitValue.U32(1), WitValue.U32(2), WitValue.U32(3)) },
        { "[]", "list<u32>", WitValue.List() },
        { "[[1], []]", "list<list<u8>>", WitValue.List(WitValue.List(WitValue.U8(1)), WitValue.List()) },
        { "(\"abc\", 123)", "tuple<string, u32>", WitValue.Tuple(WitValue.String("abc"), WitValue.U32(123)) },
        { "{x: 1, y: -2}", "Point", WitValue.Record(WitValue.S32(1), WitValue.S32(-2)) },
        { "circle(1.5)", "Shape", WitValue.Variant(0, WitValue.F32(1.5f)) },
        { "rect({x: 2, y: 3})", "Shape", WitValue.Variant(1, WitValue.Record(WitValue.S32(2), WitValue.S32(3))) },
        { "empty", "Shape", WitValue.Variant(2) },
        { "%none", "Shape", WitValue.Variant(3) },
        { "green", "Color", WitValue.Enum(1) },
        { "some(7)", "option<u32>", WitValue.Some(WitValue.U32(7)) },
        { "none", "option<u32>", WitValue.None },
        { "some(none)", "option<option<u32>>", WitValue.Some(WitValue.None) },
        { "ok(1)", "result<s32, string>", WitValue.Ok(WitValue.S32(1)) },
        { "err(\"oops\")", "result<s32, string>", WitValue.Err(WitValue.String("oops")) },
        { "ok", "result", WitValue.Ok() },
        { "err", "result<u8>", WitValue.Err() },
        { "{read, exec}", "Perms", WitValue.Flags(3, 0, 2) },
        { "{}", "Perms", WitValue.Flags(3) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_type_family_reads_and_writes_back_the_same_text(string text, string typeName, WitValue expected)
    {
        var type = Types[typeName];
        var value = WaveParser.Parse(text, type);
        Assert.Equal(expected, value);
        Assert.Equal(text, WavePrinter.Print(value, type));
    }

    [Theory]
    [InlineData(" { y : 2 ,x:1 , } ", "{x: 1, y: 2}")]
    [InlineData("[1,2,]", "[1, 2]")]
    [InlineData("7", "some(7)")]
    [InlineData("// the value\n 7 // done", "some(7)")]
    public void Whitespace_comments_trailing_commas_field_order_and_flat_some_are_accepted(string text, string printed)
    {
        var type = text.Contains('{') ? Point : text.Contains('[') ? new WaveList(U32) : new WaveOption(U32);
        Assert.Equal(printed, WavePrinter.Print(WaveParser.Parse(text, type), type));
    }

    [Fact]
    public void Unicode_escapes_read_as_the_scalar_value_and_are_written_as_the_character()
    {
        var value = WaveParser.Parse("\"\\u{1f600}\\u{41}\"", String);
        Assert.Equal(WitValue.String("😀A"), value);
        Assert.Equal("\"😀A\"", WavePrinter.Print(value, String));
    }

    [Fact]
    public void A_flat_ok_is_the_ok_payload()
    {
        var type = new WaveResult(String, U8);
        Assert.Equal(WitValue.Ok(WitValue.String("flat ok")), WaveParser.Parse("\"flat ok\"", type));
    }

    [Fact]
    public void Option_fields_may_be_left_out_of_a_record()
    {
        var type = new WaveRecord([new("name", String), new("age", new WaveOption(U8))]);
        var value = WaveParser.Parse("{name: \"x\"}", type);
        Assert.Equal(WitValue.Record(WitValue.String("x"), WitValue.None), value);
        Assert.Equal("{name: \"x\", age: none}", WavePrinter.Print(value, type));
    }

    [Fact]
    public void A_multiline_string_drops_the_closing_indentation()
    {
        var text = "\"\"\"\n    one\n      two \"quoted\"\n    \"\"\"";
        Assert.Equal(WitValue.String("one\n  two \"quoted\""), WaveParser.Parse(text, String));
    }

    [Theory]
    [InlineData(double.NaN, "nan")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e-5, "1e-5")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.1, "0.1")]
    public void Floats_are_written_in_shortest_round_trip_form(double value, string expected)
    {
        var text = WavePrinter.Print(WitValue.F64(value), F64);
        Assert.Equal(expected, text);
        var back = WaveParser.Parse(text, F64).AsF64();
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? double.NaN : value), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public void Control_characters_and_keyword_cases_are_escaped_when_written()
    {
        Assert.Equal("\"a\\u{7}b\\u{7f}\"", WavePrinter.Print(WitValue.String("a\u0007b\u007f"), String));
        Assert.Equal("'\"'", WavePrinter.Print(WitValue.Char(new System.Text.Rune('"')), Char));
        Assert.Equal("%none", WavePrinter.Print(WitValue.Variant(3), Shape));
    }

    [Theory]
    [InlineData("256", "u8", 1, "out of range")]
    [InlineData("-1", "u8", 1, "out of range")]
    [InlineData("1.5", "u8", 1, "expected an integer")]
    [InlineData("007", "u8", 1, "leading zeros")]
    [InlineData("{x: 1}", "point", 6, "field `y` is missing")]
    [InlineData("{x: 1, z: 2}", "point", 8, "no field `z`")]
    [InlineData("{x: 1, x: 2}", "point", 8, "given twice")]
    [InlineData("{x: 1 y: 2}", "point", 7, "expected `}`")]
    [InlineData("purple", "color", 1, "not a case")]
    [InlineData("rect", "shape", 5, "needs a payload")]
    [InlineData("empty(1)", "shape", 6, "has no payload")]
    [InlineData("none", "shape", 1, "`none` is a keyword")]
    [InlineData("{read, read}", "perms", 8, "given twice")]
    [InlineData("\"abc", "string", 1, "not closed")]
    [InlineData("\"a\\qb\"", "string", 3, "unknown escape")]
    [InlineData("'ab'", "char", 1, "exactly one")]
    [InlineData("\"\\u{d800}\"", "string", 2, "not a Unicode scalar value")]
    [InlineData("[1, 2", "list", 6, "expected `]`")]
    [InlineData("true false", "bool", 6, "after the value")]
    [InlineData("some(1", "option", 7, "expected `)`")]
    public void Errors_name_the_column_where_the_text_goes_wrong(string text, string typeName, int column, string reason)
    {
        var type = typeName switch
        {
            "u8" => U8,
            "point" => Point,
            "color" => Color,
            "shape" => Shape,
            "perms" => Perms,
            "string" => String,
            "char" => Char,
            "list" => new WaveList(U32),
            "bool" => Bool,
            _ => new WaveOption(U32),
        };
        var error = Assert.Throws<WaveSyntaxException>(() => WaveParser.Parse(text, type));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void An_argument_list_is_checked_against_the_parameter_count()
    {
        var values = WaveParser.ParseArguments("add(1, 2)", 3, [U32, U32]);
        Assert.Equal([WitValue.U32(1), WitValue.U32(2)], values);
        var error = Assert.Throws<WaveSyntaxException>(() => WaveParser.ParseArguments("add(1)", 3, [U32, U32]));
        Assert.Equal(6, error.Column);
        Assert.Contains("expected 2 arguments", error.Reason, StringComparison.Ordinal);
        Assert.Throws<WaveSyntaxException>(() => WaveParser.ParseArguments("add(1, 2, 3)", 3, [U32, U32]));
    }

    [Fact]
    public void Resource_handles_cannot_be_written()
    {
        var error = Assert.Throws<WaveSyntaxException>(() => WaveParser.Parse("1", new WaveHandle("counter", Own: true)));
        Assert.Contains("resource", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_text_either_parses_or_is_a_located_error()
    {
        var random = new Random(19);
        var samples = Values.Select(row => ((string)row[0], Types[(string)row[1]])).ToList();
        const string alphabet = "{}[]()'\",:%\\-._ 0123456789aefinosu\n/";
        for (var i = 0; i < 5000; i++)
        {
            var (text, type) = samples[random.Next(samples.Count)];
            var chars = text.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when chars.Count > 0 && at < chars.Count:
                        chars.RemoveAt(at);
                        break;
                    case 1:
                        chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        chars = chars.Take(at).ToList();
                        break;
                }
            }

            var mutated = new string([.. chars]);
            try
            {
                var value = WaveParser.Parse(mutated, type);
                Assert.Equal(value, WaveParser.Parse(WavePrinter.Print(value, type), type));
            }
            catch (WaveSyntaxException e)
            {
                Assert.InRange(e.Column, 1, mutated.Length + 1);
            }
        }
    }
}
