using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Well-formedness of type definitions (Explainer.md "Type Definitions", Binary.md notes on <c>deftype</c>):
/// resource types are only defined in concrete components (not in component or instance types), are
/// represented by <c>i32</c>, and have a destructor of type <c>(func (param i32))</c>; function results, stream
/// elements and future payloads never contain a <c>borrow</c>; <c>(stream char)</c> is rejected for now; map keys
/// are booleans, integers, chars or strings.
/// </summary>
internal static class TypeDefinitionRules
{
    /// <summary>Checks every type definition of <paramref name="root"/> and of everything nested in it.</summary>
    /// <exception cref="ComponentFormatException">A type definition breaks one of the rules.</exception>
    public static void Check(ComponentDefinition root)
    {
        var facts = new ValueTypeFacts();
        foreach (var scope in ValidationScope.All(root))
        {
            foreach (var definition in scope.Definitions)
            {
                var type = definition switch
                {
                    TypeItem item => item.Type,
                    TypeDeclaration declaration => declaration.Type,
                    _ => null,
                };
                if (type is null)
                {
                    continue;
                }

                // A reference that does not resolve is reported with this definition's offset.
                try
                {
                    Check(scope, definition, new ResolvedType(type, scope.TypeScope, definition), facts);
                }
                catch (ComponentFormatException e) when (!e.Reason.StartsWith("invalid component:", StringComparison.Ordinal))
                {
                    throw ComponentValidator.Invalid(e.Reason, definition.Offset);
                }
            }
        }
    }

    private static void Check(ValidationScope scope, Definition at, ResolvedType type, ValueTypeFacts facts)
    {
        switch (type.Definition)
        {
            case ResourceType resource:
                if (scope.Kind != ScopeKind.Component)
                {
                    throw ComponentValidator.Invalid("resources can only be defined within a concrete component, not in a component or instance type", at.Offset);
                }

                if (resource.Representation != CoreValueType.I32)
                {
                    throw ComponentValidator.Invalid($"resources can only be represented by `i32`, not `{resource.Representation}`", at.Offset);
                }

                if (resource.DestructorIndex is { } destructor && scope.Core.Function(destructor, at) is { } signature
                    && !(signature.Parameters.SequenceEqual([CoreValueType.I32]) && signature.Results.Count == 0))
                {
                    throw ComponentValidator.Invalid(
                        $"core function {destructor} has the wrong signature for a destructor: {signature.Describe()}, expected (func (param i32))", at.Offset);
                }

                break;
            case FunctionType { Result: { } result }:
                if (facts.ContainsBorrow(type.ResolveValueType(result)))
                {
                    throw ComponentValidator.Invalid("function result cannot contain a `borrow` type", at.Offset);
                }

                break;
            case StreamType { Element: { } element }:
                var resolved = type.ResolveValueType(element);
                if (resolved.Definition is PrimitiveValueType { Type: PrimitiveType.Char })
                {
                    throw ComponentValidator.Invalid("`stream<char>` is not valid at this time (it is rejected until streams apply string encodings)", at.Offset);
                }

                if (facts.ContainsBorrow(resolved))
                {
                    throw ComponentValidator.Invalid("stream element type cannot contain a `borrow` type", at.Offset);
                }

                break;
            case FutureType { Element: { } payload }:
                if (facts.ContainsBorrow(type.ResolveValueType(payload)))
                {
                    throw ComponentValidator.Invalid("future payload type cannot contain a `borrow` type", at.Offset);
                }

                break;
            case MapType map:
                if (type.ResolveValueType(map.Key).Definition is not PrimitiveValueType { Type: not (PrimitiveType.F32 or PrimitiveType.F64 or PrimitiveType.ErrorContext) })
                {
                    throw ComponentValidator.Invalid($"map key type {map.Key} is not valid: a key is a bool, an integer, a char or a string", at.Offset);
                }

                break;
        }
    }
}
