namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A scope of index spaces (a component, a component type or an instance type) with its enclosing scope,
/// used to resolve type and function indices to their definitions: through aliases (outer and instance
/// export), exports, imports with <c>(eq i)</c> bounds, instance types, and instantiations of nested
/// components (whose type imports are replaced by the instantiation arguments).
/// </summary>
/// <remarks>
/// Resolution does not validate the component: it follows references and reports an index that does not
/// exist or does not have the expected kind as a <see cref="ComponentFormatException"/>.
/// </remarks>
internal sealed partial class TypeScope
{
    /// <summary>The most references followed for one resolution; beyond it references are taken to be cyclic.</summary>
    private const int MaxDepth = 1000;

    private readonly object _owner;
    private readonly Instantiation? _instantiation;
    private readonly Dictionary<(object Owner, object? Instantiation), TypeScope> _children = new(ScopeKeyComparer.Instance);

    internal TypeScope(IndexSpaces indexSpaces, TypeScope? parent, object owner, Instantiation? instantiation = null)
    {
        IndexSpaces = indexSpaces;
        Parent = parent;
        _owner = owner;
        _instantiation = instantiation;
    }

    /// <summary>The index spaces of the scope.</summary>
    public IndexSpaces IndexSpaces { get; }

    /// <summary>The enclosing scope (the target of <c>outer 1</c> aliases), or null for an outermost component.</summary>
    public TypeScope? Parent { get; }

    /// <summary>The component, when the scope is a component's.</summary>
    public ComponentDefinition? Component => _owner as ComponentDefinition;

    /// <summary>The component or instance type, when the scope is one's.</summary>
    public DefinedType? Type => _owner as DefinedType;

    /// <summary>Whether the scope is a component or component type seen through an instantiation, whose imports are replaced by its arguments.</summary>
    public bool IsInstantiated => _instantiation is not null;

    /// <summary>The scope of a component type defined in this scope.</summary>
    /// <param name="type">A component type whose definition belongs to this scope.</param>
    public TypeScope Enter(ComponentType type) => Child(type, null, () => new TypeScope(type.IndexSpaces, this, type));

    /// <summary>The scope of an instance type defined in this scope.</summary>
    /// <param name="type">An instance type whose definition belongs to this scope.</param>
    public TypeScope Enter(InstanceType type) => Child(type, null, () => new TypeScope(type.IndexSpaces, this, type));

    /// <summary>The scope <paramref name="count"/> levels out (0 is this scope), as outer aliases count.</summary>
    /// <param name="count">How many scopes outward.</param>
    /// <exception cref="ComponentFormatException">There are fewer enclosing scopes.</exception>
    public TypeScope GetOuter(uint count) => GetOuter(count, OwnerOffset);

    /// <summary>
    /// Resolves a type index of this scope to the type definition it stands for (or to an abstract resource).
    /// </summary>
    /// <param name="typeIndex">Index in this scope's type index space.</param>
    /// <exception cref="ComponentFormatException">The index, or one it leads to, does not exist or has the wrong kind.</exception>
    public ResolvedType ResolveType(uint typeIndex) => ResolveTypeAt(typeIndex, OwnerOffset, 0);

    /// <summary>
    /// Resolves a value type of this scope: an inline primitive becomes a <see cref="PrimitiveValueType"/>,
    /// an index is resolved and must lead to a <see cref="DefinedValueType"/>.
    /// </summary>
    /// <param name="type">The value type.</param>
    /// <exception cref="ComponentFormatException">The index does not lead to a value type.</exception>
    public ResolvedType ResolveValueType(ValueTypeReference type)
    {
        if (type.Primitive is { } primitive)
        {
            return new ResolvedType(new PrimitiveValueType(primitive), this, null);
        }

        var resolved = ResolveTypeAt(type.TypeIndex, OwnerOffset, 0);
        return resolved.Definition is DefinedValueType
            ? resolved
            : throw new ComponentFormatException($"type index {type.TypeIndex} is not a value type but {resolved.Describe()}", resolved.Source?.Offset ?? OwnerOffset);
    }

    /// <summary>Resolves the function type of a function of this scope (a lifted, imported, aliased or exported function).</summary>
    /// <param name="functionIndex">Index in this scope's function index space.</param>
    /// <exception cref="ComponentFormatException">The function or its type cannot be resolved.</exception>
    public ResolvedType ResolveFunctionType(uint functionIndex)
    {
        var target = Follow(Sort.Function, functionIndex, OwnerOffset, 0);
        var (scope, typeIndex, offset) = target switch
        {
            DefinedTarget { Source: CanonLiftItem lift } t => (t.Scope, lift.TypeIndex, lift.Offset),
            DeclaredTarget { Type: FunctionExternType f } t => (t.Scope, f.TypeIndex, t.Source.Offset),
            _ => throw new ComponentFormatException(
                $"func {functionIndex} has no function type to resolve: it comes from {target.Source.Describe()}", target.Source.Offset),
        };
        var resolved = scope.ResolveTypeAt(typeIndex, offset, 1);
        return resolved.Definition is FunctionType
            ? resolved
            : throw new ComponentFormatException($"type index {typeIndex} of func {functionIndex} is not a function type but {resolved.Describe()}", offset);
    }

