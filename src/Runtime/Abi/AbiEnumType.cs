using System.Collections.Immutable;

namespace WitBindgen.Runtime.Abi;

/// <summary><c>enum</c>: a variant whose cases carry no payload; only the discriminant is stored.</summary>
public sealed class AbiEnumType : AbiSumType
{
    internal AbiEnumType(int caseCount, ImmutableArray<string> labels = default)
        : base(AbiTypeKind.Enum, caseCount, null)
    {
        Labels = labels;
    }

    /// <summary>
    /// The case names when the type came from a component binary (the link-time type check compares them); default
    /// for a type made from a count alone.
    /// </summary>
    internal ImmutableArray<string> Labels { get; }

    /// <inheritdoc/>
    public override string ToString() => $"enum<{CaseCount} cases>";
}
