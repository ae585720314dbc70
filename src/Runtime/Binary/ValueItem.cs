namespace WitBindgen.Runtime.Binary;

/// <summary>A value definition (value section): <c>(value t v)</c>, kept in its binary encoding.</summary>
/// <param name="Type">The value's type.</param>
/// <param name="Encoded">The encoded value <c>val(t)</c>, a slice of the component's bytes.</param>
internal sealed record ValueItem(ValueTypeReference Type, ReadOnlyMemory<byte> Encoded) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"value of type {Type} ({Encoded.Length} bytes)";
}
