using WitBindgen.Cli.Wave;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Components;

/// <summary>The WAVE view of the validator's component types (<see cref="ValType"/>): shapes with their names.</summary>
internal static class WaveTypes
{
    /// <summary>The WAVE type of <paramref name="type"/>; resources are named by <paramref name="names"/>.</summary>
    public static WaveType Of(ValType type, TypeNames names) => type switch
    {
        PrimValType p => Primitive(p.Kind),
        RefValType r => Of(r.Id.Type, names),
        _ => new WaveUnsupported(type.ToString()),
    };

    private static WaveType Of(DefType type, TypeNames names) => type switch
    {
        PrimDef p => Primitive(p.Kind),
        ListDef l => new WaveList(Of(l.Element, names), l.Length is { } n ? (int)n : null),
        RecordDef r => new WaveRecord(r.Fields.Select(f => new WaveField(f.Name, Of(f.Type, names))).ToArray()),
        TupleDef t => new WaveTuple(t.Types.Select(e => Of(e, names)).ToArray()),
        VariantDef v => new WaveVariant(v.Cases.Select(c => new WaveCase(c.Name, c.Type is { } p ? Of(p, names) : null)).ToArray()),
        EnumDef e => new WaveEnum(e.Cases),
        FlagsDef f => new WaveFlags(f.Names),
        OptionDef o => new WaveOption(Of(o.Type, names)),
        ResultDef r => new WaveResult(r.Ok is { } ok ? Of(ok, names) : null, r.Error is { } e ? Of(e, names) : null),
        HandleDef h => new WaveHandle(names.NameOf(h.Resource) ?? "resource", h.Own),
        _ => new WaveUnsupported(type.ToString() ?? "?"),
    };

    private static WaveType Primitive(PrimitiveType kind) => kind switch
    {
        PrimitiveType.Bool => new WavePrimitive(WavePrimitiveKind.Bool),
        PrimitiveType.S8 => new WavePrimitive(WavePrimitiveKind.S8),
        PrimitiveType.U8 => new WavePrimitive(WavePrimitiveKind.U8),
        PrimitiveType.S16 => new WavePrimitive(WavePrimitiveKind.S16),
        PrimitiveType.U16 => new WavePrimitive(WavePrimitiveKind.U16),
        PrimitiveType.S32 => new WavePrimitive(WavePrimitiveKind.S32),
        PrimitiveType.U32 => new WavePrimitive(WavePrimitiveKind.U32),
        PrimitiveType.S64 => new WavePrimitive(WavePrimitiveKind.S64),
        PrimitiveType.U64 => new WavePrimitive(WavePrimitiveKind.U64),
        PrimitiveType.F32 => new WavePrimitive(WavePrimitiveKind.F32),
        PrimitiveType.F64 => new WavePrimitive(WavePrimitiveKind.F64),
        PrimitiveType.Char => new WavePrimitive(WavePrimitiveKind.Char),
        PrimitiveType.String => new WavePrimitive(WavePrimitiveKind.String),
        _ => new WaveUnsupported(kind.ToText()),
    };
}
