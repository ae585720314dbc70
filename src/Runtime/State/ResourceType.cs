namespace WitBindgen.Runtime.State;

/// <summary>
/// A runtime resource type. Identity matters, not structure: every instance of a component that
/// defines a resource creates a distinct type, and the host creates its own types for the
/// resources it implements.
/// </summary>
public sealed class ResourceType
{
    /// <summary>Creates a resource type.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="implementation">The component instance that implements it; null for host resources.</param>
    /// <param name="destructor">Called with the representation when the last owning handle is dropped.</param>
    public ResourceType(string name, InstanceState? implementation, Action<int>? destructor)
    {
        Name = name;
        Implementation = implementation;
        Destructor = destructor;
    }

    /// <summary>Creates a resource type a component instance defines, whose destructor runs as a call into that instance.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="implementation">The component instance that implements it.</param>
    /// <param name="destroy">Runs the destructor for a drop by the given instance (null: the host).</param>
    internal ResourceType(string name, InstanceState implementation, Action<int, InstanceState?>? destroy)
    {
        Name = name;
        Implementation = implementation;
        _destroy = destroy;
        Destructor = destroy is null ? null : rep => destroy(rep, null);
    }

    private readonly Action<int, InstanceState?>? _destroy;

    /// <summary>The resource's name (for diagnostics).</summary>
    public string Name { get; }

    /// <summary>The instance that implements the resource, or null when the host does.</summary>
    public InstanceState? Implementation { get; }

    /// <summary>The destructor, if the implementation declared one (for a component's resource: run as the host's drop).</summary>
    public Action<int>? Destructor { get; }

    /// <summary>Runs the destructor, if any, for the drop of an owning handle by <paramref name="caller"/> (null: the host).</summary>
    internal void Destroy(int rep, InstanceState? caller)
    {
        if (_destroy is not null)
        {
            _destroy(rep, caller);
        }
        else
        {
            Destructor?.Invoke(rep);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>An element of a component instance's handle table.</summary>
internal sealed class ResourceHandle
{
    internal ResourceHandle(ResourceType type, int rep, bool own, object? borrowScope)
    {
        Type = type;
        Rep = rep;
        Own = own;
        BorrowScope = borrowScope;
    }

    /// <summary>The resource type.</summary>
    public ResourceType Type { get; }

    /// <summary>The representation (an i32 chosen by the implementation).</summary>
    public int Rep { get; }

    /// <summary>True for an owning handle, false for a borrow.</summary>
    public bool Own { get; }

    /// <summary>The call that lent this borrow, if it is a borrow.</summary>
    public object? BorrowScope { get; }

    /// <summary>
    /// How many calls this handle (owning, or a borrow passed on) is lent to (CanonicalABI.md <c>num_lends</c>): it
    /// cannot be dropped or moved meanwhile.
    /// </summary>
    public int Lends { get; internal set; }
}
