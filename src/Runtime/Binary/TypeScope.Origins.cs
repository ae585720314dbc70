namespace WitBindgen.Runtime.Binary;

/// <summary>Where the type indices of a scope come from, as the rules on names see them.</summary>
internal sealed partial class TypeScope
{
    /// <summary>
    /// The definition that introduced the type a type index stands for, following only what makes one index
    /// the same as another: outer aliases (to the enclosing scope's index) and, in an instantiated component or
    /// component type, imports replaced by their instantiation arguments (to the argument's index). Anything
    /// else ends the walk: an import or export (which introduces a new type index with an external name), an
    /// alias of an instance's export, or a type definition.
    /// </summary>
    /// <param name="typeIndex">Index in this scope's type index space.</param>
    /// <returns>The introducing definition, or null when an index on the way does not exist.</returns>
    internal Definition? TypeOrigin(uint typeIndex)
    {
        var scope = this;
        var index = typeIndex;
        for (var depth = 0; depth <= MaxDepth; depth++)
        {
            var source = scope.IndexSpaces.Find(Sort.Type, index)?.Source;
            var alias = source switch
            {
                AliasItem item => item.Alias,
                AliasDeclaration declaration => declaration.Alias,
                _ => null,
            };
            switch (source)
            {
                case not null when alias is OuterAlias outer:
                    var outerScope = scope;
                    for (var i = 0u; i < outer.Count && outerScope is not null; i++)
                    {
                        outerScope = outerScope.Parent;
                    }

                    if (outerScope is null)
                    {
                        return null;
                    }

                    (scope, index) = (outerScope, outer.Index);
                    break;
                case ImportItem or ImportDeclaration when scope.Argument(source) is { Sort: Sort.Type } argument:
                    (scope, index) = (scope._instantiation!.ArgumentScope, argument.Index);
                    break;
                default:
                    return source;
            }
        }

        return null;
    }

    private InstantiationArgument? Argument(Definition import)
    {
        var name = import switch
        {
            ImportItem item => item.Name.Name,
            ImportDeclaration declaration => declaration.Name.Name,
            _ => null,
        };
        return _instantiation?.Arguments.FirstOrDefault(a => a.Name == name);
    }
}
