using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime;
namespace WitBindgen.Runtime.State;

/// <summary>
/// The canonical ABI's per-component-instance state: its handle table, the reentrance flags (<c>may_enter</c>,
/// <c>may_leave</c>) and the parent link the entering rules follow.
/// </summary>
public sealed class InstanceState
{
    /// <summary>On the root: every instance of the instantiation, the root included.</summary>
    private readonly List<InstanceState> _instances = new();

    /// <summary>Creates the state for an instance; a root takes the instantiation's limiter (null: no limits).</summary>
    internal InstanceState(string name, InstanceState? parent, InstanceLimiter? limiter = null)
    {
        Name = name;
        Parent = parent;
        Root = parent?.Root ?? this;
        Limiter = parent is null ? limiter : Root.Limiter;
        Handles = new HandleTable(Limiter?.Limits.HandlesPerTable);
        Root._instances.Add(this);
    }

    /// <summary>The limits of the instantiation (shared by its instances), or null when it has none.</summary>
    internal InstanceLimiter? Limiter { get; }

    /// <summary>The outermost instance of this instantiation (the one the host created).</summary>
    public InstanceState Root { get; }

    /// <summary>Set on the root when the host disposes the instantiation: nothing may run any more.</summary>
    public bool Disposed { get; internal set; }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the instantiation has been disposed.</summary>
    public void ThrowIfDisposed()
    {
        if (Root.Disposed)
        {
            ThrowDisposed();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowDisposed() => throw new ObjectDisposedException(Root.World ?? Root.Name, $"{Root.Description} has been disposed");

    /// <summary>
    /// Ends the instantiation: marks it disposed and drops every owning handle its instances hold to resources the
    /// host implements, running their host destructors as if the guest had dropped them, so host objects the guest
    /// owned (open files, streams) are released with the instance. Guest destructors are not run. A destructor that
    /// throws does not stop the others. Only the root's call has an effect.
    /// </summary>
    internal void End()
    {
        if (Disposed || !ReferenceEquals(Root, this))
        {
            return;
        }

        Disposed = true;
        Limiter?.Release();
        foreach (var instance in _instances)
        {
            foreach (var handle in instance.Handles.RemoveAll())
            {
                if (handle.Own && handle.Type.Implementation is null && handle.Type.Destructor is { } destructor)
                {
                    try
                    {
                        destructor(handle.Rep);
                    }
                    catch (Exception)
                    {
                        // The instance is gone; a failing host destructor must not keep the others from running.
                    }
                }
            }
        }
    }

    /// <summary>A name for diagnostics.</summary>
    public string Name { get; }

    /// <summary>
    /// On the root: the WIT world the instance was made for (generated bindings say), so that exceptions name the world
    /// rather than the runtime's internal instance names; null when the host instantiated the component directly.
    /// </summary>
    public string? World { get; internal set; }

    /// <summary>
    /// How messages name the instance: <c>component instance 'root'</c>, or, when it was instantiated for a world,
    /// <c>the instance of world 'plugin'</c> (a nested instance: <c>component instance 'root/instance 1' in the instance of
    /// world 'plugin'</c>).
    /// </summary>
    public string Description => Root.World is not { } world
        ? $"component instance '{Name}'"
        : ReferenceEquals(Root, this) ? $"the instance of world '{world}'" : $"component instance '{Name}' in the instance of world '{world}'";

    /// <summary>The instance that instantiated this one, or null when the host did.</summary>
    public InstanceState? Parent { get; }

    /// <summary>The handle table.</summary>
    internal HandleTable Handles { get; }

    /// <summary>False while a call is active inside this instance (it may not be re-entered).</summary>
    internal bool MayEnter { get; private set; } = true;

    /// <summary>False while the instance runs <c>realloc</c> or <c>post-return</c> (it may not call out).</summary>
    internal bool MayLeave { get; set; } = true;

    /// <summary>Set after a trap: the instance can no longer be used.</summary>
    public bool Poisoned { get; internal set; }

    /// <summary>The instances entered when <paramref name="caller"/> (null: the host) calls into this one.</summary>
    internal List<InstanceState> EnteringSet(InstanceState? caller)
    {
        var set = new List<InstanceState>();
        for (var i = this; i is not null; i = i.Parent)
        {
            set.Add(i);
        }

        for (var c = caller; c is not null; c = c.Parent)
        {
            set.Remove(c);
        }

        return set;
    }

    /// <summary>
    /// Enters the instance from a caller, trapping when that would re-enter an active instance, or when a component
    /// calls its own instance, a parent of it or a child of it.
    /// </summary>
    /// <remarks>
    /// CanonicalABI.md's <c>entering_set</c> would let a parent call into a child and the child call back into the
    /// parent ("donut wrapping"); the specification's reference tests (<c>trap-on-reenter.wast</c>) and Wasmtime trap on
    /// both calls "for now", and so does this runtime: between components, only calls to instances that are neither
    /// the caller nor one of its ancestors or descendants (siblings, cousins, other roots) may enter.
    /// </remarks>
    /// <returns>A token to pass to <see cref="Leave"/>.</returns>
    internal EnteredInstances Enter(InstanceState? caller)
    {
        // The common cases — the host, or an instance of another instantiation (a live link), calling a root
        // instance — enter only that instance: no set and no allocation.
        if (Parent is null && (caller is null || !ReferenceEquals(caller.Root, this)))
        {
            Check(this);
            Limiter?.BeginCall(this);
            MayEnter = false;
            return new EnteredInstances(this, null);
        }

        if (caller is not null && (caller.IsSelfOrAncestorOf(this) || IsSelfOrAncestorOf(caller)))
        {
            ThrowIfUnusable(this);
            throw new ComponentTrapException(
                ComponentTrapKind.Reentrance,
                ReferenceEquals(caller, this)
                    ? $"cannot enter {Description} from itself"
                    : $"cannot enter {Description} from '{caller.Name}': calls between a component instance and its {(IsSelfOrAncestorOf(caller) ? "child" : "parent")} are not allowed");
        }

        return EnterSet(caller);
    }

    /// <summary>
    /// Enters the instance to run a resource destructor for a drop by <paramref name="caller"/> (null: the host), with
    /// CanonicalABI.md's <c>entering_set</c> alone (<c>canon resource.drop</c>): an instance dropping a handle of a
    /// resource it implements stays inside itself and enters nothing.
    /// </summary>
    /// <returns>A token to pass to <see cref="Leave"/>.</returns>
    internal EnteredInstances EnterToDestroy(InstanceState? caller)
    {
        if (Parent is null && caller is null)
        {
            Check(this);
            Limiter?.BeginCall(this);
            MayEnter = false;
            return new EnteredInstances(this, null);
        }

        return EnterSet(caller);
    }

    private EnteredInstances EnterSet(InstanceState? caller)
    {
        var set = EnteringSet(caller);
        foreach (var i in set)
        {
            Check(i);
        }

        if (caller is null || !ReferenceEquals(caller.Root, Root))
        {
            // A call from outside the instantiation: a new call for its limits.
            Root.Limiter?.BeginCall(Root);
        }

        foreach (var i in set)
        {
            i.MayEnter = false;
        }

        return new EnteredInstances(null, set);
    }

    /// <summary>Leaves the instances entered by <see cref="Enter"/>.</summary>
    internal static void Leave(EnteredInstances entered)
    {
        if (entered.Single is { } single)
        {
            single.MayEnter = true;
            return;
        }

        if (entered.Set is { } set)
        {
            foreach (var i in set)
            {
                i.MayEnter = true;
            }
        }
    }

    /// <summary>Whether this instance is <paramref name="other"/> or one of its (transitive) parents.</summary>
    private bool IsSelfOrAncestorOf(InstanceState other)
    {
        for (var i = other; i is not null; i = i.Parent)
        {
            if (ReferenceEquals(i, this))
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(InstanceState i)
    {
        ThrowIfUnusable(i);
        if (!i.MayEnter)
        {
            throw new ComponentTrapException(ComponentTrapKind.Reentrance, $"cannot enter {i.Description}: it is already running (reentrance)");
        }
    }

    private static void ThrowIfUnusable(InstanceState i)
    {
        i.ThrowIfDisposed();
        if (i.Poisoned)
        {
            throw new ComponentTrapException($"{i.Description} is unusable after an earlier trap");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
