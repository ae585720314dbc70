using System.Collections.Immutable;
using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Base of the types laid out as a sequence of fields: <see cref="AbiRecordType"/> and <see cref="AbiTupleType"/>
/// (a tuple despecialises to a record). Fields are stored in order, each aligned to its own alignment.
/// </summary>
public abstract class AbiProductType : AbiType
{
    private readonly int[] _offsets;

    private protected AbiProductType(AbiTypeKind kind, ImmutableArray<AbiType> fieldTypes)
        : this(kind, fieldTypes, Layout.Compute(fieldTypes, kind))
    {
    }

    private AbiProductType(AbiTypeKind kind, ImmutableArray<AbiType> fieldTypes, Layout layout)
        : base(kind, layout.Size, layout.Alignment, layout.FlatCount, layout.Flat)
    {
        FieldTypes = fieldTypes;
        _offsets = layout.Offsets;
        HasIndirection = layout.HasIndirection;
    }

    /// <summary>The field types, in order.</summary>
    public ImmutableArray<AbiType> FieldTypes { get; }

    /// <summary>The byte offsets of the fields from the start of the value, in order.</summary>
    public ReadOnlySpan<int> FieldOffsets => _offsets;

    /// <inheritdoc/>
    public override bool HasIndirection { get; }

    internal int[] Offsets => _offsets;

    private sealed record Layout(int Size, int Alignment, int[] Offsets, long FlatCount, CoreValueType[]? Flat, bool HasIndirection)
    {
        public static Layout Compute(ImmutableArray<AbiType> fieldTypes, AbiTypeKind kind)
        {
            if (fieldTypes.IsDefaultOrEmpty)
            {
                throw new ArgumentException($"A {(kind == AbiTypeKind.Tuple ? "tuple" : "record")} must have at least one field.", nameof(fieldTypes));
            }

            var offsets = new int[fieldTypes.Length];
            var layout = new ProductLayout();
            long flatCount = 0;
            var hasIndirection = false;
            for (var i = 0; i < fieldTypes.Length; i++)
            {
                var field = fieldTypes[i] ?? throw new ArgumentException("Field types must not be null.", nameof(fieldTypes));
                offsets[i] = (int)Math.Min(layout.Add(field.Size, field.Alignment), int.MaxValue);
                flatCount += field.FlatCount;
                hasIndirection |= field.HasIndirection;
            }

            var size = AbiLayout.CheckedSize(layout.Size, kind == AbiTypeKind.Tuple ? "tuple" : "record");
            return new Layout(size, layout.Alignment, offsets, flatCount, Concat(flatCount, fieldTypes), hasIndirection);
        }
    }
}
