using System.Runtime.CompilerServices;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// The event loop of one instantiation (one Wasmtime store): tasks parked between callbacks, calls waiting to start
/// (backpressure), the tasks running core code (innermost last) and host work the guest waits on.
/// </summary>
/// <remarks>
/// Wasmtime's core API has no stack switching, so a task that blocks with core frames on the stack (a synchronous
/// wait, a synchronous call of an async function, a stackful lift) blocks by running the loop nested, on the same
/// stack, until what it waits for has happened: other tasks run inside that wait, and the blocked task can only go
/// on once the tasks nested above it have parked or finished. When nothing can run and no host work is pending, the
/// wait is a deadlock, which traps.
/// </remarks>
internal sealed partial class AsyncScheduler
{
    /// <summary>How many yields in a row, with nothing else able to run, count as a livelock.</summary>
    private const int MaxIdleYields = 100_000;

    private static readonly ConditionalWeakTable<InstanceState, AsyncScheduler> Schedulers = new();

    private readonly List<GuestTask> _parked = new();
    private readonly List<(GuestTask Task, Action Start)> _starting = new();
    private readonly List<GuestTask> _running = new();
    private readonly List<(Task Work, Action Complete)> _hostWork = new();
    private readonly List<IWaitCondition> _waits = new();
    private readonly ConditionalWeakTable<InstanceState, InstanceAsyncState> _instances = new();

    /// <summary>The scheduler of the instantiation <paramref name="instance"/> belongs to.</summary>
    public static AsyncScheduler For(InstanceState instance) =>
        Schedulers.GetValue(instance.Root, root => new AsyncScheduler { HostWaitTimeout = root.Limiter?.Limits.CallTimeout });

    /// <summary>The async state of one instance.</summary>
    public InstanceAsyncState Of(InstanceState instance) => _instances.GetValue(instance, _ => new InstanceAsyncState());

    /// <summary>The task running core code now (innermost), or null.</summary>
    public GuestTask? Current => _running.Count == 0 ? null : _running[^1];

    /// <summary>The current task if it runs in <paramref name="instance"/>, else null (a raw or linked call that keeps no task).</summary>
    public GuestTask? CurrentIn(InstanceState instance) => Current is { } t && ReferenceEquals(t.Instance, instance) ? t : null;

    public void Push(GuestTask task) => _running.Add(task);

    public void Pop(GuestTask task)
    {
        if (_running.Count > 0 && ReferenceEquals(_running[^1], task))
        {
            _running.RemoveAt(_running.Count - 1);
        }
        else
        {
            _running.Remove(task);
        }
    }

    /// <summary>Parks a task that returned <c>YIELD</c> or <c>WAIT</c> to the loop.</summary>
    public void Park(GuestTask task) => _parked.Add(task);

    /// <summary>Whether a task is parked at the loop.</summary>
    public bool IsParked(GuestTask task) => _parked.Contains(task);

    /// <summary>Removes a parked task (to resume it out of turn, for cancellation).</summary>
    public void Unpark(GuestTask task) => _parked.Remove(task);

    /// <summary>Queues a call that may not start yet (backpressure).</summary>
    public void QueueStart(GuestTask task, Action start)
    {
        Of(task.Instance).WaitingToEnter++;
        _starting.Add((task, start));
    }

    /// <summary>Removes a call waiting to start (it was cancelled); false when it is not waiting.</summary>
    public bool RemoveStart(GuestTask task)
    {
        var i = _starting.FindIndex(s => ReferenceEquals(s.Task, task));
        if (i < 0)
        {
            return false;
        }

        _starting.RemoveAt(i);
        Of(task.Instance).WaitingToEnter--;
        return true;
    }

    /// <summary>Registers host work a guest waits on; <paramref name="complete"/> runs on the loop's thread when it ends.</summary>
    public void AddHostWork(Task work, Action complete) => _hostWork.Add((work, complete));

    /// <summary>Whether a new call of <paramref name="task"/>'s function must wait before it starts.</summary>
    public bool MustWaitToStart(GuestTask task)
    {
        var state = Of(task.Instance);
        return state.Backpressure > 0 || state.WaitingToEnter > 0 || (!task.Instance.MayEnter && state.Blocked > 0);
    }

