using System.Collections.Immutable;
using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// <c>flags</c>: a packed bit vector, flag <c>i</c> at bit <c>i % 32</c> of 32-bit word <c>i / 32</c>. Up to 8 flags
/// use one byte, up to 16 two bytes, up to 32 one <c>i32</c>; more than 32 flags use one <c>i32</c> per 32 flags,
/// and zero flags use no storage at all.
/// </summary>
public sealed class AbiFlagsType : AbiType
{
    internal AbiFlagsType(int count, ImmutableArray<string> labels = default)
        : base(AbiTypeKind.Flags, SizeOf(count), AlignmentOf(count), WordCountOf(count), FlatOf(count))
    {
        Count = count;
        WordCount = WordCountOf(count);
        Labels = labels;
    }

    /// <summary>
    /// The flag names when the type came from a component binary (the link-time type check compares them); default
    /// for a type made from a count alone.
    /// </summary>
    internal ImmutableArray<string> Labels { get; }

    /// <summary>The number of flags.</summary>
    public int Count { get; }

    /// <summary>The number of 32-bit words (and of flat <c>i32</c> values) the flags occupy.</summary>
    public int WordCount { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => false;

    /// <inheritdoc/>
    public override string ToString() => $"flags<{Count}>";

    private static int WordCountOf(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The flag count must not be negative.");
        }

        return CanonicalLayout.FlagsFlatCount(count);
    }

    private static int SizeOf(int count) => AbiLayout.CheckedSize(CanonicalLayout.FlagsSize(count), $"flags<{count}>");

    private static int AlignmentOf(int count) => CanonicalLayout.FlagsAlignment(count);

    private static CoreValueType[]? FlatOf(int count)
    {
        var words = WordCountOf(count);
        return words <= AbiLayout.MaxMaterializedFlatTypes ? new CoreValueType[words] : null;
    }
}
