using System.Collections;

namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A read-only list with value equality, so that records holding lists (record fields, parameters,
/// declarations, ...) compare by their elements rather than by list reference.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    public ValueList(IEnumerable<T> items) => _items = [.. items];

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>Creates <see cref="ValueList{T}"/>s.</summary>
internal static class ValueList
{
    /// <summary>The list itself when it already has value equality, otherwise a copy that has.</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items as ValueList<T> ?? new ValueList<T>(items);
    }
}
