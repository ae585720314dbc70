using WitBindgen.Runtime.CompilerServices;

namespace WitBindgen.Runtime.Abi;

/// <summary>CanonicalABI.md "Storing": writing values into linear memory.</summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Stores <paramref name="value"/> as <paramref name="type"/> into guest memory at <paramref name="pointer"/>
    /// (<c>store</c>), allocating with <c>realloc</c> for strings and lists. Traps when the pointer is misaligned
    /// or the value reaches outside memory, or when <c>realloc</c> misbehaves.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> does not match <paramref name="type"/>.</exception>
    public static void Store(AbiContext cx, AbiType type, WitValue value, uint pointer)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        AbiChecks.CheckValue(cx.GetMemory().Length, pointer, type, "value");
        StoreUnchecked(cx, type, value, pointer);
    }

    /// <summary><c>store</c> into a region already checked to be aligned and inside memory.</summary>
    internal static void StoreUnchecked(AbiContext cx, AbiType type, WitValue value, uint ptr)
    {
        if (!type.HasIndirection)
        {
            // Nothing below can call realloc, so one memory span serves the whole value.
            StoreDirect(cx, cx.GetMemory(), type, value, ptr);
            return;
        }

        switch (type.Kind)
        {
            case AbiTypeKind.String:
                WritePair(cx, ptr, StoreString(cx, value, type));
                break;
            case AbiTypeKind.List:
                WritePair(cx, ptr, StoreListIntoRange(cx, (AbiListType)type, value));
                break;
            case AbiTypeKind.FixedList:
                var fixedList = (AbiFixedListType)type;
                var elements = FixedListItems(fixedList, value);
                for (var i = 0; i < elements.Length; i++)
                {
                    StoreUnchecked(cx, fixedList.Element, elements[i], ptr + (uint)(i * fixedList.Element.Size));
                }

                break;
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
                var product = (AbiProductType)type;
                var fields = ProductItems(product, value);
                for (var i = 0; i < fields.Length; i++)
                {
                    StoreUnchecked(cx, product.FieldTypes[i], fields[i], ptr + (uint)product.Offsets[i]);
                }

                break;
            default:
                var sum = (AbiSumType)type;
                var caseIndex = CheckCase(sum, value, out var payloadType, out var payload);
                WriteDiscriminant(cx.GetMemory(), sum, ptr, caseIndex);
                if (payloadType is not null)
                {
                    StoreUnchecked(cx, payloadType, payload!, ptr + (uint)sum.PayloadOffset);
                }

                break;
        }
    }

    /// <summary><c>store</c> for types without strings or variable-length lists: no <c>realloc</c> can run.</summary>
    private static void StoreDirect(AbiContext cx, Span<byte> memory, AbiType type, WitValue value, uint ptr)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                AbiMemory.WriteBool(memory, ptr, Scalar(value, type) != 0);
                break;
            case AbiTypeKind.S8:
            case AbiTypeKind.U8:
                AbiMemory.WriteU8(memory, ptr, (byte)Scalar(value, type));
                break;
            case AbiTypeKind.S16:
            case AbiTypeKind.U16:
                AbiMemory.WriteU16(memory, ptr, (ushort)Scalar(value, type));
                break;
            case AbiTypeKind.S32:
            case AbiTypeKind.U32:
            case AbiTypeKind.F32:
            case AbiTypeKind.Char:
                AbiMemory.WriteU32(memory, ptr, (uint)Scalar(value, type));
                break;
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
            case AbiTypeKind.F64:
                AbiMemory.WriteU64(memory, ptr, Scalar(value, type));
                break;
            case AbiTypeKind.FixedList:
                var fixedList = (AbiFixedListType)type;
                var elements = FixedListItems(fixedList, value);
                for (var i = 0; i < elements.Length; i++)
                {
                    StoreDirect(cx, memory, fixedList.Element, elements[i], ptr + (uint)(i * fixedList.Element.Size));
                }

                break;
            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
                var product = (AbiProductType)type;
                var fields = ProductItems(product, value);
                for (var i = 0; i < fields.Length; i++)
                {
                    StoreDirect(cx, memory, product.FieldTypes[i], fields[i], ptr + (uint)product.Offsets[i]);
                }

                break;
            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                var sum = (AbiSumType)type;
                var caseIndex = CheckCase(sum, value, out var payloadType, out var payload);
                WriteDiscriminant(memory, sum, ptr, caseIndex);
                if (payloadType is not null)
                {
                    StoreDirect(cx, memory, payloadType, payload!, ptr + (uint)sum.PayloadOffset);
                }

                break;
            case AbiTypeKind.Flags:
                StoreFlags(memory, (AbiFlagsType)type, value, ptr);
                break;
            case AbiTypeKind.Own:
                AbiMemory.WriteU32(memory, ptr, cx.GetResources().LowerOwn((AbiOwnType)type, Handle(value, type)));
                break;
            case AbiTypeKind.Borrow:
                AbiMemory.WriteU32(memory, ptr, cx.GetResources().LowerBorrow((AbiBorrowType)type, Handle(value, type)));
                break;
            case AbiTypeKind.Stream or AbiTypeKind.Future:
                AbiMemory.WriteU32(memory, ptr, Async.AsyncValues.Lower(cx, (AbiAsyncValueType)type, value));
                break;
            case AbiTypeKind.ErrorContext:
                AbiMemory.WriteU32(memory, ptr, Async.AsyncValues.LowerErrorContext(cx, value));
                break;
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    /// <summary><c>store_string_into_range</c> for a string value, using its encoding hint.</summary>
    internal static GuestSlice StoreString(AbiContext cx, WitValue value, AbiType type)
    {
        Expect(value, WitValueKind.String, type);
        return StringStorer.Store(cx, (string)value.Reference!, value.StringSourceEncoding, value.StringTaggedCodeUnits);
    }

    /// <summary><c>store_list_into_range</c>: allocate <c>length * elem_size</c> bytes, then store each element.</summary>
    internal static GuestSlice StoreListIntoRange(AbiContext cx, AbiListType type, WitValue value)
    {
        Expect(value, WitValueKind.List, type);
        var items = value.ItemArray;
        var element = type.Element;
        var byteLength = (ulong)items.Length * (ulong)element.Size;
        if (byteLength > uint.MaxValue)
        {
            throw new ArgumentException($"A {type} of {items.Length} elements needs {byteLength} bytes, more than a 32-bit memory can address.", nameof(value));
        }

        var ptr = cx.Allocate((uint)element.Alignment, (uint)byteLength);
        var size = (uint)element.Size;
        if (!element.HasIndirection)
        {
            var memory = cx.GetMemory();
            for (var i = 0; i < items.Length; i++)
            {
                StoreDirect(cx, memory, element, items[i], ptr + ((uint)i * size));
            }
        }
        else
        {
            for (var i = 0; i < items.Length; i++)
            {
                StoreUnchecked(cx, element, items[i], ptr + ((uint)i * size));
            }
        }

        return new GuestSlice(ptr, (uint)items.Length);
    }

    private static void WritePair(AbiContext cx, uint ptr, GuestSlice slice)
    {
        var memory = cx.GetMemory();
        AbiMemory.WriteU32(memory, ptr, slice.Pointer);
        AbiMemory.WriteU32(memory, ptr + 4, slice.Length);
    }

    private static void WriteDiscriminant(Span<byte> memory, AbiSumType type, uint ptr, int caseIndex)
    {
        switch (type.DiscriminantSize)
        {
            case 1:
                AbiMemory.WriteU8(memory, ptr, (byte)caseIndex);
                break;
            case 2:
                AbiMemory.WriteU16(memory, ptr, (ushort)caseIndex);
                break;
            default:
                AbiMemory.WriteU32(memory, ptr, (uint)caseIndex);
                break;
        }
    }

    private static void StoreFlags(Span<byte> memory, AbiFlagsType type, WitValue value, uint ptr)
    {
        var words = FlagWords(type, value);
        switch (type.Count)
        {
            case 0:
                break;
            case <= 8:
                AbiMemory.WriteU8(memory, ptr, (byte)words[0]);
                break;
            case <= 16:
                AbiMemory.WriteU16(memory, ptr, (ushort)words[0]);
                break;
            default:
                for (var i = 0; i < words.Length; i++)
                {
                    AbiMemory.WriteU32(memory, ptr + (uint)(4 * i), words[i]);
                }

                break;
        }
    }

    /// <summary>Checks a host value against its type, throwing <see cref="ArgumentException"/> on a mismatch.</summary>
    private static void Expect(WitValue value, WitValueKind kind, AbiType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind != kind)
        {
            throw new ArgumentException($"A {value.Kind} value ({value}) cannot be passed as {type}.", nameof(value));
        }
    }

    private static ulong Scalar(WitValue value, AbiType type)
    {
        Expect(value, ValueKindOf(type.Kind), type);
        return value.Bits;
    }

    private static object Handle(WitValue value, AbiType type)
    {
        Expect(value, WitValueKind.Handle, type);
        return value.Reference!;
    }

    private static uint[] FlagWords(AbiFlagsType type, WitValue value)
    {
        Expect(value, WitValueKind.Flags, type);
        if (value.FlagCount != type.Count)
        {
            throw new ArgumentException($"A value with {value.FlagCount} flags cannot be passed as {type}.", nameof(value));
        }

        return value.FlagArray;
    }

    private static WitValue[] FixedListItems(AbiFixedListType type, WitValue value)
    {
        Expect(value, WitValueKind.List, type);
        var items = value.ItemArray;
        if (items.Length != type.Length)
        {
            throw new ArgumentException($"A list of {items.Length} elements cannot be passed as {type}.", nameof(value));
        }

        return items;
    }

    private static WitValue[] ProductItems(AbiProductType type, WitValue value)
    {
        Expect(value, ValueKindOf(type.Kind), type);
        var items = value.ItemArray;
        if (items.Length != type.FieldTypes.Length)
        {
            throw new ArgumentException($"A value with {items.Length} fields cannot be passed as {type}.", nameof(value));
        }

        return items;
    }

    /// <summary>Validates a variant-like value against its type: case in range, payload present exactly when the case has one.</summary>
    private static int CheckCase(AbiSumType type, WitValue value, out AbiType? payloadType, out WitValue? payload)
    {
        Expect(value, ValueKindOf(type.Kind), type);
        var caseIndex = value.Bits;
        if (caseIndex >= (ulong)type.CaseCount)
        {
            throw new ArgumentException($"Case {caseIndex} does not exist in {type}.", nameof(value));
        }

        payloadType = type.PayloadUnchecked((int)caseIndex);
        payload = value.Reference as WitValue;
        if ((payloadType is null) != (payload is null))
        {
            throw new ArgumentException(
                payloadType is null
                    ? $"Case {caseIndex} of {type} has no payload, but the value carries one."
                    : $"Case {caseIndex} of {type} needs a {payloadType} payload, but the value has none.",
                nameof(value));
        }

        return (int)caseIndex;
    }
}
