using WitBindgen.Generator.Specs;
using WitBindgen.Generator.Tests.Infrastructure;
using WitBindgen.Runtime.Abi;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Model;
using Xunit;

namespace WitBindgen.Generator.Tests.Layout;

/// <summary>
/// Layouts worked out by hand from CanonicalABI.md, checked on both the generator's shapes and the runtime's
/// descriptors, so the shared rules are not only compared with themselves.
/// </summary>
public class HandDerivedLayoutTests
{
    private const string Text = """
        package test:layout;

        interface types {
            record mixed { a: u8, b: u64, c: u16 }
            variant wide { WIDE_CASES }
            variant wide-payload { WIDE_CASES, last(u8) }
            flags many { MANY_FLAGS }
            variant floats { a(f32), b(u32) }
            variant widths { a(f32), b(u64) }
            record nested { x: option<f64>, y: result<u64, f32>, z: list<u8, 3> }
            use-all: func(m: mixed, w: wide, wp: wide-payload, f: many, fl: floats, wd: widths, n: nested);
        }
        """;

    private static readonly string WitText = Text
        .Replace("WIDE_CASES", string.Join(", ", Enumerable.Range(0, 257).Select(i => $"c{i}")), StringComparison.Ordinal)
        .Replace("MANY_FLAGS", string.Join(", ", Enumerable.Range(0, 33).Select(i => $"flag{i}")), StringComparison.Ordinal);

    public static TheoryData<string, int, int, string> Expected => new()
    {
        // u8 at 0, u64 aligned to 8, u16 at 16; 18 bytes rounded up to the alignment 8.
        { "mixed", 24, 8, "I32 I64 I32" },
        // 257 cases need a u16 discriminant; no payloads.
        { "wide", 2, 2, "I32" },
        // u16 discriminant, u8 payload at 2, 3 bytes rounded up to 2.
        { "wide-payload", 4, 2, "I32 I32" },
        // 33 flags: two 32-bit words, two i32s.
        { "many", 8, 4, "I32 I32" },
        // join(f32, i32) = i32.
        { "floats", 8, 4, "I32 I32" },
        // join(f32, i64) = i64; the u64 payload aligns the variant to 8.
        { "widths", 16, 8, "I32 I64" },
        // option<f64>: 16 bytes aligned 8 at 0; result<u64, f32>: 16 bytes at 16 (flat i32 i64); list<u8, 3>: 3 bytes at 32.
        { "nested", 40, 8, "I32 F64 I32 I64 I32 I32 I32" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Generator_and_runtime_both_give_the_hand_derived_layout(string name, int size, int alignment, string flat)
    {
        var (shape, abi) = Both(name);
        Assert.Equal((size, alignment, flat), (shape.Size, shape.Align, string.Join(" ", shape.Flat)));
        Assert.Equal((size, alignment, flat), (abi.Size, abi.Alignment, string.Join(" ", abi.FlatTypes.ToArray())));
    }

    [Fact]
    public void Record_fields_sit_at_the_hand_derived_offsets()
    {
        var (shape, abi) = Both("mixed");
        Assert.Equal(new[] { 0, 8, 16 }, shape.Members.Select(m => m.Offset));
        Assert.Equal(new[] { 0, 8, 16 }, ((AbiRecordType)abi).FieldOffsets.ToArray());

        var (nested, nestedAbi) = Both("nested");
        Assert.Equal(new[] { 0, 16, 32 }, nested.Members.Select(m => m.Offset));
        Assert.Equal(new[] { 0, 16, 32 }, ((AbiRecordType)nestedAbi).FieldOffsets.ToArray());
        Assert.Equal(8, nested.Members[0].Shape!.PayloadOffset);
    }

    [Fact]
    public void A_variant_of_257_cases_has_a_u16_discriminant()
    {
        var (shape, abi) = Both("wide-payload");
        Assert.Equal(2, ((AbiVariantType)abi).DiscriminantSize);
        Assert.Equal(2, ((AbiVariantType)abi).PayloadOffset);
        Assert.Equal(2, shape.PayloadOffset);
        Assert.Equal(258, shape.Count);
    }

    [Fact]
    public void Types_the_runtime_refuses_as_too_large_are_not_bound()
    {
        // Component validation bounds elem_size below 2^28; the runtime refuses larger descriptors, so bindings that
        // built one would fail when first used. The generator reports such functions instead (it used to bind them).
        const string text = """
            package test:large;

            world large {
                record halves { a: list<u8, 200000000>, b: list<u8, 200000000> }
                import whole: func(x: list<u8, 300000000>);
                import split: func(x: halves);
                import fine: func(x: list<u8, 200000000>);
            }
            """;
        Assert.Throws<ArgumentException>(() => AbiType.FixedList(AbiType.U8, 300_000_000));
        Assert.Throws<ArgumentException>(() => AbiType.Record(
            new AbiField("a", AbiType.FixedList(AbiType.U8, 200_000_000)),
            new AbiField("b", AbiType.FixedList(AbiType.U8, 200_000_000))));

        var result = GeneratorHarness.Run(new[] { new WitSource("/large.wit", text) }, withRuntime: true);
        Assert.Null(result.Exception);
        var reported = result.Diagnostics.Where(d => d.Id == "WIT0004").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, reported.Count);
        Assert.Contains(reported, m => m.Contains("'whole'", StringComparison.Ordinal) && m.Contains("2^28", StringComparison.Ordinal));
        Assert.Contains(reported, m => m.Contains("'split'", StringComparison.Ordinal) && m.Contains("2^28", StringComparison.Ordinal));
        Assert.DoesNotContain(reported, m => m.Contains("'fine'", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_records_and_flags_are_not_bound()
    {
        // The WIT parser accepts them, but no component can hold them: the runtime has no descriptor for an empty
        // record, and an empty flags result flattens to nothing, which the generator took for a spilled result.
        const string text = """
            package test:empty;

            world empty {
                record nothing {}
                flags no-flags {}
                import takes: func(x: nothing);
                import gives: func() -> no-flags;
                import fine: func(x: u8);
            }
            """;
        Assert.Throws<ArgumentException>(() => AbiType.Record());

        var result = GeneratorHarness.Run(new[] { new WitSource("/empty.wit", text) }, withRuntime: true);
        Assert.Null(result.Exception);
        var reported = result.Diagnostics.Where(d => d.Id == "WIT0004").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, reported.Count);
        Assert.Contains(reported, m => m.Contains("'takes'", StringComparison.Ordinal) && m.Contains("no fields", StringComparison.Ordinal));
        Assert.Contains(reported, m => m.Contains("'gives'", StringComparison.Ordinal) && m.Contains("no flags", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(result, withRuntime: true));
    }

    private static (ShapeSpec Shape, AbiType Abi) Both(string name)
    {
        var result = Wit.Parse("/layout.wit", WitText);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var resolve = result.Resolve!;
        var type = WitType.Of(resolve.Interfaces.Single(i => i.Name == "types").Types[name]);
        var unit = new WitUnit(null, new[] { new WitInputFile("/layout.wit", WitText, null, null, null, null) }.ToEquatableArray(), null, null, null);
        var shape = new SpecBuilder(resolve, result.MainPackage!.Value, unit, CancellationToken.None, bindings: true).Shape(type);
        return (Assert.IsType<ShapeSpec>(shape), new RuntimeAbiTypes(resolve).Of(type)!);
    }
}
