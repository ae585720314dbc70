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
    /// <summary>What an index space slot holds until its definition is placed.</summary>
    private static readonly object Unplaced = new();

    private readonly FramePlan _plan;
    private readonly object?[][] _values;

    public Frame(Store store, ComponentDefinition definition, Frame? outer, InstanceState state, Dictionary<string, object?> arguments)
    {
        Store = store;
        Definition = definition;
        Outer = outer;
        State = state;
        Arguments = arguments;
        _plan = FramePlan.For(definition);
        _values = new object?[_plan.Lengths.Length][];
        for (var sort = 0; sort < _values.Length; sort++)
        {
            var values = _values[sort] = _plan.Lengths[sort] == 0 ? [] : new object?[_plan.Lengths[sort]];
            Array.Fill(values, Unplaced);
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
        foreach (var entry in _plan.Placements(definition))
        {
            _values[(int)entry.Sort][entry.Index] = value;
        }
    }

    public object? Get(Sort sort, uint index)
    {
        if (TryGet(sort, index, out var value))
        {
            return value;
        }

        var entry = Definition.IndexSpaces.Find(sort, index);
        throw new ComponentLinkException(entry is null
            ? $"{sort} index {index} is out of range"
            : $"{sort} index {index} ({entry.Describe()}) has no runtime value");
    }

    public bool TryGet(Sort sort, uint index, out object? value)
    {
        if ((uint)sort < (uint)_values.Length && _values[(int)sort] is var values && index < (uint)values.Length
            && values[index] is var placed && !ReferenceEquals(placed, Unplaced))
        {
            value = placed;
            return true;
        }

        value = null;
        return false;
    }

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
