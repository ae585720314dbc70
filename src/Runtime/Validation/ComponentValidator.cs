using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Validates a component as the specification does (Explainer.md, Binary.md, CanonicalABI.md), when it is
/// loaded and before any of it runs. Each family of rules is its own class; every one walks the whole component,
/// nested components and component and instance types included. The first violation found is thrown as a
/// <see cref="ComponentFormatException"/> carrying the byte offset of the definition at fault and a reason in the
/// specification's terms.
/// </summary>
internal static class ComponentValidator
{
    /// <summary>Validates <paramref name="component"/> (the outermost component of a binary).</summary>
    /// <exception cref="ComponentFormatException">The component is invalid.</exception>
    public static void Validate(ComponentDefinition component)
    {
        ArgumentNullException.ThrowIfNull(component);

        // One line per family of rules (each a class of this folder).
        IndexRules.Check(component);
        OuterAliasRules.Check(component);
        LimitRules.Check(component);
        TypeDefinitionRules.Check(component);
        NameRules.Check(component);
        Types.TypeChecker.Check(component);
        CanonRules.Check(component);
        CoreModuleRules.Check(component);
    }

    /// <summary>The exception for a violation at <paramref name="offset"/>.</summary>
    public static ComponentFormatException Invalid(string reason, long offset) => new("invalid component: " + reason, offset);

    /// <summary>The component and every component nested in it, outermost first.</summary>
    public static IEnumerable<ComponentDefinition> Components(ComponentDefinition root)
    {
        yield return root;
        foreach (var nested in root.NestedComponents)
        {
            foreach (var inner in Components(nested))
            {
                yield return inner;
            }
        }
    }

    /// <summary>
    /// Every component type and instance type defined anywhere in the component (in type definitions of the
    /// components, in import and export declarations, and nested in other types), each with the offset of the
    /// definition that holds it.
    /// </summary>
    public static IEnumerable<(DefinedType Type, int Offset)> ComponentAndInstanceTypes(ComponentDefinition root)
    {
        foreach (var component in Components(root))
        {
            foreach (var item in component.Items)
            {
                if (item is TypeItem { Type: ComponentType or InstanceType } typeItem)
                {
                    foreach (var found in Nested(typeItem.Type, item.Offset))
                    {
                        yield return found;
                    }
                }
            }
        }

        static IEnumerable<(DefinedType, int)> Nested(DefinedType type, int offset)
        {
            yield return (type, offset);
            var declarations = type switch
            {
                ComponentType c => c.Declarations,
                InstanceType i => i.Declarations,
                _ => [],
            };
            foreach (var declaration in declarations)
            {
                if (declaration is TypeDeclaration { Type: ComponentType or InstanceType } inner)
                {
                    foreach (var found in Nested(inner.Type, declaration.Offset == 0 ? offset : declaration.Offset))
                    {
                        yield return found;
                    }
                }
            }
        }
    }
}
