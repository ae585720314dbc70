namespace WitBindgen.Runtime.State;

/// <summary>
/// A runtime resource type. Identity matters, not structure: every instance of a component that
/// defines a resource creates a distinct type, and the host creates its own types for the
/// resources it implements.
/// </summary>
public sealed class ResourceType
{
    // The destructor, in one field: a host's Action<int>, a component's Action<int, InstanceState?> (run as a call
    // into it), a table of host objects (IResourceDestructor: no delegate per instance and resource), or null.
    private readonly object? _destructor;

    /// <summary>Creates a resource type.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="implementation">The component instance that implements it; null for host resources.</param>
    /// <param name="destructor">Called with the representation when the last owning handle is dropped.</param>
    public ResourceType(string name, InstanceState? implementation, Action<int>? destructor)
    {
        Name = name;
        Implementation = implementation;
        _destructor = destructor;
    }

    /// <summary>Creates a resource type a component instance defines, whose destructor runs as a call into that instance.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="implementation">The component instance that implements it.</param>
    /// <param name="destroy">Runs the destructor for a drop by the given instance (null: the host).</param>
    internal ResourceType(string name, InstanceState implementation, Action<int, InstanceState?>? destroy)
    {
        Name = name;
        Implementation = implementation;
        _destructor = destroy;
    }

    /// <summary>Creates a host resource type whose representations index a table of host objects.</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="table">Removes (and disposes) the object of a representation when its last owning handle is dropped.</param>
    internal ResourceType(string name, IResourceDestructor table)
    {
        Name = name;
        _destructor = table;
    }

    /// <summary>The resource's name (for diagnostics).</summary>
    public string Name { get; }

    /// <summary>The instance that implements the resource, or null when the host does.</summary>
    public InstanceState? Implementation { get; }

    /// <summary>The destructor, if the implementation declared one (for a component's resource: run as the host's drop).</summary>
    public Action<int>? Destructor => _destructor switch
    {
        Action<int> host => host,
        Action<int, InstanceState?> component => rep => component(rep, null),
        IResourceDestructor table => table.Destroy,
        _ => null,
    };

    /// <summary>Runs the destructor, if any, for the drop of an owning handle by <paramref name="caller"/> (null: the host).</summary>
    internal void Destroy(int rep, InstanceState? caller)
    {
        switch (_destructor)
        {
            case Action<int, InstanceState?> component:
                component(rep, caller);
                break;
            case Action<int> host:
                host(rep);
                break;
            case IResourceDestructor table:
                table.Destroy(rep);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The destructor of a host resource type whose representations index a table (one object, no delegate).</summary>
internal interface IResourceDestructor
{
    /// <summary>Removes the object of <paramref name="rep"/>, disposing it.</summary>
    void Destroy(int rep);
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
