namespace WitBindgen.Runtime.Async;

/// <summary>
/// Something that can be waited on (CanonicalABI.md <c>Waitable</c>): a subtask or one end of a stream or future. It holds
/// at most one pending event, computed when it is delivered, and belongs to at most one waitable set.
/// </summary>
internal abstract class Waitable
{
    private Func<AsyncAbi.Event>? _pending;

    /// <summary>The set this waitable belongs to, if any.</summary>
    public WaitableSet? Set { get; private set; }

    /// <summary>True while a synchronous built-in waits on this waitable alone.</summary>
    public bool HasSyncWaiter { get; set; }

    /// <summary>Whether an event is waiting to be delivered.</summary>
    public bool HasPendingEvent => _pending is not null;

    /// <summary>Sets the event to deliver (replacing an undelivered one).</summary>
    public void SetPendingEvent(Func<AsyncAbi.Event> pending) => _pending = pending;

    /// <summary>Takes and computes the pending event.</summary>
    public AsyncAbi.Event TakePendingEvent()
    {
        var pending = _pending ?? throw new InvalidOperationException("no pending event");
        _pending = null;
        return pending();
    }

    /// <summary>Moves the waitable into <paramref name="set"/> (null: out of any set).</summary>
    public void Join(WaitableSet? set)
    {
        Set?.Elements.Remove(this);
        Set = set;
        set?.Elements.Add(this);
    }

    /// <summary>Checks what every drop checks and leaves the set.</summary>
    protected void DropWaitable()
    {
        if (HasPendingEvent)
        {
            throw new ComponentTrapException("cannot drop a waitable with an undelivered event");
        }

        Join(null);
    }
}

/// <summary>A waitable set (CanonicalABI.md <c>WaitableSet</c>): the waitables a task waits on together.</summary>
internal sealed class WaitableSet
{
    /// <summary>The members, in the order they joined.</summary>
    public List<Waitable> Elements { get; } = new();

    /// <summary>How many tasks (or callback loops) are waiting on the set now.</summary>
    public int Waiting { get; set; }

    /// <summary>Whether a member has an event to deliver.</summary>
    public bool HasPendingEvent
    {
        get
        {
            foreach (var w in Elements)
            {
                if (w.HasPendingEvent)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Takes the event of the first member that has one.</summary>
    public AsyncAbi.Event TakePendingEvent()
    {
        foreach (var w in Elements)
        {
            if (w.HasPendingEvent)
            {
                return w.TakePendingEvent();
            }
        }

        throw new InvalidOperationException("no pending event");
    }

    /// <summary>Traps unless the set may be dropped: no members and nobody waiting.</summary>
    public void CheckDrop()
    {
        if (Elements.Count > 0)
        {
            throw new ComponentTrapException("cannot drop a waitable set that still has members");
        }

        if (Waiting > 0)
        {
            throw new ComponentTrapException("cannot drop waitable set with waiters");
        }
    }
}