    /// <summary>
    /// Blocks <paramref name="current"/> (with core frames on the stack) until <paramref name="done"/>: runs other tasks
    /// meanwhile. A task of a synchronous function type may not block: that traps.
    /// </summary>
    public void Block(InstanceState instance, GuestTask? current, Func<bool> done, string what)
    {
        if (done())
        {
            return;
        }

        if (current is null || !current.IsAsyncType)
        {
            throw new ComponentTrapException($"cannot block a synchronous task before returning ({what}): only functions of an async type may block");
        }

        var state = Of(instance);
        state.Blocked++;
        try
        {
            RunUntil(done, what);
        }
        finally
        {
            state.Blocked--;
        }
    }

    /// <summary>Runs the loop until <paramref name="done"/>, trapping on a deadlock.</summary>
    public void RunUntil(Func<bool> done, string what, CancellationToken cancellationToken = default)
    {
        if (done())
        {
            return;
        }

        var wait = new WaitCondition(done);
        PushWait(wait);
        try
        {
            int idleYields = 0;
            while (!done())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (Step(ref idleYields))
                {
                    case StepResult.Progress:
                        break;
                    case StepResult.HostWork:
                        WaitForHostWork(cancellationToken);
                        break;
                    default:
                        throw Stuck(wait, what);
                }
            }
        }
        finally
        {
            PopWait(wait);
        }
    }

    /// <summary>
    /// Records that code lower on this thread's stack waits for <paramref name="wait"/> (a blocked task, a caller that
    /// could go on once its callee blocks): when the loop above it is stuck while the condition holds, the runtime could
    /// go on only by switching stacks, and says so instead of calling it a deadlock.
    /// </summary>
    public void PushWait(IWaitCondition wait) => _waits.Add(wait);

    /// <summary>Removes what <see cref="PushWait"/> recorded.</summary>
    public void PopWait(IWaitCondition wait)
    {
        for (int i = _waits.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_waits[i], wait))
            {
                _waits.RemoveAt(i);
                return;
            }
        }
    }

    /// <summary>The same as <see cref="RunUntil"/>, awaiting host work instead of blocking the thread.</summary>
    /// <param name="done">Whether the wait is over.</param>
    /// <param name="what">What waits (for the deadlock message).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="holdsGate">Whether the caller holds the gate: it is released while the loop waits.</param>
    public async Task RunUntilAsync(Func<bool> done, string what, CancellationToken cancellationToken, bool holdsGate = false)
    {
        // Not recorded as a wait lower on the stack (PushWait): while it awaits, the gate is free and the loop may run on
        // another thread, which has nothing of this call below it. When the caller holds the gate, it holds it again
        // when this returns or throws, owned by no thread (DetachGate): the caller adopts it where it goes on.
        int idleYields = 0;
        try
        {
            while (!done())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (Step(ref idleYields))
                {
                    case StepResult.Progress:
                        break;
                    case StepResult.HostWork:
                        await WaitForHostWorkAsync(holdsGate, cancellationToken).ConfigureAwait(false);
                        if (holdsGate)
                        {
                            AdoptGate();
                        }

                        break;
                    default:
                        throw Stuck(null, what);
                }
            }
        }
        finally
        {
            if (holdsGate)
            {
                DetachGate();
            }
        }
    }

    /// <summary>
    /// Waits for host work or a wake-up, releasing the gate meanwhile when <paramref name="holdsGate"/> (another thread's
    /// host operation may step the loop then) and taking it again afterwards, owned by no thread: the caller adopts it
    /// on the thread it goes on (which need not be the one this ends on).
    /// </summary>
    private async Task WaitForHostWorkAsync(bool holdsGate, CancellationToken cancellationToken)
    {
        var any = AnyHostWorkOrWake();
        if (ChangedSinceStep())
        {
            return;
        }

        if (holdsGate)
        {
            ExitGate(wake: false);
        }

        try
        {
            await (HostWaitTimeout is { } timeout ? any.WaitAsync(timeout, cancellationToken) : any.WaitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ComponentTrapException(ComponentTrapKind.DeadlineExceeded, $"the guest waited longer than {HostWaitTimeout} for host work", e);
        }
        finally
        {
            if (holdsGate)
            {
                // Never the HoldsGate short cut of EnterGateAsync: the gate was released, so it is taken again for real.
                await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether the loop must step again instead of waiting, checked after the wake-up task was taken: a host operation
    /// posted, or the host let go of its last end, after the step looked. Such a change wakes only a wake-up task that
    /// already exists, so without this check it would be lost and the loop would wait for nothing.
    /// </summary>
    private bool ChangedSinceStep() => !_posted.IsEmpty || (_hostWork.Count == 0 && HostEnds == 0);

    /// <summary>A task that completes when some host work ends or the loop is woken (one host task: no array).</summary>
    private Task AnyHostWorkOrWake() =>
        _hostWork.Count == 1 ? Task.WhenAny(_hostWork[0].Work, WakeTask) : Task.WhenAny(HostWorkAnd(WakeTask));

    /// <summary>The tasks of the pending host work, then <paramref name="first"/> and <paramref name="second"/> (if given).</summary>
    private Task[] HostWorkAnd(Task first, Task? second = null)
    {
        var tasks = new Task[_hostWork.Count + (second is null ? 1 : 2)];
        for (int i = 0; i < _hostWork.Count; i++)
        {
            tasks[i] = _hostWork[i].Work;
        }

        tasks[_hostWork.Count] = first;
        if (second is not null)
        {
            tasks[^1] = second;
        }

        return tasks;
    }

    /// <summary>Runs what is ready without waiting (tasks that go on after returning their value), a bounded number of steps.</summary>
    public void RunReady(int maxSteps = 10_000)
    {
        int idleYields = 0;
        for (int i = 0; i < maxSteps; i++)
        {
            if (Step(ref idleYields) != StepResult.Progress)
            {
                return;
            }
        }
    }

    private enum StepResult
    {
        Progress,
        HostWork,
        Stuck,
    }

    private StepResult Step(ref int idleYields)
    {
        // Host operations on stream and future ends, posted from other threads.
        if (RunPosted())
        {
            idleYields = 0;
            return StepResult.Progress;
        }

        // Host work that has finished: its completion runs here, on the loop's thread.
        for (int i = 0; i < _hostWork.Count; i++)
        {
            if (_hostWork[i].Work.IsCompleted)
            {
                var complete = _hostWork[i].Complete;
                _hostWork.RemoveAt(i);
                complete();
                idleYields = 0;
                return StepResult.Progress;
            }
        }

        for (int i = 0; i < _starting.Count; i++)
        {
            var (task, start) = _starting[i];
            var state = Of(task.Instance);
            if (state.Backpressure == 0 && CanRunIn(task) && i == _starting.FindIndex(s => ReferenceEquals(s.Task.Instance, task.Instance)))
            {
                _starting.RemoveAt(i);
                state.WaitingToEnter--;
                idleYields = 0;
                start();
                return StepResult.Progress;
            }
        }

        GuestTask? yielder = null;
        foreach (var task in _parked)
        {
            if (task.Instance.Poisoned || task.Instance.Root.Disposed || !CanRunIn(task))
            {
                continue;
            }

            if (task.State == TaskState.PendingCancel || (task.Park == ParkKind.Wait && task.ParkSet!.HasPendingEvent))
            {
                idleYields = 0;
                Resume(task);
                return StepResult.Progress;
            }

            if (task.Park == ParkKind.Yield)
            {
                yielder ??= task;
            }
        }

        if (yielder is not null && (++idleYields < MaxIdleYields || _hostWork.Count > 0))
        {
            Resume(yielder);
            return StepResult.Progress;
        }

        // While the host holds ends of this loop's streams and futures, it may still read or write them: wait for it.
        return _hostWork.Count > 0 || HostEnds > 0 ? StepResult.HostWork : StepResult.Stuck;
    }

    /// <summary>Whether core code of <paramref name="task"/> may run now in its instance.</summary>
    private bool CanRunIn(GuestTask task) =>
        task.Instance.MayEnter || (task.IsStackful && Of(task.Instance).Blocked > 0);

    /// <summary>Resumes a parked task with the event it waited for.</summary>
    public void Resume(GuestTask task)
    {
        _parked.Remove(task);
        var park = task.Park;
        task.Park = ParkKind.None;
        AsyncAbi.Event e;
        if (park == ParkKind.Wait)
        {
            task.ParkSet!.Waiting--;
        }

        if (task.State == TaskState.PendingCancel)
        {
            task.State = TaskState.CancelDelivered;
            e = new AsyncAbi.Event(EventCode.TaskCancelled, 0, 0);
        }
        else if (park == ParkKind.Wait)
        {
            e = task.ParkSet!.TakePendingEvent();
        }
        else
        {
            e = new AsyncAbi.Event(EventCode.None, 0, 0);
        }

        task.ParkSet = null;
        task.Function!.RunCallback(task, e);
    }

    /// <summary>
    /// Blocks the thread until some host work ends, at most the instantiation's <see cref="ComponentLimits.CallTimeout"/>
    /// (a trap when it passes) and until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    private void WaitForHostWork(CancellationToken cancellationToken)
    {
        BeforeHostWait?.Invoke();
        var tasks = HostWorkAnd(WakeTask);
        if (ChangedSinceStep())
        {
            return;
        }

        var timeout = HostWaitTimeout ?? Timeout.InfiniteTimeSpan;
        if (Task.WaitAny(tasks, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds < 0 ? -1 : timeout.TotalMilliseconds), cancellationToken) < 0)
        {
            throw new ComponentTrapException(ComponentTrapKind.DeadlineExceeded, $"the guest waited longer than {timeout} for host work");
        }
    }

    /// <summary>
    /// Test seam: runs when a blocking loop has found nothing to do and is about to wait for host work (after the step
    /// that looked at the posted queue), where a host operation from another thread may land.
    /// </summary>
    internal Action? BeforeHostWait { get; set; }

    /// <summary>How long the loop waits for host work at a time (the limits' call timeout), or null for no limit.</summary>
    public TimeSpan? HostWaitTimeout { get; set; }

    /// <summary>
    /// The trap for a loop that cannot go on: <see cref="ComponentTrapKind.Unsupported"/> when something lower on this
    /// thread's stack is ready to go on (the specification would resume it; here it has to wait for the frames above it),
    /// else a deadlock.
    /// </summary>
    private ComponentTrapException Stuck(IWaitCondition? stuck, string what)
    {
        foreach (var wait in _waits)
        {
            if (!ReferenceEquals(wait, stuck) && wait.IsMet)
            {
                return new ComponentTrapException(
                    ComponentTrapKind.Unsupported,
                    $"{what} waits, while a caller or blocked task lower on this thread's stack is ready to go on: it can resume only after the frames above it return, "
                    + "and interleaving blocked guest stacks needs stack switching, which Wasmtime's core API does not offer");
            }
        }

        return Deadlock(what);
    }

    private ComponentTrapException Deadlock(string what)
    {
        var parked = _parked.Count == 0 ? "no task is waiting at the event loop" : $"{_parked.Count} task(s) wait at the event loop, none can run";
        return new ComponentTrapException($"deadlock: {what} can never finish ({parked}, {_starting.Count} call(s) wait to start, no host work is pending)");
    }
}

/// <summary>What code lower on a thread's stack waits for (<see cref="AsyncScheduler.PushWait"/>).</summary>
internal interface IWaitCondition
{
    /// <summary>Whether the waiter could go on now.</summary>
    bool IsMet { get; }
}

/// <summary>A wait condition given as a delegate.</summary>
internal sealed class WaitCondition(Func<bool> condition) : IWaitCondition
{
    /// <summary>A caller that can go on as soon as its callee blocks (an async <c>canon lower</c>).</summary>
    public static readonly WaitCondition Always = new(static () => true);

    public bool IsMet => condition();
}

/// <summary>The async state of one component instance.</summary>
internal sealed class InstanceAsyncState
{
    /// <summary>The <c>backpressure.inc</c>/<c>dec</c> counter.</summary>
    public int Backpressure { get; set; }

    /// <summary>Calls waiting to start.</summary>
    public int WaitingToEnter { get; set; }

    /// <summary>Tasks of this instance blocked with core frames on the stack.</summary>
    public int Blocked { get; set; }

    /// <summary>Context storage for calls that keep no task (raw calls of synchronous lifts).</summary>
    public long[] Context { get; } = new long[2];
}
