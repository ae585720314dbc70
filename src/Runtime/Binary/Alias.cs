namespace WitBindgen.Runtime.Binary;

/// <summary>
/// An alias: <see cref="InstanceExportAlias"/>, <see cref="CoreInstanceExportAlias"/> or
/// <see cref="OuterAlias"/>. Used by <see cref="AliasItem"/> and <see cref="AliasDeclaration"/>.
/// </summary>
/// <param name="Sort">The sort of the aliased definition, and so the index space the alias adds to.</param>
internal abstract record Alias(Sort Sort)
{
    /// <summary>A short, human-readable description.</summary>
    public abstract string Describe();
}

/// <summary><c>(alias export i "name" (sort))</c>: an export of a component instance.</summary>
/// <param name="Sort">The sort of the export.</param>
/// <param name="InstanceIndex">Index in the (component) instance index space.</param>
/// <param name="Name">The export name.</param>
internal sealed record InstanceExportAlias(Sort Sort, uint InstanceIndex, string Name) : Alias(Sort)
{
    /// <inheritdoc/>
    public override string Describe() => $"alias export of instance {InstanceIndex} named \"{Name}\" ({Sort.ToText()})";
}

/// <summary><c>(alias core export i "name" (core sort))</c>: an export of a core instance.</summary>
/// <param name="Sort">The core sort of the export.</param>
/// <param name="InstanceIndex">Index in the core instance index space.</param>
/// <param name="Name">The export name.</param>
internal sealed record CoreInstanceExportAlias(Sort Sort, uint InstanceIndex, string Name) : Alias(Sort)
{
    /// <inheritdoc/>
    public override string Describe() => $"alias core export of core instance {InstanceIndex} named \"{Name}\" ({Sort.ToText()})";
}

/// <summary><c>(alias outer ct idx (sort))</c>: a definition of an enclosing scope.</summary>
/// <param name="Sort">The sort of the aliased definition.</param>
/// <param name="Count">How many scopes outward (0 is the current scope).</param>
/// <param name="Index">Index in the <paramref name="Sort"/> index space of that scope.</param>
internal sealed record OuterAlias(Sort Sort, uint Count, uint Index) : Alias(Sort)
{
    /// <inheritdoc/>
    public override string Describe() => $"alias outer {Count} {Index} ({Sort.ToText()})";
}
