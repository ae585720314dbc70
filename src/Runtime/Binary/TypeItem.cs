namespace WitBindgen.Runtime.Binary;

/// <summary>A type definition in a component: <c>(type ...)</c>.</summary>
/// <param name="Type">The defined type.</param>
internal sealed record TypeItem(DefinedType Type) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"type {Type.Describe()}";
}
