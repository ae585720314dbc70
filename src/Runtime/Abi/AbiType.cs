using System.Collections.Immutable;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Describes a component value type for the canonical ABI, independent of any WIT or binary model. The
/// hierarchy is closed: every descriptor is one of the sealed types in this namespace. Each descriptor computes
/// its memory layout (<see cref="Size"/>, <see cref="Alignment"/>) and its flattening to core values once, at
/// construction, for 32-bit memories.
/// </summary>
public abstract class AbiType
{
    private readonly CoreValueType[]? _flatTypes;

    private protected AbiType(AbiTypeKind kind, int size, int alignment, long flatCount, CoreValueType[]? flatTypes)
    {
        Kind = kind;
        Size = size;
        Alignment = alignment;
        FlatCount = flatCount;
        _flatTypes = flatCount <= AbiLayout.MaxMaterializedFlatTypes ? flatTypes : null;
    }

    /// <summary>The shape of this descriptor.</summary>
    public AbiTypeKind Kind { get; }

    /// <summary>Byte size of a value of this type in linear memory (CanonicalABI.md <c>elem_size</c>).</summary>
    public int Size { get; }

    /// <summary>Byte alignment of a value of this type in linear memory (CanonicalABI.md <c>alignment</c>).</summary>
    public int Alignment { get; }

    /// <summary>Number of core values this type flattens to (CanonicalABI.md <c>flatten_type</c>).</summary>
    public long FlatCount { get; }

    /// <summary>Whether <see cref="FlatTypes"/> is available, i.e. <see cref="FlatCount"/> is at most <see cref="CanonicalAbi.MaxFlatParams"/>.</summary>
    public bool HasFlatTypes => _flatTypes is not null;

    /// <summary>
    /// The core value types this type flattens to, with the variant <c>join</c> rules applied. Only materialised
    /// when <see cref="FlatCount"/> is at most <see cref="CanonicalAbi.MaxFlatParams"/>: a longer flattening is
    /// never passed as core values.
    /// </summary>
    /// <exception cref="InvalidOperationException">The flattening is longer than <see cref="CanonicalAbi.MaxFlatParams"/>.</exception>
    public ReadOnlySpan<CoreValueType> FlatTypes => _flatTypes ?? throw new InvalidOperationException(
        $"Type {this} flattens to {FlatCount} core values; only flattenings of at most {AbiLayout.MaxMaterializedFlatTypes} are materialised.");

    internal CoreValueType[]? FlatTypesOrNull => _flatTypes;

    /// <summary>Whether this type or any type inside it stores data out of line (a <c>string</c> or variable-length <c>list</c>).</summary>
    public abstract bool HasIndirection { get; }

    /// <summary><c>bool</c>.</summary>
    public static AbiPrimitiveType Bool { get; } = new(AbiTypeKind.Bool, 1, CoreValueType.I32, "bool");

    /// <summary><c>s8</c>.</summary>
    public static AbiPrimitiveType S8 { get; } = new(AbiTypeKind.S8, 1, CoreValueType.I32, "s8");

    /// <summary><c>u8</c>.</summary>
    public static AbiPrimitiveType U8 { get; } = new(AbiTypeKind.U8, 1, CoreValueType.I32, "u8");

    /// <summary><c>s16</c>.</summary>
    public static AbiPrimitiveType S16 { get; } = new(AbiTypeKind.S16, 2, CoreValueType.I32, "s16");

    /// <summary><c>u16</c>.</summary>
    public static AbiPrimitiveType U16 { get; } = new(AbiTypeKind.U16, 2, CoreValueType.I32, "u16");

    /// <summary><c>s32</c>.</summary>
    public static AbiPrimitiveType S32 { get; } = new(AbiTypeKind.S32, 4, CoreValueType.I32, "s32");

    /// <summary><c>u32</c>.</summary>
    public static AbiPrimitiveType U32 { get; } = new(AbiTypeKind.U32, 4, CoreValueType.I32, "u32");

    /// <summary><c>s64</c>.</summary>
    public static AbiPrimitiveType S64 { get; } = new(AbiTypeKind.S64, 8, CoreValueType.I64, "s64");

