using System.Collections.Concurrent;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// How host code reaches the event loop: the gate, posted host operations, wake-ups and the count of host-held ends.
/// </summary>
/// <remarks>
/// The loop and the guest code it runs are used by one thread at a time: the thread that holds the gate. Top-level
/// entries take it (a call of an async-lifted export, a host stream or future operation); the loop nested inside
/// them runs on that thread. A host operation that finds the gate taken posts itself: whoever steps the loop runs it
/// next and wakes the waiters. A waiting holder (for host work, or for the host while it holds ends) wakes on posts.
/// </remarks>
internal sealed partial class AsyncScheduler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<Action> _posted = new();
    // Made when someone waits for a wake-up (WakeTask), so that a wake-up with no waiter (every call's gate release)
    // allocates nothing.
    private TaskCompletionSource? _wake;
    private int _gateOwner;
    private int _hostEnds;

    /// <summary>How many live stream or future ends bound to this loop the host holds.</summary>
    public int HostEnds => Volatile.Read(ref _hostEnds);

    /// <summary>Whether the current thread holds the gate (it is running the loop or guest code of this instantiation).</summary>
    public bool HoldsGate => Volatile.Read(ref _gateOwner) == Environment.CurrentManagedThreadId;

    /// <summary>Completes at the next wake-up (a post, a gate release, a host end's change).</summary>
    public Task WakeTask
    {
        get
        {
            var wake = Volatile.Read(ref _wake);
            if (wake is null)
            {
                var fresh = NewWake();
                wake = Interlocked.CompareExchange(ref _wake, fresh, null) ?? fresh;
            }

            return wake.Task;
        }
    }

    public void AddHostEnds(int delta)
    {
        Interlocked.Add(ref _hostEnds, delta);
        Wake();
    }

    /// <summary>Wakes everyone waiting for the loop to change.</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, null)?.TrySetResult();

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes the gate if it is free; false when another thread (or this one, further out) holds it.</summary>
    public bool TryEnterGate()
    {
        if (HoldsGate || !_gate.Wait(0))
        {
            return false;
        }

        Volatile.Write(ref _gateOwner, Environment.CurrentManagedThreadId);
        return true;
    }

    /// <summary>
    /// Takes the gate, waiting for it; false (nothing taken) when this thread already holds it. The gate is then held by
    /// the awaiting call, not by a thread: the code after the <c>await</c> may run on any thread, so it calls
    /// <see cref="AdoptGate"/> there before it runs the loop, and <see cref="DetachGate"/> before it awaits again.
    /// </summary>
    public async ValueTask<bool> EnterGateAsync(CancellationToken cancellationToken)
    {
        if (HoldsGate)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Makes the current thread the owner of the gate an async call holds (taken with <see cref="EnterGateAsync"/>, or
    /// kept over an <c>await</c> after <see cref="DetachGate"/>).
    /// </summary>
    public void AdoptGate() => Volatile.Write(ref _gateOwner, Environment.CurrentManagedThreadId);

    /// <summary>
    /// Keeps the gate taken but owned by no thread, before the async call that holds it awaits: the thread it ran on
    /// may run other work meanwhile, which must not take itself for the gate's holder.
    /// </summary>
    public void DetachGate() => Volatile.Write(ref _gateOwner, 0);

    /// <summary>Takes the gate, blocking; false (nothing taken) when this thread already holds it.</summary>
    public bool EnterGate(CancellationToken cancellationToken)
    {
        if (HoldsGate)
        {
            return false;
        }

        _gate.Wait(cancellationToken);
        Volatile.Write(ref _gateOwner, Environment.CurrentManagedThreadId);
        return true;
    }

    /// <summary>Releases the gate; wakes the waiters (one of them may step the loop now) unless <paramref name="wake"/> is false.</summary>
    /// <param name="wake">False when the loop is stuck (nothing can run until something wakes it anyway).</param>
    public void ExitGate(bool wake = true)
    {
        Volatile.Write(ref _gateOwner, 0);
        _gate.Release();
        if (wake)
        {
            Wake();
        }
    }

    /// <summary>
    /// Runs a host operation on the loop: at once when this thread holds the gate or can take it, else posted for the
    /// holder (who runs it at its next step).
    /// </summary>
    public void Execute(Action operation)
    {
        if (HoldsGate)
        {
            operation();
        }
        else if (TryEnterGate())
        {
            try
            {
                operation();
            }
            finally
            {
                ExitGate();
            }
        }
        else
        {
            _posted.Enqueue(operation);
            Wake();
        }
    }

    /// <summary>Runs one posted host operation; false when none is queued.</summary>
    private bool RunPosted()
    {
        if (_posted.TryDequeue(out var operation))
        {
            operation();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Steps the loop until <paramref name="done"/> completes, whenever the gate is free; in between waits for host
    /// work, posts and releases of the gate. Traps of the guest's code fault the returned task.
    /// </summary>
    public async Task DriveUntilAsync(Task done, CancellationToken cancellationToken)
    {
        while (!done.IsCompleted)
        {
            var wake = WakeTask;
            Task[] waitFor = [done, wake];
            if (TryEnterGate())
            {
                try
                {
                    int idleYields = 0;
                    while (!done.IsCompleted && Step(ref idleYields) == StepResult.Progress)
                    {
                    }

                    waitFor = HostWorkAnd(done, wake);
                }
                finally
                {
                    // Stuck: nothing to wake anyone for. Done early: others may have ready work.
                    ExitGate(wake: done.IsCompleted);
                }

                if (done.IsCompleted)
                {
                    return;
                }
            }

            await Task.WhenAny(waitFor).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
