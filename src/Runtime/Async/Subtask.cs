namespace WitBindgen.Runtime.Async;

/// <summary>
/// The caller's side of an async-lowered call that did not finish at once (CanonicalABI.md <c>Subtask</c>): a waitable in
/// the caller's table that reports the callee's progress (started, returned, cancelled).
/// </summary>
internal sealed class Subtask : Waitable
{
    public SubtaskState State { get; set; } = SubtaskState.Starting;

    /// <summary>The callee's task (null for a callee that is not an async-lifted guest function).</summary>
    public GuestTask? Task { get; set; }

    /// <summary>The index in the caller's table, once the subtask is there.</summary>
    public int Index { get; set; }

    public bool CancellationRequested { get; set; }

    /// <summary>Requests the cancellation of a host callee's work (null for guest callees and finished host work).</summary>
    public Action? CancelHostWork { get; set; }

    /// <summary>Whether the caller has been told that the subtask resolved (<see cref="DeliverResolve"/>).</summary>
    public bool ResolveDelivered { get; private set; }

    /// <summary>The caller's side of the call, whose handles lent as borrows come back with the resolution.</summary>
    public Instantiation.CallScope? Lenders { get; set; }

    /// <summary>
    /// CanonicalABI.md <c>Subtask.deliver_resolve</c>: the caller learns that the callee resolved (a <c>SUBTASK</c>
    /// event, <c>RETURNED</c> from the lower, or <c>subtask.cancel</c>'s result), and gets back the handles it lent
    /// for the arguments: until then it may not drop them, even when the callee has already returned.
    /// </summary>
    public void DeliverResolve()
    {
        ResolveDelivered = true;
        Lenders?.ReturnLends();
        Lenders = null;
    }

    /// <summary>Whether the callee returned a value or confirmed cancellation.</summary>
    public bool Resolved => State is SubtaskState.Returned or SubtaskState.CancelledBeforeStarted or SubtaskState.CancelledBeforeReturned;

    /// <summary>Reports progress as the pending <c>SUBTASK</c> event (once the subtask is in the caller's table).</summary>
    public void Progress()
    {
        if (Index == 0)
        {
            return;
        }

        SetPendingEvent(() =>
        {
            if (Resolved)
            {
                DeliverResolve();
            }

            return new AsyncAbi.Event(EventCode.Subtask, Index, (int)State);
        });
    }

    /// <summary><c>subtask.drop</c>.</summary>
    public void Drop()
    {
        if (!ResolveDelivered)
        {
            throw new ComponentTrapException("cannot drop a subtask which has not yet resolved");
        }

        DropWaitable();
    }
}
