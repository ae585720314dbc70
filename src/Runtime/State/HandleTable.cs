using WitBindgen.Runtime;
namespace WitBindgen.Runtime.State;

/// <summary>
/// A component instance's table of handles, as the canonical ABI defines it: index 0 is reserved,
/// holes are reused through a free list, and every access is bounds- and hole-checked.
/// </summary>
internal sealed class HandleTable
{
    /// <summary>The largest index a table may hand out (the high four bits stay free for guests).</summary>
    public const int MaxLength = (1 << 28) - 1;

    private readonly List<object?> _array = new() { null };
    private Stack<int>? _free; // made on the first removal: most tables of a live instance never free a handle
    private readonly int _limit;

    /// <summary>Creates a table holding at most <paramref name="limit"/> live handles (null: <see cref="MaxLength"/>).</summary>
    public HandleTable(int? limit = null) => _limit = limit is { } l ? Math.Min(l, MaxLength) : MaxLength;

    /// <summary>The number of live handles.</summary>
    public int Count => _array.Count - 1 - (_free?.Count ?? 0);

    /// <summary>Returns the handle at an index, trapping on an invalid index.</summary>
    public ResourceHandle Get(int index) =>
        GetElement(index) as ResourceHandle ?? throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle index {index} is not a resource handle");

    /// <summary>Returns the element (a resource handle or an async element) at an index, trapping on an invalid index.</summary>
    public object GetElement(int index)
    {
        if (index <= 0 || index >= _array.Count || _array[index] is not { } element)
        {
            throw new ComponentTrapException($"unknown handle index {index}");
        }

        return element;
    }

    /// <summary>Adds a handle and returns its index.</summary>
    public int Add(ResourceHandle handle) => AddElement(handle);

    /// <summary>Adds an element (a resource handle, or a waitable, waitable set or stream or future end) and returns its index.</summary>
    public int AddElement(object handle)
    {
        if (_limit != MaxLength && Count >= _limit)
        {
            throw new ComponentTrapException(ComponentTrapKind.HandleLimit, $"the handle table holds {_limit} handles, its limit");
        }

        if (_free is { } free && free.TryPop(out var index))
        {
            _array[index] = handle;
            return index;
        }

        if (_array.Count > MaxLength)
        {
            throw new ComponentTrapException("handle table is full");
        }

        _array.Add(handle);
        return _array.Count - 1;
    }

    /// <summary>Empties the table and returns the handles it held.</summary>
    internal List<ResourceHandle> RemoveAll()
    {
        var handles = new List<ResourceHandle>(Count);
        foreach (var element in _array)
        {
            if (element is ResourceHandle handle)
            {
                handles.Add(handle);
            }
        }

        _array.RemoveRange(1, _array.Count - 1);
        _free?.Clear();
        return handles;
    }

    /// <summary>Removes and returns the handle at an index, trapping on an invalid index.</summary>
    public ResourceHandle Remove(int index)
    {
        var handle = Get(index);
        _array[index] = null;
        (_free ??= new()).Push(index);
        return handle;
    }

    /// <summary>Removes and returns the element at an index, trapping on an invalid index.</summary>
    public object RemoveElement(int index)
    {
        var element = GetElement(index);
        _array[index] = null;
        (_free ??= new()).Push(index);
        return element;
    }
}
