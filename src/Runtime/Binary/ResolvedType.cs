namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The result of resolving a type index: the type definition and the scope whose index spaces the type
/// indices inside it refer to, or an abstract resource type introduced by an import or export with a
/// <c>(sub resource)</c> bound.
/// </summary>
/// <param name="Definition">The type definition; null for an abstract resource type.</param>
/// <param name="Scope">The scope the definition (or abstract resource) belongs to.</param>
/// <param name="Source">
/// The definition or declaration that introduced the type: a <see cref="TypeItem"/> or
/// <see cref="TypeDeclaration"/>, or for an abstract resource the import or export. Null for a primitive
/// type written inline.
/// </param>
internal sealed record ResolvedType(DefinedType? Definition, TypeScope Scope, Definition? Source)
{
    /// <summary>Whether this is an abstract resource type (imported or exported with <c>(sub resource)</c>).</summary>
    public bool IsAbstractResource => Definition is null;

    /// <summary>Whether this is a resource type: a local <see cref="ResourceType"/> or an abstract one.</summary>
    public bool IsResource => Definition is null or ResourceType;

    /// <summary>Resolves a value type that appears inside <see cref="Definition"/>.</summary>
    /// <param name="type">A value type of the definition.</param>
    public ResolvedType ResolveValueType(ValueTypeReference type) => Scope.ResolveValueType(type);

    /// <summary>Resolves a type index that appears inside <see cref="Definition"/> (e.g. of own/borrow).</summary>
    /// <param name="typeIndex">A type index of the definition.</param>
    public ResolvedType ResolveType(uint typeIndex) => Scope.ResolveType(typeIndex);

    /// <summary>A short, human-readable description.</summary>
    public string Describe() => Definition?.Describe() ?? $"abstract resource from {Source?.Describe()}";
}
