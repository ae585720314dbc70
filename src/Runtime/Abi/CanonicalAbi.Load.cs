using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime;
namespace WitBindgen.Runtime.Abi;

/// <summary>CanonicalABI.md "Loading": reading values out of linear memory.</summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Loads a value of <paramref name="type"/> from guest memory at <paramref name="pointer"/> (<c>load</c>),
    /// trapping when the pointer is misaligned or the value reaches outside memory.
    /// </summary>
    public static WitValue Load(AbiContext cx, AbiType type, uint pointer)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(type);
        var memory = cx.GetMemory();
        AbiChecks.CheckValue(memory.Length, pointer, type, "value");
        return LoadUnchecked(cx, memory, type, pointer);
    }

    /// <summary><c>load</c> for a region already checked to be aligned and inside <paramref name="memory"/>.</summary>
    internal static WitValue LoadUnchecked(AbiContext cx, ReadOnlySpan<byte> memory, AbiType type, uint ptr)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                return WitValue.Bool(AbiMemory.ReadBool(memory, ptr));
            case AbiTypeKind.S8:
                return WitValue.S8(AbiMemory.ReadS8(memory, ptr));
            case AbiTypeKind.U8:
                return WitValue.U8(AbiMemory.ReadU8(memory, ptr));
            case AbiTypeKind.S16:
                return WitValue.S16(AbiMemory.ReadS16(memory, ptr));
            case AbiTypeKind.U16:
                return WitValue.U16(AbiMemory.ReadU16(memory, ptr));
            case AbiTypeKind.S32:
                return WitValue.S32(AbiMemory.ReadS32(memory, ptr));
            case AbiTypeKind.U32:
                return WitValue.U32(AbiMemory.ReadU32(memory, ptr));
            case AbiTypeKind.S64:
                return WitValue.S64(AbiMemory.ReadS64(memory, ptr));
            case AbiTypeKind.U64:
                return WitValue.U64(AbiMemory.ReadU64(memory, ptr));
            case AbiTypeKind.F32:
                return WitValue.F32(AbiMemory.ReadF32(memory, ptr));
            case AbiTypeKind.F64:
                return WitValue.F64(AbiMemory.ReadF64(memory, ptr));
            case AbiTypeKind.Char:
                return WitValue.Char(AbiMemory.ReadChar(memory, ptr));
            case AbiTypeKind.String:
                return LoadStringValue(cx, memory, AbiMemory.ReadU32(memory, ptr), AbiMemory.ReadU32(memory, ptr + 4));
            case AbiTypeKind.List:
                return LoadListFromRange(
                    cx, memory, ((AbiListType)type).Element, AbiMemory.ReadU32(memory, ptr), AbiMemory.ReadU32(memory, ptr + 4));
            case AbiTypeKind.FixedList:
                var fixedList = (AbiFixedListType)type;
                return LoadListFromValidRange(cx, memory, fixedList.Element, ptr, (uint)fixedList.Length);
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
                return LoadFields(cx, memory, (AbiProductType)type, ptr);
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                return LoadVariant(cx, memory, (AbiSumType)type, ptr);
            case AbiTypeKind.Flags:
                return LoadFlags(memory, (AbiFlagsType)type, ptr);
            case AbiTypeKind.Own:
                return WitValue.Handle(cx.GetResources().LiftOwn((AbiOwnType)type, AbiMemory.ReadU32(memory, ptr)));
            case AbiTypeKind.Borrow:
                return WitValue.Handle(cx.GetResources().LiftBorrow((AbiBorrowType)type, AbiMemory.ReadU32(memory, ptr)));
            case AbiTypeKind.Stream or AbiTypeKind.Future:
                return Async.AsyncValues.Lift(cx, (AbiAsyncValueType)type, AbiMemory.ReadU32(memory, ptr));
            case AbiTypeKind.ErrorContext:
                return WitValue.Handle(Async.AsyncValues.LiftErrorContext(cx, AbiMemory.ReadU32(memory, ptr)));
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    /// <summary><c>load_string_from_range</c>, keeping the encoding hint.</summary>
    internal static WitValue LoadStringValue(AbiContext cx, ReadOnlySpan<byte> memory, uint begin, uint taggedCodeUnits) =>
        WitValue.StringUnchecked(
            StringLoader.Load(memory, cx.StringEncoding, begin, taggedCodeUnits, cx.MaxStringBytes), cx.StringEncoding, taggedCodeUnits);

    /// <summary><c>load_list_from_range</c>: length, alignment and bounds checks, then the elements.</summary>
    internal static WitValue LoadListFromRange(AbiContext cx, ReadOnlySpan<byte> memory, AbiType element, uint begin, uint length)
    {
        var byteLength = (ulong)length * (ulong)element.Size;

        // Zero-size elements (only possible through zero flags, an extension) are bounded by count instead.
        if (byteLength > MaxListByteLength || (element.Size == 0 && length > MaxListByteLength))
        {
            throw ComponentTrapException.TooLong("list", byteLength, MaxListByteLength);
        }

        CheckListElements(cx, length);
        AbiChecks.CheckAlignment(begin, element.Alignment, "list");
        AbiChecks.CheckRange(memory.Length, begin, byteLength, "list");
        return LoadListFromValidRange(cx, memory, element, begin, length);
    }

    private static WitValue LoadListFromValidRange(AbiContext cx, ReadOnlySpan<byte> memory, AbiType element, uint ptr, uint length)
    {
        var items = length == 0 ? [] : new WitValue[length];
        var size = (uint)element.Size;
        for (var i = 0u; i < length; i++)
        {
            items[i] = LoadUnchecked(cx, memory, element, ptr + (i * size));
        }

        return WitValue.CompoundUnchecked(WitValueKind.List, items);
    }

    private static WitValue LoadFields(AbiContext cx, ReadOnlySpan<byte> memory, AbiProductType type, uint ptr)
    {
        var fieldTypes = type.FieldTypes;
        var offsets = type.Offsets;
        var items = new WitValue[fieldTypes.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = LoadUnchecked(cx, memory, fieldTypes[i], ptr + (uint)offsets[i]);
        }

        return WitValue.CompoundUnchecked(type.Kind == AbiTypeKind.Tuple ? WitValueKind.Tuple : WitValueKind.Record, items);
    }

    private static WitValue LoadVariant(AbiContext cx, ReadOnlySpan<byte> memory, AbiSumType type, uint ptr)
    {
        var caseIndex = type.DiscriminantSize switch
        {
            1 => AbiMemory.ReadU8(memory, ptr),
            2 => AbiMemory.ReadU16(memory, ptr),
            _ => AbiMemory.ReadU32(memory, ptr),
        };
        if (caseIndex >= (uint)type.CaseCount)
        {
            throw ComponentTrapException.InvalidDiscriminant(type, caseIndex);
        }

        var payloadType = type.PayloadUnchecked((int)caseIndex);
        var payload = payloadType is null ? null : LoadUnchecked(cx, memory, payloadType, ptr + (uint)type.PayloadOffset);
        return WitValue.VariantLike(ValueKindOf(type.Kind), (int)caseIndex, payload);
    }

    private static WitValue LoadFlags(ReadOnlySpan<byte> memory, AbiFlagsType type, uint ptr)
    {
        var words = new uint[type.WordCount];
        switch (type.Count)
        {
            case 0:
                break;
            case <= 8:
                words[0] = AbiMemory.ReadU8(memory, ptr);
                break;
            case <= 16:
                words[0] = AbiMemory.ReadU16(memory, ptr);
                break;
            default:
                for (var i = 0; i < words.Length; i++)
                {
                    words[i] = AbiMemory.ReadU32(memory, ptr + (uint)(4 * i));
                }

                break;
        }

        MaskFlags(words, type.Count);
        return WitValue.FlagsUnchecked(type.Count, words);
    }

    /// <summary>Clears the bits above the flag count, which <c>unpack_flags_from_int</c> ignores.</summary>
    private static void MaskFlags(uint[] words, int count)
    {
        var usedBits = count & 31;
        if (usedBits != 0)
        {
            words[^1] &= (1u << usedBits) - 1;
        }
    }

    /// <summary>The value kind representing a type kind.</summary>
    internal static WitValueKind ValueKindOf(AbiTypeKind kind) => kind switch
    {
        AbiTypeKind.Bool => WitValueKind.Bool,
        AbiTypeKind.S8 => WitValueKind.S8,
        AbiTypeKind.U8 => WitValueKind.U8,
        AbiTypeKind.S16 => WitValueKind.S16,
        AbiTypeKind.U16 => WitValueKind.U16,
        AbiTypeKind.S32 => WitValueKind.S32,
        AbiTypeKind.U32 => WitValueKind.U32,
        AbiTypeKind.S64 => WitValueKind.S64,
        AbiTypeKind.U64 => WitValueKind.U64,
        AbiTypeKind.F32 => WitValueKind.F32,
        AbiTypeKind.F64 => WitValueKind.F64,
        AbiTypeKind.Char => WitValueKind.Char,
        AbiTypeKind.String => WitValueKind.String,
        AbiTypeKind.List or AbiTypeKind.FixedList => WitValueKind.List,
        AbiTypeKind.Record => WitValueKind.Record,
        AbiTypeKind.Tuple => WitValueKind.Tuple,
        AbiTypeKind.Variant => WitValueKind.Variant,
        AbiTypeKind.Enum => WitValueKind.Enum,
        AbiTypeKind.Option => WitValueKind.Option,
        AbiTypeKind.Result => WitValueKind.Result,
        AbiTypeKind.Flags => WitValueKind.Flags,
        _ => WitValueKind.Handle,
    };
}
