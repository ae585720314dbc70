using WitBindgen.Runtime.Abi;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Conversions between this runtime's dynamic values and Wasmtime's component values, for differential tests. Enum
/// and flags labels are fixed by convention: enums of three cases are red/green/blue, flags of three are
/// read/write/exec, others b0, b1, ….
/// </summary>
internal static class WasmtimeValues
{
    private static readonly string[] ColorNames = { "red", "green", "blue" };
    private static readonly string[] PermNames = { "read", "write", "exec" };

    private static string[] FlagNames(int count) => count == 3 ? PermNames : Enumerable.Range(0, count).Select(i => "b" + i).ToArray();

    /// <summary>A host function of this runtime as a Wasmtime host function of the given type.</summary>
    public static Wasmtime.Components.ComponentFunctionCallback Adapt(AbiFunctionType type, HostFunction function) =>
        (arguments, results) =>
        {
            var args = new WitValue[arguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                args[i] = FromWasmtime(arguments[i], type.Parameters[i]);
            }

            var returned = function(args);
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = ToWasmtime(returned[i], type.Results[i]);
            }
        };

    /// <summary>A value of this runtime as a Wasmtime value (the echoes world's enum and flags names are fixed).</summary>
    public static CV ToWasmtime(WitValue v, AbiType t) => t switch
    {
        AbiStringType => CV.String(v.AsString()),
        AbiListType l => CV.List(v.Items.Select(i => ToWasmtime(i, l.Element)).ToList()),
        AbiRecordType r => CV.Record(r.Fields.Select((f, i) => new KeyValuePair<string, CV>(f.Name, ToWasmtime(v.Items[i], f.Type))).ToList()),
        AbiTupleType tu => CV.Tuple(tu.FieldTypes.Select((ft, i) => ToWasmtime(v.Items[i], ft)).ToList()),
        AbiVariantType va => CV.Variant(va.Cases[v.CaseIndex].Name, v.Payload is { } p ? ToWasmtime(p, va.Cases[v.CaseIndex].Payload!) : null!),
        AbiEnumType => CV.Enum(ColorNames[v.CaseIndex]),
        AbiFlagsType f => CV.Flags(FlagNames(f.Count).Where((_, i) => v.IsFlagSet(i)).ToList()),
        AbiOptionType o => v.IsSome ? CV.Some(ToWasmtime(v.Payload!, o.Payload)) : CV.None(),
        AbiResultType r when v.IsOk => CV.Ok(v.Payload is { } p ? ToWasmtime(p, r.Ok!) : null!),
        AbiResultType r => CV.Err(v.Payload is { } p ? ToWasmtime(p, r.Error!) : null!),
        _ => t.Kind switch
        {
            AbiTypeKind.Bool => CV.Bool(v.AsBool()),
            AbiTypeKind.S8 => CV.S8(v.AsS8()),
            AbiTypeKind.U8 => CV.U8(v.AsU8()),
            AbiTypeKind.S16 => CV.S16(v.AsS16()),
            AbiTypeKind.U16 => CV.U16(v.AsU16()),
            AbiTypeKind.S32 => CV.S32(v.AsS32()),
            AbiTypeKind.U32 => CV.U32(v.AsU32()),
            AbiTypeKind.S64 => CV.S64(v.AsS64()),
            AbiTypeKind.U64 => CV.U64(v.AsU64()),
            AbiTypeKind.F32 => CV.F32(v.AsF32()),
            AbiTypeKind.F64 => CV.F64(v.AsF64()),
            AbiTypeKind.Char => CV.Char(v.AsChar()),
            _ => throw new NotSupportedException(t.ToString()),
        },
    };

    /// <summary>A Wasmtime value as a value of this runtime.</summary>
    public static WitValue FromWasmtime(CV c, AbiType t) => t switch
    {
        AbiStringType => WitValue.String(c.AsString()),
        AbiListType l => WitValue.List(c.AsList().Select(i => FromWasmtime(i, l.Element)).ToArray()),
        AbiRecordType r => WitValue.Record(r.Fields.Select(f => FromWasmtime(c.Field(f.Name), f.Type)).ToArray()),
        AbiTupleType tu => WitValue.Tuple(c.AsTuple().Select((e, i) => FromWasmtime(e, tu.FieldTypes[i])).ToArray()),
        AbiVariantType va => FromWasmtimeVariant(c, va),
        AbiEnumType => WitValue.Enum(Array.IndexOf(ColorNames, c.AsEnum())),
        AbiFlagsType f => WitValue.Flags(f.Count, FlagNames(f.Count).Select((n, i) => (n, i)).Where(p => c.AsFlags().Contains(p.n)).Select(p => p.i).ToArray()),
        AbiOptionType o => c.IsSome ? WitValue.Some(FromWasmtime(c.Payload!, o.Payload)) : WitValue.None,
        AbiResultType r when c.IsOk => WitValue.Ok(r.Ok is null ? null : FromWasmtime(c.Payload!, r.Ok)),
        AbiResultType r => WitValue.Err(r.Error is null ? null : FromWasmtime(c.Payload!, r.Error)),
        _ => t.Kind switch
        {
            AbiTypeKind.Bool => WitValue.Bool(c.AsBool()),
            AbiTypeKind.S8 => WitValue.S8(c.AsS8()),
            AbiTypeKind.U8 => WitValue.U8(c.AsU8()),
            AbiTypeKind.S16 => WitValue.S16(c.AsS16()),
            AbiTypeKind.U16 => WitValue.U16(c.AsU16()),
            AbiTypeKind.S32 => WitValue.S32(c.AsS32()),
            AbiTypeKind.U32 => WitValue.U32(c.AsU32()),
            AbiTypeKind.S64 => WitValue.S64(c.AsS64()),
            AbiTypeKind.U64 => WitValue.U64(c.AsU64()),
            AbiTypeKind.F32 => WitValue.F32(c.AsF32()),
            AbiTypeKind.F64 => WitValue.F64(c.AsF64()),
            AbiTypeKind.Char => WitValue.Char(c.AsRune()),
            _ => throw new NotSupportedException(t.ToString()),
        },
    };

    private static WitValue FromWasmtimeVariant(CV c, AbiVariantType type)
    {
        var index = type.Cases.Select(k => k.Name).ToList().IndexOf(c.AsVariant());
        Assert.True(index >= 0, c.AsVariant());
        var payload = type.Cases[index].Payload;
        return WitValue.Variant(index, payload is null ? null : FromWasmtime(c.Payload!, payload));
    }
}