    private int OwnerOffset => _owner switch
    {
        ComponentDefinition c => c.Offset,
        _ => 0,
    };

    private TypeScope Child(object owner, object? instantiation, Func<TypeScope> create)
    {
        lock (_children)
        {
            if (!_children.TryGetValue((owner, instantiation), out var scope))
            {
                scope = create();
                _children.Add((owner, instantiation), scope);
            }

            return scope;
        }
    }

    private TypeScope Instantiate(ComponentDefinition component, InstantiationItem item, TypeScope argumentScope) =>
        Child(component, item, () => new TypeScope(component.IndexSpaces, this, component, new Instantiation(item.Arguments, argumentScope)));

    private TypeScope Instantiate(ComponentType type, InstantiationItem item, TypeScope argumentScope) =>
        Child(type, item, () => new TypeScope(type.IndexSpaces, this, type, new Instantiation(item.Arguments, argumentScope)));

    private TypeScope GetOuter(uint count, int offset)
    {
        var scope = this;
        for (var i = 0u; i < count; i++)
        {
            scope = scope.Parent ?? throw new ComponentFormatException($"outer alias count {count} exceeds the {i} enclosing scopes", offset);
        }

        return scope;
    }

    private ResolvedType ResolveTypeAt(uint typeIndex, int offset, int depth)
    {
        var target = Follow(Sort.Type, typeIndex, offset, depth + 1);
        switch (target)
        {
            case DefinedTarget { Source: TypeItem item } t:
                return new ResolvedType(item.Type, t.Scope, item);
            case DefinedTarget { Source: TypeDeclaration declaration } t:
                return new ResolvedType(declaration.Type, t.Scope, declaration);
            case DeclaredTarget { Type: TypeExternType { Bound: var bound } } t:
                return bound.EqualTypeIndex is { } equal
                    ? t.Scope.ResolveTypeAt(equal, t.Source.Offset, depth + 1)
                    : new ResolvedType(null, t.Scope, t.Source);
            default:
                throw new ComponentFormatException(
                    $"type index {typeIndex} does not lead to a type definition: it comes from {target.Source.Describe()}", target.Source.Offset);
        }
    }

    /// <summary>Follows aliases, exports and substituted imports to where an index is defined or declared.</summary>
    private Target Follow(Sort sort, uint index, int offset, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ComponentFormatException($"references nest more than {MaxDepth} levels deep (are they cyclic?)", offset);
        }

