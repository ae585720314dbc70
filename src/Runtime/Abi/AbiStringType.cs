using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary><c>string</c>: a pointer and a (possibly tagged) code unit count, 8 bytes in memory.</summary>
public sealed class AbiStringType : AbiType
{
    internal AbiStringType()
        : base(AbiTypeKind.String, CanonicalLayout.PointerPairSize, CanonicalLayout.PointerPairAlignment, 2, [CoreValueType.I32, CoreValueType.I32])
    {
    }

    /// <inheritdoc/>
    public override bool HasIndirection => true;

    /// <inheritdoc/>
    public override string ToString() => "string";
}
