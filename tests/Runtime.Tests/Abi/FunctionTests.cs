using System.Buffers.Binary;
using System.Text;
using WitBindgen.Runtime.Abi;
using Xunit;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>
/// Whole calls in both directions. Lowering export arguments produces exactly what a guest would pass to a host
/// import of the same type, so lowering with one and lifting with the other must round-trip.
/// </summary>
public class FunctionTests
{
    [Fact]
    public void Flat_arguments_round_trip()
    {
        var function = new AbiFunctionType(
            [AbiType.U32, AbiType.String, AbiType.F64, AbiType.Option(AbiType.Char)],
            [AbiType.U64]);
        WitValue[] arguments = [WitValue.U32(7), WitValue.String("hé"), WitValue.F64(2.5), WitValue.Some(WitValue.Char(new Rune('q')))];
        var memory = new TestMemory();
        var cx = memory.Context();
        var core = new RawValue[8];

        var count = CanonicalAbi.LowerExportArguments(cx, function, arguments, core);

        Assert.Equal(6, count);
        Assert.Equal(new[] { I32, I32, I32, F64, I32, I32 }, function.LiftSignature.Parameters.ToArray());
        Assert.Equal(7u, core[0].U32);
        Assert.Equal("hé", Encoding.UTF8.GetString(memory.Read(core[1].U32, (int)core[2].U32)));
        Assert.Equal(2.5, core[3].F64);
        Assert.Equal((1, 'q'), (core[4].I32, (char)core[5].I32));
        Assert.Equal(arguments, CanonicalAbi.LiftImportArguments(cx, function, core.AsSpan(0, count)));
    }

