namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A component read from its binary: its definitions in source order (<see cref="Items"/>), the index
/// spaces they build (<see cref="IndexSpaces"/>) and a way to resolve type indices (<see cref="Scope"/>).
/// </summary>
internal sealed class ComponentDefinition
{
    private TypeScope? _scope;

    internal ComponentDefinition(
        IReadOnlyList<ComponentItem> items,
        IndexSpaces indexSpaces,
        IReadOnlyList<CustomSection> customSections,
        ComponentNames? names,
        ReadOnlyMemory<byte> bytes,
        int offset)
    {
        Items = items;
        IndexSpaces = indexSpaces;
        CustomSections = customSections;
        Names = names;
        Bytes = bytes;
        Offset = offset;
    }

    /// <summary>The definitions of the component, in source order (custom sections excluded).</summary>
    public IReadOnlyList<ComponentItem> Items { get; }

    /// <summary>The component's 13 index spaces.</summary>
    public IndexSpaces IndexSpaces { get; }

    /// <summary>The custom sections, in order.</summary>
    public IReadOnlyList<CustomSection> CustomSections { get; }

    /// <summary>The contents of the <c>component-name</c> section, when there is a well-formed one.</summary>
    public ComponentNames? Names { get; }

    /// <summary>The component's binary, from its preamble to its last section.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Byte offset of the component's preamble in the binary that was read (0 for the outermost).</summary>
    public int Offset { get; }

    /// <summary>The enclosing component, for a nested component; null for the outermost one.</summary>
    public ComponentDefinition? Parent { get; internal set; }

    /// <summary>The import definitions, in order.</summary>
    public IEnumerable<ImportItem> Imports => Items.OfType<ImportItem>();

    /// <summary>The export definitions, in order.</summary>
    public IEnumerable<ExportItem> Exports => Items.OfType<ExportItem>();

    /// <summary>The nested components, in order.</summary>
    public IEnumerable<ComponentDefinition> NestedComponents => Items.OfType<NestedComponentItem>().Select(n => n.Component);

    /// <summary>The scope for resolving indices of this component (its parent scope is the enclosing component's).</summary>
    public TypeScope Scope
    {
        get
        {
            // One scope per component, even when first asked for on several threads at once, so that
            // resolutions (which hold their scope) compare equal.
            if (_scope is null)
            {
                Interlocked.CompareExchange(ref _scope, new TypeScope(IndexSpaces, Parent?.Scope, this), null);
            }

            return _scope;
        }
    }

    /// <summary>Resolves a type index of this component to its definition; see <see cref="TypeScope.ResolveType"/>.</summary>
    /// <param name="typeIndex">Index in the type index space.</param>
    public ResolvedType ResolveType(uint typeIndex) => Scope.ResolveType(typeIndex);

    /// <summary>Resolves a value type of this component; see <see cref="TypeScope.ResolveValueType"/>.</summary>
    /// <param name="type">The value type.</param>
    public ResolvedType ResolveValueType(ValueTypeReference type) => Scope.ResolveValueType(type);

    /// <summary>Resolves the type of a function of this component; see <see cref="TypeScope.ResolveFunctionType"/>.</summary>
    /// <param name="functionIndex">Index in the function index space.</param>
    public ResolvedType ResolveFunctionType(uint functionIndex) => Scope.ResolveFunctionType(functionIndex);
}
