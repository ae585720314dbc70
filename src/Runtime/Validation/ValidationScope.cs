using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>What kind of scope a <see cref="ValidationScope"/> is.</summary>
internal enum ScopeKind
{
    /// <summary>A concrete component (the outermost one or a nested one).</summary>
    Component,

    /// <summary>A component type: <c>(type (component ...))</c>.</summary>
    ComponentType,

    /// <summary>An instance type: <c>(type (instance ...))</c>.</summary>
    InstanceType,
}

/// <summary>
/// One scope of index spaces as validation sees it: a component, component type or instance type, with its
/// definitions in order and the definition of its enclosing scope that holds it. Definitions may only refer to
/// indices added by preceding definitions, so every lookup is made "at" a definition: an index is in bounds
/// there when the definition that added it comes before.
/// </summary>
internal sealed class ValidationScope
{
    private readonly Dictionary<Definition, int> _positions = new(ReferenceEqualityComparer.Instance);
    private CoreFacts? _core;

    private ValidationScope(
        ScopeKind kind,
        IndexSpaces indexSpaces,
        IReadOnlyList<Definition> definitions,
        ValidationScope? parent,
        Definition? anchor,
        ComponentDefinition? component,
        DefinedType? type,
        TypeScope typeScope)
    {
        Kind = kind;
        IndexSpaces = indexSpaces;
        Definitions = definitions;
        Parent = parent;
        Anchor = anchor;
        Component = component;
        Type = type;
        TypeScope = typeScope;
        for (var i = 0; i < definitions.Count; i++)
        {
            _positions[definitions[i]] = i;
        }
    }

    /// <summary>Whether this is a component, a component type or an instance type.</summary>
    public ScopeKind Kind { get; }

    /// <summary>The scope's index spaces (all of them, as the reader built them).</summary>
    public IndexSpaces IndexSpaces { get; }

    /// <summary>The definitions (component items or type declarations), in order.</summary>
    public IReadOnlyList<Definition> Definitions { get; }

    /// <summary>The enclosing scope, or null for the outermost component.</summary>
    public ValidationScope? Parent { get; }

    /// <summary>The definition of <see cref="Parent"/> that holds this scope (a nested component or a type definition).</summary>
    public Definition? Anchor { get; }

    /// <summary>The component, when <see cref="Kind"/> is <see cref="ScopeKind.Component"/>.</summary>
    public ComponentDefinition? Component { get; }

    /// <summary>The component or instance type, for a type scope.</summary>
    public DefinedType? Type { get; }

    /// <summary>The reader's scope, to resolve type indices of this scope.</summary>
    public TypeScope TypeScope { get; }

    /// <summary>What the scope's core index spaces hold (core function signatures, instance exports, ...).</summary>
    public CoreFacts Core => _core ??= new CoreFacts(this);

    /// <summary>How many scopes enclose this one.</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>Every scope of <paramref name="root"/>, outermost first, nested components and types included.</summary>
    public static IEnumerable<ValidationScope> All(ComponentDefinition root)
    {
        var stack = new Stack<ValidationScope>();
        stack.Push(ForComponent(root, null, null));
        while (stack.Count > 0)
        {
            var scope = stack.Pop();
            yield return scope;
            var children = new List<ValidationScope>();
            foreach (var definition in scope.Definitions)
            {
                switch (definition)
                {
                    case NestedComponentItem nested:
                        children.Add(ForComponent(nested.Component, scope, nested));
                        break;
                    case TypeItem { Type: ComponentType or InstanceType } item:
                        children.Add(ForType(item.Type, scope, item));
                        break;
                    case TypeDeclaration { Type: ComponentType or InstanceType } declaration:
                        children.Add(ForType(declaration.Type, scope, declaration));
                        break;
                }
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The position of <paramref name="definition"/> among <see cref="Definitions"/>.</summary>
    public int PositionOf(Definition definition) =>
        _positions.TryGetValue(definition, out var position) ? position : throw new InvalidOperationException("the definition is not of this scope");

    /// <summary>The entry for <paramref name="index"/> of <paramref name="sort"/>, if that index exists at <paramref name="at"/>.</summary>
    public IndexSpaceEntry? Find(Sort sort, uint index, Definition at)
    {
        var entry = IndexSpaces.Find(sort, index);
        return entry is not null && PositionOf(entry.Source) < PositionOf(at) ? entry : null;
    }

    /// <summary>How many indices of <paramref name="sort"/> exist at <paramref name="at"/>.</summary>
    public int CountAt(Sort sort, Definition at)
    {
        var space = IndexSpaces[sort];
        var limit = PositionOf(at);
        int low = 0, high = space.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (PositionOf(space[middle].Source) < limit)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// The scope <paramref name="count"/> levels out from this one, and the point in it at which this scope
    /// (seen from <paramref name="at"/>) is defined; whether the way out leaves a component (not only types).
    /// Null when there are fewer enclosing scopes.
    /// </summary>
    public (ValidationScope Scope, Definition At, bool CrossesComponent)? Outer(uint count, Definition at)
    {
        var scope = this;
        var point = at;
        var crosses = false;
        for (var i = 0u; i < count; i++)
        {
            if (scope.Parent is null)
            {
                return null;
            }

            crosses |= scope.Kind == ScopeKind.Component;
            point = scope.Anchor!;
            scope = scope.Parent;
        }

        return (scope, point, crosses);
    }

    private static ValidationScope ForComponent(ComponentDefinition component, ValidationScope? parent, Definition? anchor) =>
        new(ScopeKind.Component, component.IndexSpaces, component.Items, parent, anchor, component, null, component.Scope);

    private static ValidationScope ForType(DefinedType type, ValidationScope parent, Definition anchor) => type switch
    {
        ComponentType c => new(ScopeKind.ComponentType, c.IndexSpaces, c.Declarations, parent, anchor, null, c, parent.TypeScope.Enter(c)),
        InstanceType i => new(ScopeKind.InstanceType, i.IndexSpaces, i.Declarations, parent, anchor, null, i, parent.TypeScope.Enter(i)),
        _ => throw new ArgumentException("not a component or instance type", nameof(type)),
    };
}
