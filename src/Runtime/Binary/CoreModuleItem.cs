namespace WitBindgen.Runtime.Binary;

/// <summary>A core module section: <c>(core module ...)</c>, kept as the module's binary.</summary>
/// <param name="Bytes">The whole core module binary (preamble included), a slice of the component's bytes.</param>
internal sealed record CoreModuleItem(ReadOnlyMemory<byte> Bytes) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"core module ({Bytes.Length} bytes at offset 0x{Offset:x})";
}
