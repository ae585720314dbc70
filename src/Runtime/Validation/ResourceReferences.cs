using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Whether a type transitively refers to a resource type that it does not itself introduce: a resource type,
/// an <c>own</c> or <c>borrow</c> of one, or a value, function, component or instance type that mentions one.
/// Resources that a component or instance type declares for itself (its own <c>(sub resource)</c> imports and
/// exports) do not count: the type stays self-contained.
/// </summary>
internal sealed class ResourceReferences
{
    private readonly HashSet<TypeScope> _inside = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(object? Definition, TypeScope Scope)> _visited = new(new PairComparer());

    /// <summary>Whether <paramref name="type"/> refers to a resource it does not introduce.</summary>
    public bool RefersToOutsideResource(ResolvedType type)
    {
        StackGuard.Enter();
        if (type.IsResource)
        {
            return !IsInside(type.Scope);
        }

        if (type.Definition is PrimitiveValueType || !_visited.Add((type.Definition, type.Scope)))
        {
            return false;
        }

        switch (type.Definition)
        {
            case OwnType own:
                return RefersToOutsideResource(type.ResolveType(own.ResourceTypeIndex));
            case BorrowType borrow:
                return RefersToOutsideResource(type.ResolveType(borrow.ResourceTypeIndex));
            case FunctionType function:
                return function.Parameters.Any(p => RefersToOutsideResource(type.ResolveValueType(p.Type)))
                    || (function.Result is { } result && RefersToOutsideResource(type.ResolveValueType(result)));
            case ComponentType component:
                return Declarations(type.Scope.Enter(component), component.Declarations);
            case InstanceType instance:
                return Declarations(type.Scope.Enter(instance), instance.Declarations);
            default:
                return ValueTypeFacts.Children(type).Any(RefersToOutsideResource);
        }
    }

    private bool Declarations(TypeScope inner, IReadOnlyList<Declaration> declarations)
    {
        _inside.Add(inner);
        foreach (var declaration in declarations)
        {
            var refers = declaration switch
            {
                TypeDeclaration d => RefersToOutsideResource(new ResolvedType(d.Type, inner, d)),
                AliasDeclaration { Alias.Sort: Sort.Type } => inner.IndexSpaces.Types
                    .Where(e => ReferenceEquals(e.Source, declaration))
                    .Any(e => RefersToOutsideResource(inner.ResolveType(e.Index))),
                ImportDeclaration import => Extern(inner, import.Type),
                ExportDeclaration export => Extern(inner, export.Type),
                _ => false,
            };
            if (refers)
            {
                return true;
            }
        }

        return false;
    }

    private bool Extern(TypeScope scope, ExternType type) => type switch
    {
        TypeExternType { Bound.EqualTypeIndex: { } equal } => RefersToOutsideResource(scope.ResolveType(equal)),
        FunctionExternType f => RefersToOutsideResource(scope.ResolveType(f.TypeIndex)),
        ComponentExternType c => RefersToOutsideResource(scope.ResolveType(c.TypeIndex)),
        InstanceExternType i => RefersToOutsideResource(scope.ResolveType(i.TypeIndex)),
        ValueExternType { Bound.Type: { } value } => RefersToOutsideResource(scope.ResolveValueType(value)),
        _ => false,
    };

    private bool IsInside(TypeScope scope)
    {
        for (TypeScope? s = scope; s is not null; s = s.Parent)
        {
            if (_inside.Contains(s))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class PairComparer : IEqualityComparer<(object? Definition, TypeScope Scope)>
    {
        public bool Equals((object? Definition, TypeScope Scope) x, (object? Definition, TypeScope Scope) y) =>
            ReferenceEquals(x.Definition, y.Definition) && ReferenceEquals(x.Scope, y.Scope);

        public int GetHashCode((object? Definition, TypeScope Scope) obj) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Definition),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Scope));
    }
}
