using WitBindgen.Runtime.Abi;
using System.ComponentModel;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The representations of host-implemented resources (objects of <typeparamref name="T"/>) that a guest
/// holds handles to, for generated bindings: a handle's representation is an index into this table.
/// </summary>
/// <typeparam name="T">The resource's C# class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HostResourceTable<T>
    where T : class
{
    private readonly List<T?> _items = new() { null };
    private readonly Stack<int> _free = new();
    private readonly Dictionary<T, int> _reps = new(ReferenceEqualityComparer.Instance);
    private readonly List<int> _lentOnly = new();

    /// <summary>The number of objects in the table.</summary>
    public int Count => _reps.Count;

    /// <summary>Adds an object whose ownership moves to a guest (or finds it) and returns its representation.</summary>
    public int Add(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_reps.TryGetValue(value, out var existing))
        {
            _lentOnly.Remove(existing);
            return existing;
        }

        var rep = _free.Count > 0 ? _free.Pop() : _items.Count;
        if (rep == _items.Count)
        {
            _items.Add(value);
        }
        else
        {
            _items[rep] = value;
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
        if (_reps.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var rep = Add(value);
        _lentOnly.Add(rep);
        return rep;
    }

    /// <summary>Removes the objects that were only lent for the call that just ended.</summary>
    public void EndLends()
    {
        foreach (var rep in _lentOnly)
        {
            Remove(rep);
        }

        _lentOnly.Clear();
    }

    /// <summary>The object with representation <paramref name="rep"/>.</summary>
    /// <exception cref="ComponentTrapException">No such object (a bad handle from the guest).</exception>
    public T Get(int rep) =>
        (uint)rep < (uint)_items.Count && _items[rep] is { } value
            ? value
            : throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"no {typeof(T).Name} resource has representation {rep}");

    /// <summary>Removes and returns the object with representation <paramref name="rep"/>, or null when there is none.</summary>
    public T? Remove(int rep)
    {
        if ((uint)rep >= (uint)_items.Count || _items[rep] is not { } value)
        {
            return null;
        }

        _items[rep] = null;
        _reps.Remove(value);
        _free.Push(rep);
        return value;
    }

    /// <summary>Removes and returns the object a guest moved back to the host.</summary>
    /// <exception cref="ComponentTrapException">No such object.</exception>
    public T Take(int rep) => Remove(rep) ?? throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"no {typeof(T).Name} resource has representation {rep}");
}
