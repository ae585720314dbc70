using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// <c>stream&lt;T&gt;</c> or <c>future&lt;T&gt;</c> (T optional): passed as the index of its readable end in the
/// instance's table, one <c>i32</c>, like a handle. Lifting moves the end out of the table, lowering adds a new one.
/// </summary>
public sealed class AbiAsyncValueType : AbiType
{
    internal AbiAsyncValueType(bool isStream, AbiType? element)
        : base(isStream ? AbiTypeKind.Stream : AbiTypeKind.Future, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, 1, [CoreValueType.I32])
    {
        Element = element;
    }

    /// <summary>True for <c>stream</c>, false for <c>future</c>.</summary>
    public bool IsStream => Kind == AbiTypeKind.Stream;

    /// <summary>The element type, or null for <c>stream</c> or <c>future</c> without one.</summary>
    public AbiType? Element { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => false;

    /// <inheritdoc/>
    public override string ToString() => $"{(IsStream ? "stream" : "future")}{(Element is { } e ? $"<{e}>" : string.Empty)}";
}
