namespace WitBindgen.Runtime.Binary;

/// <summary>
/// <c>(component decl*)</c>: the type of a component. Its declarations have their own index spaces,
/// starting empty; outer aliases reach enclosing scopes.
/// </summary>
/// <param name="Declarations">Core type, type, alias, import and export declarations, in order.</param>
/// <param name="IndexSpaces">The index spaces the declarations build.</param>
public sealed record ComponentType(IReadOnlyList<Declaration> Declarations, IndexSpaces IndexSpaces) : DefinedType
{
    /// <summary>The import declarations, in order.</summary>
    public IEnumerable<ImportDeclaration> Imports => Declarations.OfType<ImportDeclaration>();

    /// <summary>The export declarations, in order.</summary>
    public IEnumerable<ExportDeclaration> Exports => Declarations.OfType<ExportDeclaration>();

    /// <inheritdoc/>
    public override string Describe() => $"(component with {Declarations.Count} declarations)";
}
