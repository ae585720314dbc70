using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Outer aliases and alias declarators (Explainer.md "Alias Definitions" and "Declarators", Binary.md "Alias
/// Definitions"): the count of an outer alias may not exceed the number of enclosing scopes (components,
/// component types and instance types), its index must exist in the target scope at the point where the
/// current scope is defined, only core modules, core types, components and types may be aliased, and a type
/// that (transitively) refers to a resource may not be aliased across a component boundary (resources are
/// generative). Inside component and instance types, export aliases may only alias instances and types and
/// outer aliases only core types and types.
/// </summary>
internal static class OuterAliasRules
{
    /// <summary>Checks every alias of <paramref name="root"/> and of everything nested in it.</summary>
    /// <exception cref="ComponentFormatException">An alias breaks one of the rules.</exception>
    public static void Check(ComponentDefinition root)
    {
        foreach (var scope in ValidationScope.All(root))
        {
            foreach (var definition in scope.Definitions)
            {
                switch (definition)
                {
                    case AliasItem { Alias: OuterAlias outer }:
                        Outer(scope, definition, outer);
                        break;
                    case AliasDeclaration { Alias: var alias }:
                        Declarator(definition, alias);
                        if (alias is OuterAlias declared)
                        {
                            Outer(scope, definition, declared);
                        }

                        break;
                }
            }
        }
    }

    private static void Declarator(Definition at, Alias alias)
    {
        var allowed = alias switch
        {
            InstanceExportAlias => alias.Sort is Sort.Instance or Sort.Type,
            OuterAlias => alias.Sort is Sort.CoreType or Sort.Type,
            _ => false,
        };
        if (!allowed)
        {
            var kind = alias switch
            {
                InstanceExportAlias => "export aliases: instance or type",
                OuterAlias => "outer aliases: core type or type",
                _ => "no core export aliases",
            };
            throw ComponentValidator.Invalid(
                $"an alias inside a component or instance type may only refer to types or instances ({kind}), not {IndexRules.A(alias.Sort)}", at.Offset);
        }
    }

    private static void Outer(ValidationScope scope, Definition at, OuterAlias alias)
    {
        if (alias.Sort is not (Sort.CoreModule or Sort.CoreType or Sort.Component or Sort.Type))
        {
            throw ComponentValidator.Invalid($"an outer alias may only refer to core modules, core types, components and types, not {IndexRules.A(alias.Sort)}", at.Offset);
        }

        var target = scope.Outer(alias.Count, at)
            ?? throw ComponentValidator.Invalid($"invalid outer alias count of {alias.Count}: the alias has {scope.Depth} enclosing scope(s)", at.Offset);
        if (target.Scope.Find(alias.Sort, alias.Index, target.At) is null)
        {
            throw ComponentValidator.Invalid(
                $"{IndexRules.Noun(alias.Sort)} index out of bounds: outer alias of index {alias.Index} ({target.Scope.CountAt(alias.Sort, target.At)} defined there at this point)",
                at.Offset);
        }

        if (alias.Sort == Sort.Type && target.CrossesComponent)
        {
            bool refers;
            try
            {
                refers = new ResourceReferences().RefersToOutsideResource(target.Scope.TypeScope.ResolveType(alias.Index));
            }
            catch (ComponentFormatException e)
            {
                throw ComponentValidator.Invalid(e.Reason, at.Offset);
            }

            if (refers)
            {
                throw ComponentValidator.Invalid(
                    $"type index {alias.Index} transitively refers to resources, so it cannot be aliased across a component boundary (outer alias count {alias.Count})",
                    at.Offset);
            }
        }
    }
}
