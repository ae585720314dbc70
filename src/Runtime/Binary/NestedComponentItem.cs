namespace WitBindgen.Runtime.Binary;

/// <summary>A nested component section: <c>(component ...)</c> inside a component.</summary>
/// <param name="Component">The nested component, read recursively.</param>
internal sealed record NestedComponentItem(ComponentDefinition Component) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"nested component at offset 0x{Offset:x}";
}
