namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The 13 index spaces of a component, component type or instance type: for each sort, the list whose
/// i-th entry says which definition added index i.
/// </summary>
internal sealed class IndexSpaces
{
    /// <summary>The most results a start definition may add; more is treated as malformed.</summary>
    internal const uint MaxStartResults = 1000;

    private readonly List<IndexSpaceEntry>[] _spaces;

    internal IndexSpaces()
    {
        _spaces = new List<IndexSpaceEntry>[SortExtensions.Count];
        for (var i = 0; i < _spaces.Length; i++)
        {
            _spaces[i] = [];
        }
    }

    /// <summary>The index space of <paramref name="sort"/>.</summary>
    /// <param name="sort">The sort.</param>
    public IReadOnlyList<IndexSpaceEntry> this[Sort sort] => _spaces[(int)sort];

    /// <summary>The core function index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreFunctions => this[Sort.CoreFunction];

    /// <summary>The core table index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreTables => this[Sort.CoreTable];

    /// <summary>The core memory index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreMemories => this[Sort.CoreMemory];

    /// <summary>The core global index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreGlobals => this[Sort.CoreGlobal];

    /// <summary>The core tag index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreTags => this[Sort.CoreTag];

    /// <summary>The core type index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreTypes => this[Sort.CoreType];

    /// <summary>The core module index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreModules => this[Sort.CoreModule];

    /// <summary>The core instance index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> CoreInstances => this[Sort.CoreInstance];

    /// <summary>The (component) function index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> Functions => this[Sort.Function];

    /// <summary>The value index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> Values => this[Sort.Value];

    /// <summary>The (component) type index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> Types => this[Sort.Type];

    /// <summary>The component index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> Components => this[Sort.Component];

    /// <summary>The (component) instance index space.</summary>
    public IReadOnlyList<IndexSpaceEntry> Instances => this[Sort.Instance];

    /// <summary>The entry at <paramref name="index"/> of the <paramref name="sort"/> space, or null when out of range.</summary>
    /// <param name="sort">The index space.</param>
    /// <param name="index">The index.</param>
    public IndexSpaceEntry? Find(Sort sort, uint index)
    {
        var space = _spaces[(int)sort];
        return index < (uint)space.Count ? space[(int)index] : null;
    }

    /// <summary>A one-line summary of the non-empty index spaces and their sizes.</summary>
    public override string ToString() => string.Join(", ",
        Enum.GetValues<Sort>().Where(s => _spaces[(int)s].Count > 0).Select(s => $"{s.ToText()}: {_spaces[(int)s].Count}"));

    /// <summary>Appends the indices that <paramref name="definition"/> adds, by the rules of the component model.</summary>
    internal void Add(Definition definition, WasmReader r)
    {
        switch (definition)
        {
            case CoreModuleItem:
                Append(Sort.CoreModule, definition);
                break;
            case CoreInstantiationItem or CoreInlineInstanceItem:
                Append(Sort.CoreInstance, definition);
                break;
            case CoreTypeItem { Type: var coreType }:
                AppendMany(Sort.CoreType, definition, coreType.IndexCount);
                break;
            case CoreTypeDeclaration { Type: var declaredCoreType }:
                AppendMany(Sort.CoreType, definition, declaredCoreType.IndexCount);
                break;
            case NestedComponentItem:
                Append(Sort.Component, definition);
                break;
            case InstantiationItem or InlineInstanceItem:
                Append(Sort.Instance, definition);
                break;
            case AliasItem { Alias.Sort: var aliasSort }:
                Append(aliasSort, definition);
                break;
            case AliasDeclaration { Alias.Sort: var declaredAliasSort }:
                Append(declaredAliasSort, definition);
                break;
            case TypeItem or TypeDeclaration:
                Append(Sort.Type, definition);
                break;
            case CanonLiftItem:
                Append(Sort.Function, definition);
                break;
            case CanonItem:
                Append(Sort.CoreFunction, definition);
                break;
            case StartItem start:
                if (start.ResultCount > MaxStartResults)
                {
                    throw r.Error($"start definition declares {start.ResultCount} results (at most {MaxStartResults} are supported)", start.Offset);
                }

                AppendMany(Sort.Value, definition, (int)start.ResultCount);
                break;
            case ImportItem { Type.Sort: var importSort }:
                Append(importSort, definition);
                break;
            case ImportDeclaration { Type.Sort: var declaredImportSort }:
                Append(declaredImportSort, definition);
                break;
            case ExportDeclaration { Type.Sort: var declaredExportSort }:
                Append(declaredExportSort, definition);
                break;
            case ExportItem { Sort: var exportSort }:
                Append(exportSort, definition);
                break;
            case ValueItem:
                Append(Sort.Value, definition);
                break;
        }
    }

    private void Append(Sort sort, Definition definition, int position = 0)
    {
        var space = _spaces[(int)sort];
        space.Add(new IndexSpaceEntry(sort, (uint)space.Count, definition, position));
    }

    private void AppendMany(Sort sort, Definition definition, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Append(sort, definition, i);
        }
    }
}