    [Fact]
    public void Seventeen_parameters_are_spilled_into_a_realloc_buffer()
    {
        var function = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.U32, 17), []);
        var arguments = Enumerable.Range(0, 17).Select(i => WitValue.U32((uint)(i * 1000))).ToArray();
        var memory = new TestMemory();
        var cx = memory.Context();
        var core = new RawValue[1];

        Assert.Equal(1, CanonicalAbi.LowerExportArguments(cx, function, arguments, core));

        var call = Assert.Single(memory.Calls);
        Assert.Equal((0u, 0u, 4u, 68u), (call.OriginalPointer, call.OriginalSize, call.Alignment, call.NewSize));
        Assert.Equal(call.Result, core[0].U32);
        var bytes = memory.Read(core[0].U32, 68);
        for (var i = 0; i < 17; i++)
        {
            Assert.Equal((uint)(i * 1000), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i)));
        }

        Assert.Equal(arguments, CanonicalAbi.LiftImportArguments(cx, function, core));
    }

    [Fact]
    public void Spilled_parameters_with_strings_and_mixed_alignment_round_trip_through_moving_memory()
    {
        AbiType[] parameters = [AbiType.U8, AbiType.U64, AbiType.String, AbiType.List(AbiType.U16), AbiType.Tuple(AbiType.F32, AbiType.F64), .. Enumerable.Repeat<AbiType>(AbiType.String, 6)];
        var function = new AbiFunctionType(parameters, [AbiType.Bool]);
        Assert.True(function.ParametersSpilled);
        Assert.Equal(8, function.ParameterTuple!.Alignment);
        WitValue[] arguments =
        [
            WitValue.U8(200), WitValue.U64(ulong.MaxValue), WitValue.String("spilled 😀"),
            WitValue.List(WitValue.U16(1), WitValue.U16(65535)), WitValue.Tuple(WitValue.F32(1), WitValue.F64(-1)),
            .. Enumerable.Range(0, 6).Select(i => WitValue.String(new string('é', i))),
        ];
        var memory = new TestMemory { MoveOnRealloc = true };
        var cx = memory.Context(StringEncoding.Latin1Utf16);
        var core = new RawValue[1];

        CanonicalAbi.LowerExportArguments(cx, function, arguments, core);

        // The tuple is allocated first, then each string and list while storing it.
        Assert.Equal((8u, (uint)function.ParameterTuple.Size), (memory.Calls[0].Alignment, memory.Calls[0].NewSize));
        Assert.Equal(arguments, CanonicalAbi.LiftImportArguments(cx, function, core));
        Assert.True(memory.GuardsIntact());
    }

    [Fact]
    public void Single_flat_result_round_trips()
    {
        var function = new AbiFunctionType([], [AbiType.S64]);
        var cx = new TestMemory().Context();
        var core = new RawValue[1];
        Assert.Equal(1, CanonicalAbi.LowerImportResults(cx, function, [WitValue.S64(-9)], [], core));
        Assert.Equal(-9L, core[0].I64);
        Assert.Equal([WitValue.S64(-9)], CanonicalAbi.LiftExportResults(cx, function, core));
    }

    [Fact]
    public void Spilled_result_is_written_to_the_guests_return_pointer_and_read_back()
    {
        var function = new AbiFunctionType([AbiType.U32], [AbiType.String]);
        var memory = new TestMemory();
        var cx = memory.Context(StringEncoding.Utf16);
        var returnArea = memory.Realloc(0, 0, 4, 8);
        memory.Calls.Clear();

        var written = CanonicalAbi.LowerImportResults(cx, function, [WitValue.String("result")], [RawValue.FromU32(5), RawValue.FromU32(returnArea)], []);

        Assert.Equal(0, written);
        var pointer = BinaryPrimitives.ReadUInt32LittleEndian(memory.Read(returnArea, 4));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(memory.Read(returnArea + 4, 4)));
        Assert.Equal(Encoding.Unicode.GetBytes("result"), memory.Read(pointer, 12));
        Assert.Equal([WitValue.String("result")], CanonicalAbi.LiftExportResults(cx, function, [RawValue.FromU32(returnArea)]));
    }

    [Fact]
    public void Multi_value_results_are_laid_out_as_a_tuple()
    {
        var function = new AbiFunctionType([], [AbiType.U32, AbiType.U64, AbiType.String]);
        Assert.Equal((24, 8), (function.ResultTuple!.Size, function.ResultTuple.Alignment));
        var memory = new TestMemory();
        var cx = memory.Context();
        var returnArea = memory.Realloc(0, 0, 8, 24);
        WitValue[] results = [WitValue.U32(0xAABBCCDD), WitValue.U64(0x1122334455667788), WitValue.String("xyz")];

        Assert.Equal(0, CanonicalAbi.LowerImportResults(cx, function, results, [RawValue.FromU32(returnArea)], []));

        var area = memory.Read(returnArea, 24);
        Assert.Equal(0xAABBCCDDu, BinaryPrimitives.ReadUInt32LittleEndian(area));
        Assert.Equal(0x1122334455667788UL, BinaryPrimitives.ReadUInt64LittleEndian(area.AsSpan(8)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(area.AsSpan(20)));
        Assert.Equal(results, CanonicalAbi.LiftExportResults(cx, function, [RawValue.FromU32(returnArea)]));
    }

    [Fact]
    public void With_both_spilled_the_return_pointer_follows_the_parameter_pointer()
    {
        var function = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.U64, 20), [AbiType.Tuple(AbiType.U8, AbiType.U8)]);
        Assert.Equal("(func (param i32 i32))", function.LowerSignature.ToString());
        var memory = new TestMemory();
        var cx = memory.Context();
        var arguments = Enumerable.Range(0, 20).Select(i => WitValue.U64((ulong)i << 33)).ToArray();
        var core = new RawValue[2];
        CanonicalAbi.LowerExportArguments(cx, function, arguments, core);
        core[1] = RawValue.FromU32(memory.Realloc(0, 0, 1, 2));

        Assert.Equal(arguments, CanonicalAbi.LiftImportArguments(cx, function, core));
        var result = WitValue.Tuple(WitValue.U8(1), WitValue.U8(2));
        CanonicalAbi.LowerImportResults(cx, function, [result], core, []);
        Assert.Equal(new byte[] { 1, 2 }, memory.Read(core[1].U32, 2));
    }

    [Fact]
    public void Nullary_functions_pass_nothing()
    {
        var function = new AbiFunctionType([], []);
        var cx = new TestMemory().Context();
        Assert.Equal(0, CanonicalAbi.LowerExportArguments(cx, function, [], []));
        Assert.Empty(CanonicalAbi.LiftExportResults(cx, function, []));
        Assert.Empty(CanonicalAbi.LiftImportArguments(cx, function, []));
        Assert.Equal(0, CanonicalAbi.LowerImportResults(cx, function, [], [], []));
    }

    [Fact]
    public void Host_mistakes_in_counts_are_argument_errors()
    {
        var function = new AbiFunctionType([AbiType.U32, AbiType.U32], [AbiType.String]);
        var cx = new TestMemory().Context();
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerExportArguments(cx, function, [WitValue.U32(1)], new RawValue[2]));
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerExportArguments(cx, function, [WitValue.U32(1), WitValue.U32(2)], new RawValue[1]));
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LiftImportArguments(cx, function, new RawValue[2]));
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LiftExportResults(cx, function, new RawValue[2]));
        Assert.Throws<ArgumentException>(() => CanonicalAbi.LowerImportResults(cx, function, [], new RawValue[3], []));
    }
}
