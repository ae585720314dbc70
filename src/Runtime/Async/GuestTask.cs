using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>The states of a task (CanonicalABI.md <c>Task.State</c>).</summary>
internal enum TaskState
{
    Initial,
    Started,
    PendingCancel,
    CancelDelivered,
    Resolved,
}

/// <summary>Where a task that is not running core code is parked.</summary>
internal enum ParkKind
{
    /// <summary>Not parked: running, waiting to start, or finished.</summary>
    None,

    /// <summary>Returned <c>YIELD</c> to the event loop: runnable at once.</summary>
    Yield,

    /// <summary>Returned <c>WAIT</c> to the event loop: runnable when its waitable set has an event.</summary>
    Wait,
}

/// <summary>
/// One call of a lifted function (CanonicalABI.md <c>Task</c> with its implicit thread): a synchronous lift's call
/// (kept only so that built-ins know who called them), or an async lift's call that may park at the event loop
/// between callbacks.
/// </summary>
internal sealed class GuestTask : IWaitCondition
{
    private readonly Func<WitValue[]>? _onStart;
    private readonly Action<WitValue[]?>? _onResolve;

    public GuestTask(InstanceState instance, AsyncLiftedFunction? function, bool asyncType, Func<WitValue[]>? onStart, Action<WitValue[]?>? onResolve)
    {
        Instance = instance;
        Function = function;
        IsAsyncType = asyncType;
        _onStart = onStart;
        _onResolve = onResolve;
    }

    /// <summary>The instance the task runs in.</summary>
    public InstanceState Instance { get; }

    /// <summary>The async-lifted function, or null for a synchronous lift.</summary>
    public AsyncLiftedFunction? Function { get; }

    /// <summary>Whether the function's type is <c>async</c> (only those may block).</summary>
    public bool IsAsyncType { get; }

    /// <summary>Whether the lift used the <c>async</c> option (only those call <c>task.return</c>).</summary>
    public bool IsAsyncLift => Function is not null;

    /// <summary>Whether the lift is <c>async</c> without <c>callback</c> (stackful).</summary>
    public bool IsStackful => Function is { Callback: null };

    public TaskState State { get; set; } = TaskState.Initial;

    /// <summary>The implicit thread's context storage (<c>context.get</c>/<c>context.set</c>).</summary>
    public long[] Context => _context ??= new long[2];

    private long[]? _context;

    /// <summary>The resource scope of the call's arguments: borrows lent to the task must be dropped before it returns.</summary>
    public Instantiation.CallScope? Scope { get; set; }

    public ParkKind Park { get; set; }

    /// <summary>The set a <see cref="ParkKind.Wait"/> task waits on.</summary>
    public WaitableSet? ParkSet { get; set; }

    /// <summary>Set when the core function (and its callbacks) have returned <c>EXIT</c>.</summary>
    public bool Exited { get; set; }

    /// <summary>Whether the task has delivered its result (or its cancellation).</summary>
    public bool Resolved => State == TaskState.Resolved;

    /// <summary><see cref="Resolved"/> as a delegate (made once), for the loop's wait conditions.</summary>
    public Func<bool> IsResolved => _isResolved ??= () => Resolved;

    /// <summary>A caller waiting for the task's value could go on once it is resolved.</summary>
    bool IWaitCondition.IsMet => Resolved;

    private Func<bool>? _isResolved;

    /// <summary>The arguments of a call from the host (used when the task has no start callback).</summary>
    public WitValue[]? Arguments { get; init; }

    /// <summary>The value the task returned; null before, and when it was cancelled.</summary>
    public WitValue[]? Results { get; private set; }

    /// <summary>Moves the task from waiting to start to started and returns its arguments.</summary>
    public WitValue[] Start()
    {
        State = TaskState.Started;
        return _onStart?.Invoke() ?? Arguments ?? [];
    }

    /// <summary>Lowers the arguments of a raw call (generated bindings) into the core parameters, instead of dynamic values.</summary>
    public RawLower? RawStart { get; set; }

    /// <summary>Lifts the core values of <c>task.return</c> for a raw call (generated bindings), instead of dynamic values.</summary>
    public RawReturnLift? RawReturn { get; set; }

    /// <summary><c>task.return</c> of a raw call, before its values are lifted: traps when the task cannot return.</summary>
    public void CheckReturn()
    {
        if (State == TaskState.Resolved)
        {
            throw new ComponentTrapException("cannot return a value: the task has already returned or been cancelled (task.return called twice)");
        }

        CheckBorrows();
    }

    /// <summary><c>task.return</c> of a raw call, after its values were lifted.</summary>
    public void ReturnedRaw() => State = TaskState.Resolved;

    /// <summary><c>task.return</c> (or the return of a synchronous lift).</summary>
    public void Return(WitValue[] result)
    {
        if (State == TaskState.Resolved)
        {
            throw new ComponentTrapException("cannot return a value: the task has already returned or been cancelled (task.return called twice)");
        }

        CheckBorrows();
        State = TaskState.Resolved;
        Results = result;
        _onResolve?.Invoke(result);
    }

    private void CheckBorrows()
    {
        if (Scope is { OutstandingBorrows: > 0 } scope)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"borrow handles still remain at the end of the call ({scope.OutstandingBorrows} not dropped)");
        }
    }

    /// <summary><c>task.cancel</c>: only after the cancellation was delivered to the guest.</summary>
    public void Cancel()
    {
        if (State != TaskState.CancelDelivered)
        {
            throw new ComponentTrapException(State == TaskState.Resolved
                ? "cannot cancel a task that has already returned or been cancelled"
                : "cannot call task.cancel: cancellation has not been requested of this task");
        }

        CheckBorrows();
        State = TaskState.Resolved;
        _onResolve?.Invoke(null);
    }

    /// <inheritdoc />
    public override string ToString() => $"task of {Function?.Name ?? "a synchronous lift"} in {Instance.Name}";
}

/// <summary>Lifts the core values a guest passes to <c>task.return</c> (flat, or one pointer when they spill).</summary>
internal delegate void RawReturnLift(AbiContext context, ReadOnlySpan<RawValue> values);
