using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime;

/// <summary>A host implementation of an imported function, over dynamic values.</summary>
/// <param name="arguments">The lifted arguments, in declaration order.</param>
/// <returns>The results: empty for a function without a result, else one value.</returns>
public delegate WitValue[] HostFunction(WitValue[] arguments);

/// <summary>
/// What the host provides for a component's imports: top-level functions and instances
/// (interfaces) with their functions and resource types. Interface names match as Wasmtime matches
/// them: an import of <c>a:b/c@0.2.0</c> is satisfied by an implementation of <c>a:b/c@0.2.12</c>.
/// </summary>
public sealed partial class HostImports
{
    private readonly Dictionary<string, object> _items = new(StringComparer.Ordinal);

    /// <summary>Defines a top-level function import.</summary>
    public HostImports DefineFunction(string name, HostFunction function)
    {
        _items[name] = function;
        return this;
    }

    /// <summary>
    /// Defines a top-level function import over dynamic values, written for one function type: instantiation fails with
    /// <see cref="ComponentLinkException"/> (naming the import, both types and the first difference) unless the import
    /// has exactly that type. Without a type (<see cref="DefineFunction(string, HostFunction)"/>) the function adapts to
    /// whatever type the component declares.
    /// </summary>
    public HostImports DefineFunction(string name, AbiFunctionType type, HostFunction function)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        _items[name] = new TypedHostDefinition(type, function);
        return this;
    }

    /// <summary>
    /// Defines a top-level function import over core values (what generated bindings use).
    /// Instantiation fails with <see cref="ComponentLinkException"/> unless the import has exactly the function type
    /// <paramref name="type"/> (kinds, counts, lengths and element types, not only the lowered core signature).
    /// </summary>
    public HostImports DefineRawFunction(string name, AbiFunctionType type, RawHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        _items[name] = new RawHostDefinition(type, function);
        return this;
    }

    /// <summary>
    /// Defines a top-level <c>(type (sub resource))</c> import as a resource type implemented by the host and returns
    /// its runtime type. (A type import bounded by <c>(eq i)</c> needs no definition: its bound gives the type.)
    /// </summary>
    /// <param name="name">The import name.</param>
    /// <param name="destructor">Called with the representation when the guest drops its last owning handle.</param>
    public ResourceType DefineResource(string name, Action<int>? destructor = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Define(name, new ResourceType(name, null, destructor));
    }

    /// <summary>Defines a top-level resource type import as <paramref name="type"/>.</summary>
    internal ResourceType Define(string name, ResourceType type)
    {
        _items[name] = type;
        return type;
    }

    /// <summary>Defines (or returns) an instance import such as <c>wasi:cli/stdout@0.2.12</c>.</summary>
    public HostInstance DefineInstance(string name)
    {
        if (_items.TryGetValue(name, out var existing) && existing is HostInstance instance)
        {
            return instance;
        }

        instance = new HostInstance(name);
        _items[name] = instance;
        return instance;
    }

    /// <summary>Adds every item of another set (later definitions win).</summary>
    public HostImports Add(HostImports other)
    {
        foreach (var (name, item) in other._items)
        {
            _items[name] = item;
        }

        return this;
    }

    /// <summary>Finds the item for an import name, by exact name or by semver compatibility.</summary>
    internal object? Find(string name)
    {
        if (_items.TryGetValue(name, out var item))
        {
            return item;
        }

        return SemverMatch.Best(name, _items.Keys) is { } match ? _items[match] : null;
    }

    /// <summary>The defined names (for diagnostics).</summary>
    public IEnumerable<string> Names => _items.Keys;
}

/// <summary>A host-implemented instance (interface): functions and resource types by name.</summary>
public sealed partial class HostInstance
{
    internal HostInstance(string name)
    {
        Name = name;
    }

    /// <summary>The instance's import name.</summary>
    public string Name { get; }

    /// <summary>The representation tables of resources defined with <c>ProvidedResources.DefineTableResource</c>, by resource name.</summary>
    internal Dictionary<string, object> Tables { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<string, object> _exports = new(StringComparer.Ordinal);

    /// <summary>The snapshot instantiations read, until the next definition replaces it (see <see cref="Snapshot"/>).</summary>
    private Dictionary<string, object>? _snapshot;

    /// <summary>The definitions, by name.</summary>
    internal IReadOnlyDictionary<string, object> Exports => _exports;

    /// <summary>Defines (or replaces) the item named <paramref name="name"/>.</summary>
    internal void Set(string name, object item)
    {
        _exports[name] = item;
        _snapshot = null;
    }

    /// <summary>
    /// The definitions as they are now, for an instantiation that reads them later (lazily): a copy made on the first
    /// instantiation after a change and shared by every instantiation until the next change, so an instance never sees
    /// a definition made after it was created, and instantiations do not copy the definitions each time.
    /// </summary>
    internal Dictionary<string, object> Snapshot() => _snapshot ??= new Dictionary<string, object>(_exports, StringComparer.Ordinal);

    /// <summary>Defines a function of the instance.</summary>
    public HostInstance DefineFunction(string name, HostFunction function)
    {
        Set(name, function);
        return this;
    }

    /// <summary>
    /// Defines a function of the instance over dynamic values, written for one function type; see
    /// <see cref="HostImports.DefineFunction(string, AbiFunctionType, HostFunction)"/>.
    /// </summary>
    public HostInstance DefineFunction(string name, AbiFunctionType type, HostFunction function)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        Set(name, new TypedHostDefinition(type, function));
        return this;
    }

    /// <summary>
    /// Defines a function of the instance over core values (what generated bindings use); see
    /// <see cref="HostImports.DefineRawFunction"/>.
    /// </summary>
    public HostInstance DefineRawFunction(string name, AbiFunctionType type, RawHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        Set(name, new RawHostDefinition(type, function));
        return this;
    }

    /// <summary>Defines a resource type implemented by the host and returns its runtime type.</summary>
    /// <param name="name">The resource's name in the interface.</param>
    /// <param name="destructor">Called with the representation when the guest drops its last owning handle.</param>
    public ResourceType DefineResource(string name, Action<int>? destructor = null)
    {
        var type = new ResourceType(name, null, destructor);
        Set(name, type);
        return type;
    }

    /// <summary>Defines (or returns) an instance nested in this one, for instance types that export instances.</summary>
    /// <param name="name">The export name of the nested instance.</param>
    public HostInstance DefineInstance(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Exports.TryGetValue(name, out var existing) && existing is HostInstance instance)
        {
            return instance;
        }

        instance = new HostInstance(Name + "#" + name);
        Set(name, instance);
        return instance;
    }
}
