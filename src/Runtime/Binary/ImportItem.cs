namespace WitBindgen.Runtime.Binary;

/// <summary>An import definition: <c>(import "name" externtype)</c>.</summary>
/// <param name="Name">The import name and attributes.</param>
/// <param name="Type">The imported definition's type; its sort is the index space the import adds to.</param>
internal sealed record ImportItem(ExternName Name, ExternType Type) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"import \"{Name.Name}\"";
}
