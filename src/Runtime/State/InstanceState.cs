using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime;
namespace WitBindgen.Runtime.State;

/// <summary>
/// The canonical ABI's per-component-instance state: its handle table, the reentrance flags (<c>may_enter</c>,
/// <c>may_leave</c>) and the parent link the entering rules follow.
/// </summary>
/// <remarks>
/// <para>
/// Threads: an instance runs on one thread at a time. <c>may_enter</c> is kept as the managed id of the thread that
/// entered the instance (zero while it is free), claimed with one compare-exchange when a call enters and cleared when
/// it leaves. A second call from the thread that holds the instance is reentrance (a trap, as the canonical ABI says);
/// one from any other thread is a use of the instance from two threads at once and is refused with
/// <see cref="InvalidOperationException"/> before it touches anything, leaving the instance as it was.
/// </para>
/// <para>
/// The host's own work on an instance outside a call (the guest's <c>realloc</c> while arguments are lowered, handles
/// moved into its table, disposal) claims the root the same way for its duration (<see cref="Claim"/>), so that it can
/// never run beside a call made from another thread.
/// </para>
/// </remarks>
public sealed unsafe partial class InstanceState
{
    /// <summary>The managed id of the thread running in the instance, or zero when none is (<c>may_enter</c>).</summary>
    /// <remarks>Unused while the instance has an adapter cell (<see cref="Owner"/>).</remarks>
    private int _owner;

    private bool _mayLeave = true;
    private bool _poisoned;

    /// <summary>
    /// On the root: the thread that owns it claimed it for a call it has begun but not yet entered
    /// (<see cref="ClaimForCall"/>); entering the root converts that claim instead of claiming again. Read and written
    /// only by the thread that owns the root, and only while it does.
    /// </summary>
    private bool _heldForCall;

    /// <summary>On the root: every instance of the instantiation, the root included (empty on the others).</summary>
    private readonly List<InstanceState> _instances;

    private static readonly List<InstanceState> NotRoot = new();

    /// <summary>Creates the state for an instance; a root takes the instantiation's limiter (null: no limits).</summary>
    internal InstanceState(string name, InstanceState? parent, InstanceLimiter? limiter = null)
    {
        Name = name;
        Parent = parent;
        Root = parent?.Root ?? this;
        Limiter = parent is null ? limiter : Root.Limiter;
        Handles = new HandleTable(Limiter?.Limits.HandlesPerTable);
        _instances = parent is null ? new() : NotRoot;
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

        // Not while another thread runs a call in the instantiation (InvalidOperationException); from inside a
        // call on this thread (a host function disposing its caller) it proceeds as before.
        var claimed = Claim();
        try
        {
            EndInstances();
            DetachCells();
        }
        finally
        {
            Release(claimed);
        }
    }

