namespace WitBindgen.Runtime.Abi;

/// <summary><c>enum</c>: a variant whose cases carry no payload; only the discriminant is stored.</summary>
public sealed class AbiEnumType : AbiSumType
{
    internal AbiEnumType(int caseCount)
        : base(AbiTypeKind.Enum, caseCount, null)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"enum<{CaseCount} cases>";
}
