using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace WitBindgen.WitParser.Model;

/// <summary>
/// A dictionary that remembers insertion order, like the reference parser's <c>IndexMap</c>.
/// Consumers see it read-only; the resolver fills it while building the model.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _index;
    private readonly List<KeyValuePair<TKey, TValue>> _entries;

    internal OrderedMap()
    {
        _index = new Dictionary<TKey, int>();
        _entries = new List<KeyValuePair<TKey, TValue>>();
    }

    internal OrderedMap(IEnumerable<KeyValuePair<TKey, TValue>> items)
        : this()
    {
        foreach (var item in items)
        {
            Insert(item.Key, item.Value);
        }
    }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc />
    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    /// <inheritdoc />
    public TValue this[TKey key] => _entries[_index[key]].Value;

    /// <summary>The entry at a position, in insertion order.</summary>
    public KeyValuePair<TKey, TValue> GetAt(int index) => _entries[index];

    /// <summary>The position of a key, or -1.</summary>
    public int IndexOf(TKey key) => _index.TryGetValue(key, out var i) ? i : -1;

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => _index.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Inserts or replaces; a replaced entry keeps its position. Returns true when the key was present.</summary>
    internal bool Insert(TKey key, TValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            _entries[i] = new KeyValuePair<TKey, TValue>(key, value);
            return true;
        }

        _index[key] = _entries.Count;
        _entries.Add(new KeyValuePair<TKey, TValue>(key, value));
        return false;
    }

    /// <summary>Adds only when the key is absent. Returns true when added.</summary>
    internal bool TryAdd(TKey key, TValue value)
    {
        if (_index.ContainsKey(key))
        {
            return false;
        }

        Insert(key, value);
        return true;
    }

    /// <summary>Removes a key, shifting later entries down (order is preserved).</summary>
    internal bool Remove(TKey key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            return false;
        }

        _entries.RemoveAt(i);
        _index.Remove(key);
        for (int j = i; j < _entries.Count; j++)
        {
            _index[_entries[j].Key] = j;
        }

        return true;
    }

    internal void Clear()
    {
        _index.Clear();
        _entries.Clear();
    }

    /// <summary>Reorders the entries with a stable sort on a key.</summary>
    internal void StableSortBy<TSort>(Func<KeyValuePair<TKey, TValue>, TSort> key)
        where TSort : IComparable<TSort>
    {
        var sorted = _entries.Select((e, i) => (e, i)).OrderBy(p => key(p.e)).ThenBy(p => p.i).Select(p => p.e).ToList();
        _entries.Clear();
        _index.Clear();
        foreach (var e in sorted)
        {
            Insert(e.Key, e.Value);
        }
    }
}