    /// <summary><c>u64</c>.</summary>
    public static AbiPrimitiveType U64 { get; } = new(AbiTypeKind.U64, 8, CoreValueType.I64, "u64");

    /// <summary><c>f32</c>.</summary>
    public static AbiPrimitiveType F32 { get; } = new(AbiTypeKind.F32, 4, CoreValueType.F32, "f32");

    /// <summary><c>f64</c>.</summary>
    public static AbiPrimitiveType F64 { get; } = new(AbiTypeKind.F64, 8, CoreValueType.F64, "f64");

    /// <summary><c>char</c>.</summary>
    public static AbiPrimitiveType Char { get; } = new(AbiTypeKind.Char, 4, CoreValueType.I32, "char");

    /// <summary><c>string</c>.</summary>
    public static AbiStringType String { get; } = new();

    /// <summary><c>error-context</c>: passed as the index of an error context in the instance's table, one <c>i32</c>.</summary>
    public static AbiPrimitiveType ErrorContext { get; } = new(AbiTypeKind.ErrorContext, 4, CoreValueType.I32, "error-context");

    /// <summary>Creates <c>list&lt;element&gt;</c>.</summary>
    public static AbiListType List(AbiType element) => new(element);

    /// <summary>Creates <c>stream&lt;element&gt;</c> (<c>stream</c> when <paramref name="element"/> is null).</summary>
    public static AbiAsyncValueType Stream(AbiType? element) => new(isStream: true, element);

    /// <summary>Creates <c>future&lt;element&gt;</c> (<c>future</c> when <paramref name="element"/> is null).</summary>
    public static AbiAsyncValueType Future(AbiType? element) => new(isStream: false, element);

    /// <summary>Creates <c>map&lt;key, value&gt;</c>, laid out as <c>list&lt;tuple&lt;key, value&gt;&gt;</c>.</summary>
    public static AbiMapType Map(AbiType key, AbiType value) => new(key, value);

    /// <summary>Creates the fixed-length <c>list&lt;element, length&gt;</c>.</summary>
    public static AbiFixedListType FixedList(AbiType element, int length) => new(element, length);

    /// <summary>Creates a <c>record</c> from its fields, in order.</summary>
    public static AbiRecordType Record(params AbiField[] fields) => new(ImmutableArray.Create(fields));

    /// <summary>Creates a <c>tuple</c> from its element types, in order.</summary>
    public static AbiTupleType Tuple(params AbiType[] elements) => new(ImmutableArray.Create(elements));

    /// <summary>Creates a <c>variant</c> from its cases, in order.</summary>
    public static AbiVariantType Variant(params AbiCase[] cases) => new(ImmutableArray.Create(cases));

    /// <summary>Creates an <c>enum</c> with <paramref name="caseCount"/> cases.</summary>
    public static AbiEnumType Enum(int caseCount) => new(caseCount);

    /// <summary>Creates <c>option&lt;payload&gt;</c>.</summary>
    public static AbiOptionType Option(AbiType payload) => new(payload);

    /// <summary>Creates <c>result&lt;ok, err&gt;</c>; either payload may be absent.</summary>
    public static AbiResultType Result(AbiType? ok, AbiType? error) => new(ok, error);

    /// <summary>Creates a <c>flags</c> type with <paramref name="count"/> flags.</summary>
    public static AbiFlagsType Flags(int count) => new(count);

    /// <summary>Creates <c>own&lt;R&gt;</c> for the resource type identified by <paramref name="resource"/>.</summary>
    public static AbiOwnType Own(object resource) => new(resource);

    /// <summary>Creates <c>borrow&lt;R&gt;</c> for the resource type identified by <paramref name="resource"/>.</summary>
    public static AbiBorrowType Borrow(object resource) => new(resource);

    /// <summary>Concatenates flattenings, or returns null when the result would not be materialised.</summary>
    private protected static CoreValueType[]? Concat(long totalCount, IEnumerable<AbiType> parts)
    {
        if (totalCount > AbiLayout.MaxMaterializedFlatTypes)
        {
            return null;
        }

        var result = new CoreValueType[totalCount];
        var index = 0;
        foreach (var part in parts)
        {
            var flat = part.FlatTypesOrNull!;
            flat.CopyTo(result, index);
            index += flat.Length;
        }

        return result;
    }
}
