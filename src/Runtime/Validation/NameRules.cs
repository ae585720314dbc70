using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The rules on names (Explainer.md, "Import and Export Definitions" and "Name Uniqueness"; Binary.md, "Import
/// and Export Definitions" and "Type Definitions"), in every scope that has imports or exports: components,
/// component types, instance types and instances built from inline exports. Each name is an
/// <c>externname</c> (<see cref="ExternNameGrammar"/>) with valid attributes (<see cref="NameAttributes"/>);
/// the imports, and the exports, of a scope are strongly-unique (<see cref="ExternNamespace"/>); annotated
/// names are typed as their annotation says (<see cref="AnnotatedNames"/>); and the labels inside type
/// definitions are kebab case and unique (<see cref="TypeLabels"/>).
/// </summary>
internal static class NameRules
{
    /// <summary>Checks the names of <paramref name="root"/> and of everything in it.</summary>
    /// <exception cref="ComponentFormatException">A rule is broken.</exception>
    public static void Check(ComponentDefinition root)
    {
        foreach (var component in ComponentValidator.Components(root))
        {
            CheckComponent(component);
        }
    }

    private static void CheckComponent(ComponentDefinition component)
    {
        var scope = component.Scope;
        var imports = new ExternNamespace("import");
        var exports = new ExternNamespace("export");
        foreach (var item in component.Items)
        {
            switch (item)
            {
                case ImportItem import:
                    Extern(imports, import.Name, import.Type.Sort, () => scope.ResolveType(((FunctionExternType)import.Type).TypeIndex), item.Offset);
                    if (import.Type is TypeExternType { Bound: var bound })
                    {
                        AddResource(imports, import.Name, import, () => IsResource(scope, bound));
                    }

                    break;
                case ExportItem export:
                    Extern(exports, export.Name, export.Sort, () => ExportedFunctionType(scope, export), item.Offset);
                    if (export.Sort == Sort.Type)
                    {
                        AddResource(exports, export.Name, export, () => export.Type is TypeExternType { Bound: var exportBound }
                            ? IsResource(scope, exportBound)
                            : scope.ResolveType(export.Index).IsResource);
                    }

                    break;
                case InlineInstanceItem inline:
                    CheckInlineInstance(scope, inline);
                    break;
                case TypeItem type:
                    CheckType(scope, type.Type, item.Offset);
                    break;
            }
        }
    }

    /// <summary>The exports of an instance built from inline exports; no type index of the scope is named by them.</summary>
    private static void CheckInlineInstance(TypeScope scope, InlineInstanceItem inline)
    {
        var exports = new ExternNamespace("export");
        foreach (var export in inline.Exports)
        {
            Extern(exports, export.Name, export.Sort, () => scope.ResolveFunctionType(export.Index), inline.Offset);
            if (export.Sort == Sort.Type)
            {
                AddResource(exports, export.Name, null, () => scope.ResolveType(export.Index).IsResource);
            }
        }
    }

    /// <summary>Checks a type definition of <paramref name="outer"/>, and for a component or instance type, its declarations.</summary>
    private static void CheckType(TypeScope outer, DefinedType type, int offset)
    {
        TypeLabels.Check(type, offset);
        var (scope, declarations) = type switch
        {
            ComponentType component => (outer.Enter(component), component.Declarations),
            InstanceType instance => (outer.Enter(instance), instance.Declarations),
            _ => (outer, []),
        };
        var imports = new ExternNamespace("import");
        var exports = new ExternNamespace("export");
        foreach (var declaration in declarations)
        {
            var at = declaration.Offset == 0 ? offset : declaration.Offset;
            switch (declaration)
            {
                case TypeDeclaration inner:
                    CheckType(scope, inner.Type, at);
                    break;
                case ImportDeclaration import:
                    Declared(scope, imports, import.Name, import.Type, import, at);
                    break;
                case ExportDeclaration export:
                    Declared(scope, exports, export.Name, export.Type, export, at);
                    break;
            }
        }
    }

    private static void Declared(TypeScope scope, ExternNamespace names, ExternName name, ExternType type, Declaration declaration, int offset)
    {
        Extern(names, name, type.Sort, () => scope.ResolveType(((FunctionExternType)type).TypeIndex), offset);
        if (type is TypeExternType { Bound: var bound })
        {
            AddResource(names, name, declaration, () => IsResource(scope, bound));
        }
    }

    /// <summary>The rules every import and export name follows, in order: grammar, attributes, uniqueness, annotation.</summary>
    private static void Extern(ExternNamespace names, ExternName name, Sort sort, Func<ResolvedType> functionType, int offset)
    {
        if (ExternNameGrammar.Check(name.Name) is { } error)
        {
            throw ComponentValidator.Invalid($"{names.Kind} name `{name.Name}` is not a valid extern name: {error}", offset);
        }

        NameAttributes.Check(names.Kind, name, sort, offset);
        names.Add(name.Name, offset);
        AnnotatedNames.Check(names, name, sort, functionType, offset);
    }

    private static ResolvedType ExportedFunctionType(TypeScope scope, ExportItem export) =>
        export.Type is FunctionExternType ascribed ? scope.ResolveType(ascribed.TypeIndex) : scope.ResolveFunctionType(export.Index);

    private static bool IsResource(TypeScope scope, TypeBound bound) =>
        bound.EqualTypeIndex is not { } equal || scope.ResolveType(equal).IsResource;

    /// <summary>A resource type imported or exported under a plain label gives that label to the type index it introduces.</summary>
    private static void AddResource(ExternNamespace names, ExternName name, Definition? introduced, Func<bool> isResource)
    {
        if (name.Kind == ExternNameKind.Label && isResource())
        {
            names.AddResource(name.Name, introduced);
        }
    }
}