        var entry = IndexSpaces.Find(sort, index)
            ?? throw new ComponentFormatException($"{sort.ToText()} index {index} is out of range ({IndexSpaces[sort].Count} defined)", offset);
        var source = entry.Source;
        switch (source)
        {
            case AliasItem { Alias: var alias }:
                return FollowAlias(alias, source, sort, depth);
            case AliasDeclaration { Alias: var alias }:
                return FollowAlias(alias, source, sort, depth);
            case ExportItem export:
                return Follow(export.Sort, export.Index, export.Offset, depth + 1);
            case ImportItem import:
                return Substitute(import.Name.Name, sort, source, depth) ?? new DeclaredTarget(this, source, import.Type);
            case ImportDeclaration import:
                return Substitute(import.Name.Name, sort, source, depth) ?? new DeclaredTarget(this, source, import.Type);
            case ExportDeclaration export:
                return new DeclaredTarget(this, source, export.Type);
            default:
                return new DefinedTarget(this, source);
        }
    }

    private Target FollowAlias(Alias alias, Definition source, Sort sort, int depth) => alias switch
    {
        OuterAlias outer => GetOuter(outer.Count, source.Offset).Follow(sort, outer.Index, source.Offset, depth + 1),
        InstanceExportAlias export => FollowInstanceExport(export.InstanceIndex, export.Name, sort, source.Offset, depth + 1),
        _ => new DefinedTarget(this, source),
    };

    private Target? Substitute(string importName, Sort sort, Definition import, int depth)
    {
        if (_instantiation is null)
        {
            return null;
        }

        foreach (var argument in _instantiation.Arguments)
        {
            if (argument.Name != importName)
            {
                continue;
            }

            if (argument.Sort != sort)
            {
                throw new ComponentFormatException(
                    $"instantiation argument \"{importName}\" is a {argument.Sort.ToText()} but the import is a {sort.ToText()}", import.Offset);
            }

            return _instantiation.ArgumentScope.Follow(argument.Sort, argument.Index, import.Offset, depth + 1);
        }

        return null;
    }

    private Target FollowInstanceExport(uint instanceIndex, string name, Sort sort, int offset, int depth)
    {
        var instance = Follow(Sort.Instance, instanceIndex, offset, depth + 1);
        switch (instance)
        {
            case DeclaredTarget { Type: InstanceExternType instanceType } t:
                var resolved = t.Scope.ResolveTypeAt(instanceType.TypeIndex, t.Source.Offset, depth + 1);
                if (resolved.Definition is not InstanceType declaredType)
                {
                    throw new ComponentFormatException(
                        $"type {instanceType.TypeIndex} of instance {instanceIndex} is not an instance type but {resolved.Describe()}", t.Source.Offset);
                }

                return DeclaredExport(resolved.Scope.Enter(declaredType), declaredType.Exports, instanceIndex, name, sort, offset);
            case DefinedTarget { Source: InlineInstanceItem inline } t:
                var inlineExport = inline.Exports.FirstOrDefault(e => e.Name.Name == name)
                    ?? throw MissingExport(instanceIndex, name, offset);
                CheckSort(inlineExport.Sort, sort, instanceIndex, name, offset);
                return t.Scope.Follow(inlineExport.Sort, inlineExport.Index, inline.Offset, depth + 1);
            case DefinedTarget { Source: InstantiationItem instantiation } t:
                return FollowInstantiatedExport(t.Scope, instantiation, instanceIndex, name, sort, offset, depth);
            default:
                throw new ComponentFormatException(
                    $"cannot resolve exports of instance {instanceIndex}: it comes from {instance.Source.Describe()}", offset);
        }
    }

    private static Target FollowInstantiatedExport(
        TypeScope scope, InstantiationItem instantiation, uint instanceIndex, string name, Sort sort, int offset, int depth)
    {
        var component = scope.Follow(Sort.Component, instantiation.ComponentIndex, instantiation.Offset, depth + 1);
        switch (component)
        {
            case DefinedTarget { Source: NestedComponentItem nested } c:
                var child = c.Scope.Instantiate(nested.Component, instantiation, scope);
                var export = nested.Component.Exports.FirstOrDefault(e => e.Name.Name == name)
                    ?? throw MissingExport(instanceIndex, name, offset);
                CheckSort(export.Sort, sort, instanceIndex, name, offset);
                return child.Follow(export.Sort, export.Index, export.Offset, depth + 1);
            case DeclaredTarget { Type: ComponentExternType componentType } c:
                var resolved = c.Scope.ResolveTypeAt(componentType.TypeIndex, c.Source.Offset, depth + 1);
                if (resolved.Definition is not ComponentType declaredType)
                {
                    throw new ComponentFormatException(
                        $"type {componentType.TypeIndex} of component {instantiation.ComponentIndex} is not a component type but {resolved.Describe()}",
                        c.Source.Offset);
                }

                var inner = resolved.Scope.Instantiate(declaredType, instantiation, scope);
                return DeclaredExport(inner, declaredType.Exports, instanceIndex, name, sort, offset);
            default:
                throw new ComponentFormatException(
                    $"cannot resolve exports of component {instantiation.ComponentIndex}: it comes from {component.Source.Describe()}", offset);
        }
    }

    private static DeclaredTarget DeclaredExport(
        TypeScope inner, IEnumerable<ExportDeclaration> exports, uint instanceIndex, string name, Sort sort, int offset)
    {
        var declaration = exports.FirstOrDefault(e => e.Name.Name == name) ?? throw MissingExport(instanceIndex, name, offset);
        CheckSort(declaration.Type.Sort, sort, instanceIndex, name, offset);
        return new DeclaredTarget(inner, declaration, declaration.Type);
    }

    private static ComponentFormatException MissingExport(uint instanceIndex, string name, int offset) =>
        new($"instance {instanceIndex} has no export named \"{name}\"", offset);

    private static void CheckSort(Sort actual, Sort expected, uint instanceIndex, string name, int offset)
    {
        if (actual != expected)
        {
            throw new ComponentFormatException(
                $"export \"{name}\" of instance {instanceIndex} is a {actual.ToText()}, not a {expected.ToText()}", offset);
        }
    }

    /// <summary>Where a followed index ends: at a definition, or at a declaration known only by its type.</summary>
    private abstract record Target(TypeScope Scope, Definition Source);

    private sealed record DefinedTarget(TypeScope Scope, Definition Source) : Target(Scope, Source);

    private sealed record DeclaredTarget(TypeScope Scope, Definition Source, ExternType Type) : Target(Scope, Source);

    private sealed class ScopeKeyComparer : IEqualityComparer<(object Owner, object? Instantiation)>
    {
        public static readonly ScopeKeyComparer Instance = new();

        public bool Equals((object Owner, object? Instantiation) x, (object Owner, object? Instantiation) y) =>
            ReferenceEquals(x.Owner, y.Owner) && ReferenceEquals(x.Instantiation, y.Instantiation);

        public int GetHashCode((object Owner, object? Instantiation) obj) =>
            HashCode.Combine(
                System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Owner),
                obj.Instantiation is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Instantiation));
    }
}

/// <summary>The arguments that replace the imports of an instantiated component or component type.</summary>
/// <param name="Arguments">The <c>with</c> arguments.</param>
/// <param name="ArgumentScope">The scope the argument indices refer to.</param>
internal sealed record Instantiation(IReadOnlyList<InstantiationArgument> Arguments, TypeScope ArgumentScope);
