using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Variable-length <c>list&lt;T&gt;</c>: a pointer and an element count, 8 bytes in memory. <see cref="AbiMapType"/> is
/// one too: the canonical ABI lays a map out as the list of its entries.
/// </summary>
public class AbiListType : AbiType
{
    internal AbiListType(AbiType element)
        : base(AbiTypeKind.List, CanonicalLayout.PointerPairSize, CanonicalLayout.PointerPairAlignment, 2, [CoreValueType.I32, CoreValueType.I32])
    {
        ArgumentNullException.ThrowIfNull(element);
        Element = element;
    }

    /// <summary>The element type.</summary>
    public AbiType Element { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => true;

    /// <inheritdoc/>
    public override string ToString() => $"list<{Element}>";
}
