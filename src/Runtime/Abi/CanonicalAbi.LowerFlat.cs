namespace WitBindgen.Runtime.Abi;

/// <summary>CanonicalABI.md "Flat Lowering": component values to core values.</summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Lowers <paramref name="value"/> as <paramref name="type"/> into the core values starting at
    /// <paramref name="index"/> (<c>lower_flat</c>) and advances <paramref name="index"/> past them. Strings and
    /// lists are stored into guest memory with <c>realloc</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="AbiType.FlatCount"/> slots remain, or the value does not match the type.</exception>
    public static void LowerFlat(AbiContext cx, AbiType type, WitValue value, Span<RawValue> destination, ref int index)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        if (index < 0 || destination.Length - index < type.FlatCount)
        {
            throw new ArgumentException($"{type} needs {type.FlatCount} core values at index {index}; {destination.Length} slots were given.", nameof(destination));
        }

        LowerFlatUnchecked(cx, type, value, destination, ref index);
    }

    internal static void LowerFlatUnchecked(AbiContext cx, AbiType type, WitValue value, Span<RawValue> destination, ref int index)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bool:
                destination[index++] = RawValue.FromI32(Scalar(value, type) != 0 ? 1 : 0);
                break;
            case AbiTypeKind.S8:
            case AbiTypeKind.U8:
            case AbiTypeKind.S16:
            case AbiTypeKind.U16:
            case AbiTypeKind.S32:
            case AbiTypeKind.U32:
            case AbiTypeKind.F32:
            case AbiTypeKind.Char:
                // Signed values are kept sign-extended in the value, so truncating gives the spec's 2s complement i32.
                destination[index++] = RawValue.FromU32((uint)Scalar(value, type));
                break;
            case AbiTypeKind.S64:
            case AbiTypeKind.U64:
            case AbiTypeKind.F64:
                destination[index++] = RawValue.FromU64(Scalar(value, type));
                break;
            case AbiTypeKind.String:
            {
                var slice = StoreString(cx, value, type);
                destination[index++] = RawValue.FromU32(slice.Pointer);
                destination[index++] = RawValue.FromU32(slice.Length);
                break;
            }

            case AbiTypeKind.List:
            {
                var slice = StoreListIntoRange(cx, (AbiListType)type, value);
                destination[index++] = RawValue.FromU32(slice.Pointer);
                destination[index++] = RawValue.FromU32(slice.Length);
                break;
            }

            case AbiTypeKind.FixedList:
            {
                var fixedList = (AbiFixedListType)type;
                foreach (var element in FixedListItems(fixedList, value))
                {
                    LowerFlatUnchecked(cx, fixedList.Element, element, destination, ref index);
                }

                break;
            }

            case AbiTypeKind.Record:
            case AbiTypeKind.Tuple:
            {
                var product = (AbiProductType)type;
                var fields = ProductItems(product, value);
                for (var i = 0; i < fields.Length; i++)
                {
                    LowerFlatUnchecked(cx, product.FieldTypes[i], fields[i], destination, ref index);
                }

                break;
            }

            case AbiTypeKind.Variant:
            case AbiTypeKind.Enum:
            case AbiTypeKind.Option:
            case AbiTypeKind.Result:
                LowerFlatVariant(cx, (AbiSumType)type, value, destination, ref index);
                break;
            case AbiTypeKind.Flags:
                foreach (var word in FlagWords((AbiFlagsType)type, value))
                {
                    destination[index++] = RawValue.FromU32(word);
                }

                break;
            case AbiTypeKind.Own:
                destination[index++] = RawValue.FromU32(cx.GetResources().LowerOwn((AbiOwnType)type, Handle(value, type)));
                break;
            case AbiTypeKind.Borrow:
                destination[index++] = RawValue.FromU32(cx.GetResources().LowerBorrow((AbiBorrowType)type, Handle(value, type)));
                break;
            case AbiTypeKind.Stream or AbiTypeKind.Future:
                destination[index++] = RawValue.FromU32(Async.AsyncValues.Lower(cx, (AbiAsyncValueType)type, value));
                break;
            case AbiTypeKind.ErrorContext:
                destination[index++] = RawValue.FromU32(Async.AsyncValues.LowerErrorContext(cx, value));
                break;
            default:
                throw new NotSupportedException($"Unknown type kind {type.Kind}.");
        }
    }

    /// <summary>
    /// <c>lower_flat_variant</c>: the case index, the payload's own core values, then zeros up to the variant's
    /// flat length. <see cref="RawValue"/> zero-extends every value it stores, which is exactly the spec's
    /// coercion of an <c>i32</c> or <c>f32</c> payload into an <c>i64</c> slot (and <c>f32</c> bits into
    /// <c>i32</c>, <c>f64</c> bits into <c>i64</c>).
    /// </summary>
    private static void LowerFlatVariant(AbiContext cx, AbiSumType type, WitValue value, Span<RawValue> destination, ref int index)
    {
        var caseIndex = CheckCase(type, value, out var payloadType, out var payload);
        var start = index;
        var end = start + (int)type.FlatCount;
        destination[start] = RawValue.FromI32(caseIndex);
        var payloadIndex = start + 1;
        if (payloadType is not null)
        {
            LowerFlatUnchecked(cx, payloadType, payload!, destination, ref payloadIndex);
        }

        destination[payloadIndex..end].Clear();
        index = end;
    }
}
