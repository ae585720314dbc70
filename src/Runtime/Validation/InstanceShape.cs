using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The exports of a component instance as far as validation follows them: their names and sorts, and for an
/// exported instance its own shape. Built from an instance type (of an import or export declaration), from
/// inline exports, or from the exports of the component an instantiation instantiates.
/// </summary>
internal sealed class InstanceShape
{
    private readonly Func<string, (Sort Sort, Func<InstanceShape?> Instance)?> _lookup;

    private InstanceShape(Func<string, (Sort Sort, Func<InstanceShape?> Instance)?> lookup) => _lookup = lookup;

    /// <summary>The shape of instance <paramref name="index"/> of <paramref name="scope"/> at <paramref name="at"/>, when known.</summary>
    public static InstanceShape? Of(ValidationScope scope, uint index, Definition at)
    {
        var entry = scope.Find(Sort.Instance, index, at);
        try
        {
            return entry?.Source switch
            {
                ImportItem { Type: InstanceExternType t } => Declared(scope.TypeScope, t.TypeIndex),
                ImportDeclaration { Type: InstanceExternType t } => Declared(scope.TypeScope, t.TypeIndex),
                ExportDeclaration { Type: InstanceExternType t } => Declared(scope.TypeScope, t.TypeIndex),
                InlineInstanceItem inline => new InstanceShape(name =>
                    inline.Exports.FirstOrDefault(e => e.Name.Name == name) is { } export
                        ? (export.Sort, () => export.Sort == Sort.Instance ? Of(scope, export.Index, inline) : null)
                        : null),
                InstantiationItem instantiation => Instantiated(scope, instantiation),
                AliasItem { Alias: InstanceExportAlias alias } => Of(scope, alias.InstanceIndex, entry.Source)?.Instance(alias.Name),
                AliasDeclaration { Alias: InstanceExportAlias alias } => Of(scope, alias.InstanceIndex, entry.Source)?.Instance(alias.Name),
                ExportItem { Sort: Sort.Instance } export => Of(scope, export.Index, export),
                _ => null,
            };
        }
        catch (ComponentFormatException)
        {
            // A type that does not resolve; the rule for its definition reports it.
            return null;
        }
    }

    /// <summary>The sort of the export named <paramref name="name"/>, or null when there is none.</summary>
    public Sort? SortOf(string name) => _lookup(name)?.Sort;

    /// <summary>The shape of the instance exported as <paramref name="name"/>, when known.</summary>
    public InstanceShape? Instance(string name)
    {
        try
        {
            return _lookup(name) is { Sort: Sort.Instance } found ? found.Instance() : null;
        }
        catch (ComponentFormatException)
        {
            return null;
        }
    }

    private static InstanceShape? Declared(TypeScope scope, uint typeIndex)
    {
        var resolved = scope.ResolveType(typeIndex);
        return resolved.Definition is InstanceType type ? FromDeclarations(resolved.Scope.Enter(type), type.Exports) : null;
    }

    private static InstanceShape FromDeclarations(TypeScope inner, IEnumerable<ExportDeclaration> exports) => new(name =>
        exports.FirstOrDefault(e => e.Name.Name == name) is { } export
            ? (export.Type.Sort, () => export.Type is InstanceExternType t ? Declared(inner, t.TypeIndex) : null)
            : null);

    private static InstanceShape? Instantiated(ValidationScope scope, InstantiationItem instantiation)
    {
        var component = scope.Find(Sort.Component, instantiation.ComponentIndex, instantiation);
        switch (component?.Source)
        {
            case NestedComponentItem nested:
                return new InstanceShape(name =>
                    nested.Component.Exports.LastOrDefault(e => e.Name.Name == name) is { } export ? (export.Sort, () => null) : null);
            case ImportItem { Type: ComponentExternType t }:
                var resolved = scope.TypeScope.ResolveType(t.TypeIndex);
                return resolved.Definition is ComponentType type ? FromDeclarations(resolved.Scope.Enter(type), type.Exports) : null;
            default:
                return null;
        }
    }
}
