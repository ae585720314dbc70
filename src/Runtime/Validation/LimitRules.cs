using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Size and nesting limits of value types. CanonicalABI.md "Element Size" and Binary.md: every value type a
/// component defines has <c>elem_size(t, 'i64')</c> below 2^28 bytes. Like the reference validators, this
/// also bounds how deeply value types nest (<see cref="MaxDepth"/>) and their effective size, the number of
/// type nodes they expand to (<see cref="MaxEffectiveSize"/>), so that no type, however it shares
/// definitions, costs more than linear work to lift, lower or compare.
/// </summary>
internal static class LimitRules
{
    /// <summary>The deepest nesting of value types accepted.</summary>
    public const int MaxDepth = 100;

    /// <summary>The most type nodes a value or function type may expand to.</summary>
    public const long MaxEffectiveSize = 1_000_000;

    /// <summary>Checks every value and function type defined in <paramref name="root"/> and everything nested in it.</summary>
    /// <exception cref="ComponentFormatException">A type is too large or nests too deeply.</exception>
    public static void Check(ComponentDefinition root)
    {
        var facts = new ValueTypeFacts();
        var measures = new Dictionary<(object?, TypeScope), (long Size, int Depth)>(new PairComparer());
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
                if (type is not (DefinedValueType or FunctionType))
                {
                    continue;
                }

                var resolved = new ResolvedType(type, scope.TypeScope, definition);
                try
                {
                    var (size, depth) = Measure(resolved, measures);
                    if (depth > MaxDepth)
                    {
                        throw ComponentValidator.Invalid($"type nesting is too deep: value types may nest at most {MaxDepth} levels", definition.Offset);
                    }

                    if (size > MaxEffectiveSize)
                    {
                        throw ComponentValidator.Invalid($"effective type size exceeds the limit of {MaxEffectiveSize}", definition.Offset);
                    }

                    if (type is DefinedValueType && facts.Layout(resolved).Size >= ValueTypeFacts.MaxElementSize)
                    {
                        throw ComponentValidator.Invalid(
                            $"the type {type.Describe()} is too large: its size in memory (elem_size) must be less than 2^28 bytes", definition.Offset);
                    }
                }
                catch (ComponentFormatException e) when (!e.Reason.StartsWith("invalid component:", StringComparison.Ordinal))
                {
                    throw ComponentValidator.Invalid(e.Reason, definition.Offset);
                }
            }
        }
    }

    /// <summary>The effective size (type nodes, saturating) and the nesting depth of a value or function type.</summary>
    private static (long Size, int Depth) Measure(ResolvedType type, Dictionary<(object?, TypeScope), (long Size, int Depth)> measures)
    {
        if (type.Definition is PrimitiveValueType or null)
        {
            return (1, 1);
        }

        var key = ((object?)type.Definition, type.Scope);
        if (measures.TryGetValue(key, out var known))
        {
            return known;
        }

        StackGuard.Enter();

        IEnumerable<ResolvedType> children = type.Definition is FunctionType function
            ? function.Parameters.Select(p => type.ResolveValueType(p.Type))
                .Concat(function.Result is { } result ? [type.ResolveValueType(result)] : [])
            : ValueTypeFacts.Children(type);
        long size = 1;
        var depth = 0;
        foreach (var child in children)
        {
            var (childSize, childDepth) = Measure(child, measures);
            size = Math.Min(size + childSize, MaxEffectiveSize + 1);
            depth = Math.Max(depth, childDepth);
        }

        var measure = (size, Math.Min(depth + 1, MaxDepth + 1));
        measures[key] = measure;
        return measure;
    }

    private sealed class PairComparer : IEqualityComparer<(object?, TypeScope)>
    {
        public bool Equals((object?, TypeScope) x, (object?, TypeScope) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((object?, TypeScope) obj) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
