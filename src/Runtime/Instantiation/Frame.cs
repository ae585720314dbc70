using Wasmtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The runtime values of one component instantiation, index space by index space, filled in the
/// order the component defines them.
/// </summary>
internal sealed class Frame
{
    private readonly Dictionary<(Sort, uint), object?> _values = new();
    private readonly Dictionary<Definition, List<IndexSpaceEntry>> _placements = new(ReferenceEqualityComparer.Instance);

    public Frame(Store store, ComponentDefinition definition, Frame? outer, InstanceState state, Dictionary<string, object?> arguments)
    {
        Store = store;
        Definition = definition;
        Outer = outer;
        State = state;
        Arguments = arguments;
        foreach (var sort in Enum.GetValues<Sort>())
        {
            foreach (var entry in definition.IndexSpaces[sort])
            {
                if (!_placements.TryGetValue(entry.Source, out var list))
                {
                    _placements[entry.Source] = list = new List<IndexSpaceEntry>();
                }

                list.Add(entry);
            }
        }
    }

    public ComponentDefinition Definition { get; }

    /// <summary>The frame of the component that lexically encloses this one (for outer aliases).</summary>
    public Frame? Outer { get; }

    public InstanceState State { get; }

    /// <summary>The instantiation arguments (or, for the root, nothing: imports come from the host).</summary>
    public Dictionary<string, object?> Arguments { get; }

    public Dictionary<string, object?> Exports { get; } = new(StringComparer.Ordinal);

    /// <summary>Records the value that <paramref name="definition"/> adds to the index spaces.</summary>
    public void Place(Definition definition, object? value)
    {
        if (_placements.TryGetValue(definition, out var entries))
        {
            foreach (var entry in entries)
            {
                _values[(entry.Sort, entry.Index)] = value;
            }
        }
    }

    public object? Get(Sort sort, uint index)
    {
        if (_values.TryGetValue((sort, index), out var value))
        {
            return value;
        }

        var entry = Definition.IndexSpaces.Find(sort, index);
        throw new ComponentLinkException(entry is null
            ? $"{sort} index {index} is out of range"
            : $"{sort} index {index} ({entry.Describe()}) has no runtime value");
    }

    public bool TryGet(Sort sort, uint index, out object? value) => _values.TryGetValue((sort, index), out value);

    /// <summary>The converter from this instantiation's binary types to ABI types.</summary>
    public TypeConverter? Types { get; set; }

    public T Get<T>(Sort sort, uint index)
        where T : class =>
        Get(sort, index) as T ?? throw new ComponentLinkException($"{sort} index {index} is not a {typeof(T).Name}");

    public Frame Up(uint count)
    {
        var frame = this;
        for (uint i = 0; i < count; i++)
        {
            frame = frame.Outer ?? throw new ComponentLinkException($"outer alias reaches {count} levels up, beyond the outermost component");
        }

        return frame;
    }

    public Store Store { get; }
}
