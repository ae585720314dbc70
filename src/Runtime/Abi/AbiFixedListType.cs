using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>Fixed-length <c>list&lt;T, N&gt;</c>: laid out and flattened like a tuple of N elements.</summary>
public sealed class AbiFixedListType : AbiType
{
    internal AbiFixedListType(AbiType element, int length)
        : base(
            AbiTypeKind.FixedList,
            ComputeSize(element, length),
            element.Alignment,
            element.FlatCount * length,
            Repeat(element, length))
    {
        Element = element;
        Length = length;
    }

    /// <summary>The element type.</summary>
    public AbiType Element { get; }

    /// <summary>The number of elements, at least 1.</summary>
    public int Length { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => Element.HasIndirection;

    /// <inheritdoc/>
    public override string ToString() => $"list<{Element}, {Length}>";

    private static int ComputeSize(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A fixed-length list must have a length larger than 0.");
        }

        return AbiLayout.CheckedSize(CanonicalLayout.FixedListSize(element.Size, length), $"list<{element}, {length}>");
    }

    private static CoreValueType[]? Repeat(AbiType element, int length)
    {
        var total = element.FlatCount * length;
        if (total > AbiLayout.MaxMaterializedFlatTypes)
        {
            return null;
        }

        var flat = element.FlatTypesOrNull!;
        var result = new CoreValueType[total];
        for (var i = 0; i < length; i++)
        {
            flat.CopyTo(result, i * flat.Length);
        }

        return result;
    }
}
