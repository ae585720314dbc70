using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime;
namespace WitBindgen.Runtime.Abi;

/// <summary>CanonicalABI.md "Flat Lifting": core values to component values.</summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Lifts one value of <paramref name="type"/> from the core values starting at <paramref name="index"/>
    /// (<c>lift_flat</c>) and advances <paramref name="index"/> past them. Variant payloads are read through the
    /// <c>join</c>ed slots exactly as the spec's <c>CoerceValueIter</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="AbiType.FlatCount"/> values remain.</exception>
    public static WitValue LiftFlat(AbiContext cx, AbiType type, ReadOnlySpan<RawValue> values, ref int index)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(type);
        if (index < 0 || values.Length - index < type.FlatCount)
        {
            throw new ArgumentException($"{type} needs {type.FlatCount} core values at index {index}; {values.Length} were given.", nameof(values));
        }

        return LiftFlatUnchecked(cx, type, values, ref index);
    }

    internal static WitValue LiftFlatUnchecked(AbiContext cx, AbiType type, ReadOnlySpan<RawValue> values, ref int index)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                return WitValue.Bool(values[index++].I32 != 0);
            case AbiTypeKind.S8:
                return WitValue.S8((sbyte)values[index++].I32);
            case AbiTypeKind.U8:
                return WitValue.U8((byte)values[index++].I32);
            case AbiTypeKind.S16:
                return WitValue.S16((short)values[index++].I32);
            case AbiTypeKind.U16:
                return WitValue.U16((ushort)values[index++].I32);
            case AbiTypeKind.S32:
                return WitValue.S32(values[index++].I32);
            case AbiTypeKind.U32:
                return WitValue.U32(values[index++].U32);
            case AbiTypeKind.S64:
                return WitValue.S64(values[index++].I64);
            case AbiTypeKind.U64:
                return WitValue.U64(values[index++].U64);
            case AbiTypeKind.F32:
                return WitValue.F32(AbiFloats.Canonicalize(values[index++].F32));
            case AbiTypeKind.F64:
                return WitValue.F64(AbiFloats.Canonicalize(values[index++].F64));
            case AbiTypeKind.Char:
                return WitValue.Char(AbiMemory.ToChar(values[index++].U32));
            case AbiTypeKind.String:
            {
                var begin = values[index++].U32;
                var taggedCodeUnits = values[index++].U32;
                return LoadStringValue(cx, cx.GetMemory(), begin, taggedCodeUnits);
            }

            case AbiTypeKind.List:
            {
                var begin = values[index++].U32;
                var length = values[index++].U32;
                return LoadListFromRange(cx, cx.GetMemory(), ((AbiListType)type).Element, begin, length);
            }

            case AbiTypeKind.FixedList:
            {
                var fixedList = (AbiFixedListType)type;
                var items = new WitValue[fixedList.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = LiftFlatUnchecked(cx, fixedList.Element, values, ref index);
                }

                return WitValue.CompoundUnchecked(WitValueKind.List, items);
            }

            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var product = (AbiProductType)type;
                var items = new WitValue[product.FieldTypes.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = LiftFlatUnchecked(cx, product.FieldTypes[i], values, ref index);
                }

                return WitValue.CompoundUnchecked(ValueKindOf(type.Kind), items);
            }

            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                return LiftFlatVariant(cx, (AbiSumType)type, values, ref index);
            case AbiTypeKind.Flags:
            {
                var flags = (AbiFlagsType)type;
                var words = new uint[flags.WordCount];
                for (var i = 0; i < words.Length; i++)
                {
                    words[i] = values[index++].U32;
                }

                if (words.Length > 0)
                {
                    MaskFlags(words, flags.Count);
                }

                return WitValue.FlagsUnchecked(flags.Count, words);
            }

            case AbiTypeKind.Own:
                return WitValue.Handle(cx.GetResources().LiftOwn((AbiOwnType)type, values[index++].U32));
            case AbiTypeKind.Borrow:
                return WitValue.Handle(cx.GetResources().LiftBorrow((AbiBorrowType)type, values[index++].U32));
            case AbiTypeKind.Stream or AbiTypeKind.Future:
                return Async.AsyncValues.Lift(cx, (AbiAsyncValueType)type, values[index++].U32);
            case AbiTypeKind.ErrorContext:
                return WitValue.Handle(Async.AsyncValues.LiftErrorContext(cx, values[index++].U32));
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    /// <summary>
    /// <c>lift_flat_variant</c>. Because <see cref="RawValue"/> keeps every core type at offset 0, reading the
    /// case's own core types out of the joined slots performs the spec's coercions: <c>i32</c> bits read as
    /// <c>f32</c>, an <c>i64</c> wrapped to its low 32 bits, or reinterpreted as <c>f64</c>.
    /// </summary>
    private static WitValue LiftFlatVariant(AbiContext cx, AbiSumType type, ReadOnlySpan<RawValue> values, ref int index)
    {
        var start = index;
        var caseIndex = values[start].U32;
        if (caseIndex >= (uint)type.CaseCount)
        {
            throw ComponentTrapException.InvalidDiscriminant(type, caseIndex);
        }

        var payloadType = type.PayloadUnchecked((int)caseIndex);
        WitValue? payload = null;
        if (payloadType is not null)
        {
            var payloadIndex = start + 1;
            payload = LiftFlatUnchecked(cx, payloadType, values, ref payloadIndex);
        }

        index = start + (int)type.FlatCount;
        return WitValue.VariantLike(ValueKindOf(type.Kind), (int)caseIndex, payload);
    }
}
