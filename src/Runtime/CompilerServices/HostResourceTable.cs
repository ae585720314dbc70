using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;
using System.ComponentModel;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The representations of host-implemented resources (objects of <typeparamref name="T"/>) that a guest
/// holds handles to, for generated bindings: a handle's representation is an index into this table.
/// </summary>
/// <typeparam name="T">The resource's C# class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HostResourceTable<T> : IResourceDestructor
    where T : class
{
    // Every instance of a world has a table per resource type it passes, most of them never used: every collection
    // (the slots too, whose first is never used: representation 0 is no object) is created on first use.
    private List<T?>? _items;
    private Stack<int>? _free;
    private Dictionary<T, int>? _reps;
    private List<int>? _lentOnly;

    /// <summary>The number of objects in the table.</summary>
    public int Count => _reps?.Count ?? 0;

    /// <summary>Adds an object whose ownership moves to a guest (or finds it) and returns its representation.</summary>
    public int Add(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _reps ??= new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        if (_reps.TryGetValue(value, out var existing))
        {
            _lentOnly?.Remove(existing);
            return existing;
        }

        var items = _items ??= new() { null };
        var rep = _free is { Count: > 0 } free ? free.Pop() : items.Count;
        if (rep == items.Count)
        {
            items.Add(value);
        }
        else
        {
            items[rep] = value;
        }

        _reps[value] = rep;
        return rep;
    }

    /// <summary>
    /// Returns the representation of an object lent to a guest for one call, adding it when the guest holds no
    /// handle to it; <see cref="EndLends"/> removes such entries after the call.
    /// </summary>
    public int Lend(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_reps is not null && _reps.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var rep = Add(value);
        (_lentOnly ??= new List<int>()).Add(rep);
        return rep;
    }

    /// <summary>Removes the objects that were only lent for the call that just ended.</summary>
    public void EndLends()
    {
        if (_lentOnly is not { Count: > 0 } lentOnly)
        {
            return;
        }

        foreach (var rep in lentOnly)
        {
            Remove(rep);
        }

        lentOnly.Clear();
    }

    /// <summary>The object with representation <paramref name="rep"/>.</summary>
    /// <exception cref="ComponentTrapException">No such object (a bad handle from the guest).</exception>
    public T Get(int rep) =>
        _items is { } items && (uint)rep < (uint)items.Count && items[rep] is { } value
            ? value
            : throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"no {typeof(T).Name} resource has representation {rep}");

    /// <summary>Removes and returns the object with representation <paramref name="rep"/>, or null when there is none.</summary>
    public T? Remove(int rep)
    {
        if (_items is not { } items || (uint)rep >= (uint)items.Count || items[rep] is not { } value)
        {
            return null;
        }

        items[rep] = null;
        _reps?.Remove(value);
        (_free ??= new Stack<int>()).Push(rep);
        return value;
    }

    /// <summary>The destructor of a resource type defined over the table: removes the object and disposes it.</summary>
    void IResourceDestructor.Destroy(int rep) => (Remove(rep) as IDisposable)?.Dispose();

    /// <summary>Removes and returns the object a guest moved back to the host.</summary>
    /// <exception cref="ComponentTrapException">No such object.</exception>
    public T Take(int rep) => Remove(rep) ?? throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"no {typeof(T).Name} resource has representation {rep}");
}
