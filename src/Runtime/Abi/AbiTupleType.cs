using System.Collections.Immutable;

namespace WitBindgen.Runtime.Abi;

/// <summary><c>tuple</c>: unnamed fields laid out in order, exactly like a record.</summary>
public sealed class AbiTupleType : AbiProductType
{
    internal AbiTupleType(ImmutableArray<AbiType> elements)
        : base(AbiTypeKind.Tuple, elements)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"tuple<{string.Join(", ", FieldTypes)}>";
}
