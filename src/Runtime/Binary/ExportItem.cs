namespace WitBindgen.Runtime.Binary;

/// <summary>
/// An export definition: <c>(export "name" (sort idx) externtype?)</c>. Like an alias, it adds a new
/// index for the exported definition to the index space of <see cref="Sort"/>.
/// </summary>
/// <param name="Name">The export name and attributes.</param>
/// <param name="Sort">The sort of the exported definition.</param>
/// <param name="Index">Index in the <paramref name="Sort"/> index space.</param>
/// <param name="Type">The optional type ascription.</param>
internal sealed record ExportItem(ExternName Name, Sort Sort, uint Index, ExternType? Type) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"export \"{Name.Name}\" of {Sort.ToText()} {Index}";
}