    private void EndInstances()
    {
        Disposed = true;
        Limiter?.Release();
        foreach (var instance in _instances)
        {
            foreach (var handle in instance.Handles.RemoveAll())
            {
                if (handle.Own && handle.Type.Implementation is null)
                {
                    try
                    {
                        handle.Type.Destroy(handle.Rep, null);
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
    internal bool MayEnter
    {
        get
        {
            // A root kept by a thread between calls (InstanceState.LazyClaim.cs) is free.
            var owner = Volatile.Read(ref Owner);
            return owner == 0 || (Volatile.Read(ref _lazy) is { } claim && claim.Thread == owner && !Volatile.Read(ref claim.Active));
        }
    }

    /// <summary>False while the instance runs <c>realloc</c> or <c>post-return</c> (it may not call out).</summary>
    internal bool MayLeave
    {
        get => _cell == null ? _mayLeave : (_cell[1] & CellMayNotLeave) == 0;
        set
        {
            _mayLeave = value;
            SetCellFlag(CellMayNotLeave, !value);
        }
    }

    /// <summary>Set after a trap: the instance can no longer be used.</summary>
    public bool Poisoned
    {
        get => _poisoned;
        internal set
        {
            _poisoned = value;
            SetCellFlag(CellUnusable, value);
        }
    }

    /// <summary>
    /// The first of this instance's self-or-ancestors that <paramref name="caller"/> (null: the host) is inside too:
    /// CanonicalABI.md's <c>entering_set</c> is this instance and its parents below it (the ancestors of both sides are
    /// shared from there up), or all of them when the result is null.
    /// </summary>
    private InstanceState? EnteringStop(InstanceState? caller)
    {
        if (caller is null)
        {
            return null;
        }

        for (var i = this; i is not null; i = i.Parent)
        {
            if (i.IsSelfOrAncestorOf(caller))
            {
                return i;
            }
        }

        return null;
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
            // One owner word, one thread id, one test of the two unusable states (a root's poisoned flag and its
            // disposal), the limiter only when there is one.
            var thread = Interop.CallingThread.Id;
            ref var owner = ref Owner;
            if (caller is null && _heldForCall && owner == thread)
            {
                // This thread claimed the instance when it began the call (ClaimForCall): the claim becomes the entry.
                _heldForCall = false;
            }
            else if (!TryHoldLazily(thread))
            {
                var previous = Acquire(this, thread);
                if (previous != 0)
                {
                    ThrowBusy(this, previous, thread);
                }
            }

            if (_poisoned | Disposed)
            {
                FreeRoot(thread);
                ThrowIfUnusable(this);
            }

            if (Limiter is not null)
            {
                BeginCall(this);
            }

            return new EnteredInstances(this, null);
        }

        // A nested instance's call enters the chain up to the root: a claim held for it is given up first.
        ReleaseForCall();

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
            EnterOne(this);
            BeginCall(this);
            return new EnteredInstances(this, null);
        }

        return EnterSet(caller);
    }

    /// <summary>
    /// Enters this instance alone, not its parents: an async task resumed by the event loop (a callback, or a call that
    /// waited to start) runs in its own instance only.
    /// </summary>
    /// <returns>A token to pass to <see cref="Leave"/>.</returns>
    internal EnteredInstances EnterAlone()
    {
        EnterOne(this);
        return new EnteredInstances(this, Parent);
    }

    private EnteredInstances EnterSet(InstanceState? caller)
    {
        var stop = EnteringStop(caller);
        for (var i = this; i is not null && !ReferenceEquals(i, stop); i = i.Parent)
        {
            try
            {
                EnterOne(i);
            }
            catch
            {
                ReleaseHeld(this, i);
                throw;
            }
        }

        if (caller is null || !ReferenceEquals(caller.Root, Root))
        {
            // A call from outside the instantiation: a new call for its limits.
            try
            {
                Root.Limiter?.BeginCall(Root);
            }
            catch
            {
                ReleaseHeld(this, stop);
                throw;
            }
        }

        return new EnteredInstances(this, stop);
    }

    /// <summary>Frees <paramref name="first"/> and its parents below <paramref name="stop"/>.</summary>
    private static void ReleaseChain(InstanceState? first, InstanceState? stop)
    {
        for (var i = first; i is not null && !ReferenceEquals(i, stop); i = i.Parent)
        {
            Volatile.Write(ref i.Owner, 0);
        }
    }

    /// <summary>
    /// Frees what a failed entering claimed: <paramref name="first"/> and its parents below <paramref name="stop"/>,
    /// each only while it still holds this thread's id (a wasm adapter on the thread running in the instantiation may
    /// have entered one of them meanwhile; its mark stays).
    /// </summary>
    private static void ReleaseHeld(InstanceState? first, InstanceState? stop)
    {
        var thread = Interop.CallingThread.Id;
        for (var i = first; i is not null && !ReferenceEquals(i, stop); i = i.Parent)
        {
            Interlocked.CompareExchange(ref i.Owner, 0, thread);
        }
    }

    /// <summary>Leaves the instances entered by <see cref="Enter"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Leave(EnteredInstances entered)
    {
        // The common case, a root entered alone, without the loop.
        if (entered.Stop is null && entered.First is { Parent: null } root)
        {
            root.FreeRoot(Interop.CallingThread.Id);
            return;
        }

        ReleaseChain(entered.First, entered.Stop);
    }

    /// <summary>
    /// Claims the root of this instantiation for the calling thread while the host works on it outside a call (runs
    /// <c>realloc</c>, moves handles into a table, ends it), unless this thread already holds it (inside a call).
    /// </summary>
    /// <returns>True when this call claimed the root and <see cref="Release"/> must free it.</returns>
    /// <exception cref="InvalidOperationException">Another thread is running in the instantiation.</exception>
    internal bool Claim()
    {
        var root = Root;
        var thread = Interop.CallingThread.Id;

        // Only this thread ever writes its own id: reading it back means the root is held already (no atomic needed),
        // unless the thread keeps the root only lazily between calls (then Acquire decides).
        var owner = Volatile.Read(ref root.Owner);
        if (owner == thread && !root.MaybeIdleLazily(thread))
        {
            return false;
        }

        owner = Acquire(root, thread);
        if (owner == 0)
        {
            return true;
        }

        if (owner != thread)
        {
            ThrowInUse(root);
        }

        return false;
    }

    /// <summary>
    /// Claims the root for a call from the host that the calling thread has begun (its arguments are lowered next) and
    /// keeps it until the call enters (<see cref="Enter"/> takes the claim over, with no second atomic operation) or is
    /// abandoned (<see cref="ReleaseForCall"/>). Between the two, the host's work on the instance (<c>realloc</c>,
    /// handles moved into a table) finds the root held and needs no atomic operation either.
    /// </summary>
    /// <returns>False when this thread held the root already (a call is running: the one begun here will be refused as reentrance).</returns>
    /// <exception cref="InvalidOperationException">Another thread is running in the instantiation.</exception>
    /// <exception cref="ObjectDisposedException">The instantiation has been disposed.</exception>
    /// <exception cref="ComponentTrapException">The instance is unusable after a trap.</exception>
    internal bool ClaimForCall()
    {
        var root = Root;
        var thread = Interop.CallingThread.Id;
        if (!root.TryHoldLazily(thread) && !Claim())
        {
            return false;
        }

        if (Poisoned || root.Disposed)
        {
            // Refused before anything (the guest's realloc included) runs in it.
            root.FreeRoot(thread);
            ThrowIfUnusable(this);
        }

        root._heldForCall = true;
        return true;
    }

    /// <summary>Frees a claim <see cref="ClaimForCall"/> took for a call that did not enter (its arguments could not be lowered).</summary>
    internal void ReleaseForCall()
    {
        var root = Root;
        var thread = Interop.CallingThread.Id;
        if (root._heldForCall && Volatile.Read(ref root.Owner) == thread)
        {
            root._heldForCall = false;
            root.FreeRoot(thread);
        }
    }

    /// <summary>Frees the root claimed by <see cref="Claim"/> when <paramref name="claimed"/>.</summary>
    internal void Release(bool claimed)
    {
        if (claimed)
        {
            Volatile.Write(ref Root.Owner, 0);
        }
    }

    /// <summary>
    /// Marks the instance entered by the calling thread, refusing a disposed or poisoned instance, one this thread is
    /// already running in (reentrance, a trap) and one another thread is running in (<see cref="InvalidOperationException"/>).
    /// </summary>
    /// <summary>Starts a call from outside for the limits of <paramref name="root"/> (fuel, deadline, cancellation), releasing it when that traps.</summary>
    private static void BeginCall(InstanceState root)
    {
        if (root.Limiter is { } limiter)
        {
            try
            {
                limiter.BeginCall(root);
            }
            catch
            {
                root.FreeRoot(Interop.CallingThread.Id);
                throw;
            }
        }
    }

    private static void EnterOne(InstanceState i)
    {
        var thread = Interop.CallingThread.Id;
        var owner = Acquire(i, thread);
        if (owner != 0)
        {
            ThrowBusy(i, owner, thread);
        }

        if (i.Poisoned || i.Root.Disposed)
        {
            Volatile.Write(ref i.Owner, 0);
            ThrowIfUnusable(i);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowBusy(InstanceState i, int owner, int thread)
    {
        if (owner != thread)
        {
            ThrowInUse(i);
        }

        ThrowIfUnusable(i);
        throw new ComponentTrapException(ComponentTrapKind.Reentrance, $"cannot enter {i.Description}: it is already running (reentrance)");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowInUse(InstanceState i) =>
        throw new InvalidOperationException($"{i.Description} is in use by another thread: an instance runs on one thread at a time");

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
