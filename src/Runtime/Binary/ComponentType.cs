namespace WitBindgen.Runtime.Binary;

/// <summary>
/// <c>(component decl*)</c>: the type of a component. Its declarations have their own index spaces,
/// starting empty; outer aliases reach enclosing scopes.
/// </summary>
/// <param name="Declarations">Core type, type, alias, import and export declarations, in order.</param>
/// <param name="IndexSpaces">The index spaces the declarations build.</param>
internal sealed record ComponentType(IReadOnlyList<Declaration> Declarations, IndexSpaces IndexSpaces) : DefinedType
{
    /// <summary>Core type, type, alias, import and export declarations, in order.</summary>
    public IReadOnlyList<Declaration> Declarations { get; init; } = ValueList.Of(Declarations);

    /// <summary>The import declarations, in order.</summary>
    public IEnumerable<ImportDeclaration> Imports => Declarations.OfType<ImportDeclaration>();

    /// <summary>The export declarations, in order.</summary>
    public IEnumerable<ExportDeclaration> Exports => Declarations.OfType<ExportDeclaration>();

    /// <summary>Whether both have the same declarations (the index spaces follow from them).</summary>
    /// <param name="other">The other type.</param>
    public bool Equals(ComponentType? other) => other is not null && Declarations.Equals(other.Declarations);

    /// <inheritdoc/>
    public override int GetHashCode() => Declarations.GetHashCode();

    /// <inheritdoc/>
    public override string Describe() => $"(component with {Declarations.Count} declarations)";
}
