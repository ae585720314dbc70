namespace WitBindgen.Runtime.Abi;

/// <summary><c>option&lt;T&gt;</c>: the variant <c>none | some(T)</c>.</summary>
public sealed class AbiOptionType : AbiSumType
{
    internal AbiOptionType(AbiType payload)
        : base(AbiTypeKind.Option, 2, [null, payload ?? throw new ArgumentNullException(nameof(payload))])
    {
        Payload = payload;
    }

    /// <summary>The type of the <c>some</c> payload.</summary>
    public AbiType Payload { get; }

    /// <inheritdoc/>
    public override string ToString() => $"option<{Payload}>";
}
