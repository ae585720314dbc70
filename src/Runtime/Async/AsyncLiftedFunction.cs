using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// A core function lifted with the <c>async</c> option (<c>canon lift … async (callback …)</c>, or stackful without
/// <c>callback</c>): each call is a <see cref="GuestTask"/> that returns its value with <c>task.return</c> and, with a
/// callback, parks at the event loop between callbacks.
/// </summary>
internal sealed class AsyncLiftedFunction : IComponentCallable
{
    public AsyncLiftedFunction(string name, CoreFunction core, CoreFunction? callback, AbiFunctionType type, CanonOptions options)
    {
        Name = name;
        Core = core;
        Callback = callback;
        Type = type;
        Options = options;
        Scheduler = AsyncScheduler.For(options.Instance);
    }

    public string Name { get; }

    public CoreFunction Core { get; }

    /// <summary>The <c>callback</c> option, or null for a stackful lift.</summary>
    public CoreFunction? Callback { get; }

    public AbiFunctionType Type { get; }

    public CanonOptions Options { get; }

    public AsyncScheduler Scheduler { get; }

    public InstanceState Instance => Options.Instance;

    /// <summary>A synchronous call (from the host, or a <c>canon lower</c> without <c>async</c>): runs the loop until the task returns.</summary>
    public WitValue[] Call(InstanceState? caller, WitValue[] arguments)
    {
        // A call from the host holds the loop's gate (see AsyncScheduler.Host.cs) until the task returned.
        var gate = caller is null && Scheduler.EnterGate(CancellationToken.None);
        try
        {
            return CallHoldingGate(caller, arguments);
        }
        finally
        {
            if (gate)
            {
                Scheduler.ExitGate();
            }
        }
    }

    private WitValue[] CallHoldingGate(InstanceState? caller, WitValue[] arguments)
    {
        var task = Begin(caller, arguments);
        if (!task.Resolved)
        {
            var current = caller is null ? null : Scheduler.CurrentIn(caller);
            if (caller is null)
            {
                Scheduler.RunUntil(task.IsResolved, $"the call of '{Name}'", Instance.Limiter?.Limits.CancellationToken ?? default);
            }
            else
            {
                Scheduler.Block(caller, current, task.IsResolved, $"a synchronous call of the async function '{Name}'");
            }
        }

        if (caller is null)
        {
            // Let tasks that go on after returning their value (and their callers' events) make progress.
            Scheduler.RunReady();
        }

        return ResultsOf(task);
    }

    /// <summary>An asynchronous call from the host: a task that completes when the guest returns a value.</summary>
    public Task<WitValue[]> CallAsync(WitValue[] arguments, CancellationToken cancellationToken)
    {
        var task = new GuestTask(Instance, this, asyncType: true, null, null) { Arguments = arguments };
        if (!Scheduler.TryEnterGate())
        {
            return WaitForGateAndRunAsync(task, cancellationToken);
        }

        // The gate was free: start at once, and complete without a state machine when the guest returns at once.
        var handedOver = false;
        try
        {
            Begin(null, task, asyncCaller: false);
            if (task.Resolved)
            {
                return Task.FromResult(ResultsOf(task));
            }

            handedOver = true;
            return FinishAsync(task, cancellationToken);
        }
        finally
        {
            if (!handedOver)
            {
                Scheduler.ExitGate();
            }
        }
    }

    private async Task<WitValue[]> WaitForGateAndRunAsync(GuestTask task, CancellationToken cancellationToken)
    {
        await RunAsync(task, cancellationToken).ConfigureAwait(false);
        return ResultsOf(task);
    }

    /// <summary>Runs the loop for a started task while holding the gate (released while it waits, and at the end).</summary>
    private async Task<WitValue[]> FinishAsync(GuestTask task, CancellationToken cancellationToken)
    {
        try
        {
            await Scheduler.RunUntilAsync(task.IsResolved, $"the call of '{Name}'", cancellationToken, holdsGate: true).ConfigureAwait(false);
        }
        finally
        {
            // Held by this call (RunUntilAsync gives it back owned by no thread), on whichever thread it went on.
            Scheduler.AdoptGate();
            Scheduler.ExitGate();
        }

        return ResultsOf(task);
    }

    private WitValue[] ResultsOf(GuestTask task) => task.Results ?? throw CancelledBeforeReturning();

    private ComponentTrapException CancelledBeforeReturning() => new($"'{Name}' was cancelled before it returned a value");

    /// <summary>
    /// An asynchronous call from the host for generated bindings: <paramref name="lower"/> lowers the arguments into the
    /// core parameters when the call starts, <paramref name="lift"/> lifts the values the guest passes to
    /// <c>task.return</c> (while its memory holds them).
    /// </summary>
    public async Task<TResult> CallRawAsync<TResult>(RawLower lower, RawLift<TResult> lift, CancellationToken cancellationToken)
    {
        TResult? result = default;
        var returned = false;
        var task = new GuestTask(Instance, this, asyncType: true, null, null)
        {
            RawStart = lower,
            RawReturn = (cx, values) =>
            {
                result = lift(cx, values);
                returned = true;
            },
        };
        await RunAsync(task, cancellationToken).ConfigureAwait(false);
        return returned ? result! : throw CancelledBeforeReturning();
    }

    /// <summary>Starts a call holding the loop's gate and runs the loop until the task resolved, releasing the gate while it waits.</summary>
    private async Task RunAsync(GuestTask task, CancellationToken cancellationToken)
    {
        var gate = await Scheduler.EnterGateAsync(cancellationToken).ConfigureAwait(false);
        if (gate)
        {
            // This call holds the gate, on whichever thread it went on after the await.
            Scheduler.AdoptGate();
        }

        try
        {
            Begin(null, task, asyncCaller: false);
            if (!task.Resolved)
            {
                await Scheduler.RunUntilAsync(task.IsResolved, $"the call of '{Name}'", cancellationToken, holdsGate: gate).ConfigureAwait(false);
            }
        }
        finally
        {
            if (gate)
            {
                Scheduler.AdoptGate();
                Scheduler.ExitGate();
            }
        }
    }

    /// <summary>
    /// Starts a call (CanonicalABI.md <c>canon_lift</c>): <paramref name="onStart"/> gives the arguments once the call may
    /// start (backpressure can delay it), <paramref name="onResolve"/> receives the result (null: cancelled). Returns
    /// when the task returned a value, parked at the event loop, or has to wait to start. <paramref name="asyncCaller"/>
    /// says the caller (an async <c>canon lower</c>) could go on as soon as the task blocks; other callers wait for its value.
    /// </summary>
    public GuestTask Begin(InstanceState? caller, Func<WitValue[]> onStart, Action<WitValue[]?> onResolve, bool asyncCaller = false) =>
        Begin(caller, new GuestTask(Instance, this, asyncType: true, onStart, onResolve), asyncCaller);

    /// <summary>Starts a call whose caller waits for its value (<see cref="GuestTask.Results"/>).</summary>
    private GuestTask Begin(InstanceState? caller, WitValue[] arguments) =>
        Begin(caller, new GuestTask(Instance, this, asyncType: true, null, null) { Arguments = arguments }, asyncCaller: false);

    private GuestTask Begin(InstanceState? caller, GuestTask task, bool asyncCaller)
    {
        if (Instance.Poisoned || Instance.Root.Disposed)
        {
            // Enter reports why.
            InstanceState.Leave(Instance.Enter(caller));
        }

        if (Scheduler.MustWaitToStart(task))
        {
            Scheduler.QueueStart(task, () => Run(task, null, nested: true));
            return task;
        }

        // While the core function runs, its caller waits below it on this stack: for the task's value, or (an async
        // lower) only until the task blocks. The loop tells a blocked callee it cannot hand control back from a deadlock.
        IWaitCondition callerReady = asyncCaller ? WaitCondition.Always : task;
        Scheduler.PushWait(callerReady);
        try
        {
            Run(task, caller, nested: false);
        }
        finally
        {
            Scheduler.PopWait(callerReady);
        }

        return task;
    }

    /// <summary>Lowers the arguments and calls the core function, then handles the code it returns.</summary>
    private void Run(GuestTask task, InstanceState? caller, bool nested)
    {
        var entered = nested ? EnterNested() : Instance.Enter(caller);
        int code;
        Scheduler.Push(task);
        try
        {
            var arguments = task.Start();
            var scope = new CallScope(Instance);
            task.Scope = scope;
            var cx = Options.Context(scope);
            int slotCount = Math.Max(1, Type.LiftSignature.Parameters.Length);
            Span<RawValue> slots = slotCount <= 32 ? stackalloc RawValue[slotCount] : new RawValue[slotCount];
            if (task.RawStart is { } rawStart)
            {
                rawStart(cx, slots);
            }
            else
            {
                CanonicalAbi.LowerExportArguments(cx, Type, arguments, slots);
            }
            Core.Call(slots);
            code = slots[0].I32;
        }
        catch (CoreTrapException trap)
        {
            Options.ThrowTrapped($"'{Name}'", trap);
            throw; // not reached
        }
        catch (ComponentTrapException)
        {
            Instance.Poisoned = true;
            throw;
        }
        finally
        {
            Scheduler.Pop(task);
            Leave(entered);
        }

        if (Callback is null)
        {
            Exit(task);
            return;
        }

        Handle(task, code);
    }

    /// <summary>Calls the callback with an event and handles the code it returns.</summary>
    public void RunCallback(GuestTask task, AsyncAbi.Event e)
    {
        var entered = EnterNested();
        int code;
        Scheduler.Push(task);
        try
        {
            Span<RawValue> slots = stackalloc RawValue[3];
            slots[0] = RawValue.FromI32((int)e.Code);
            slots[1] = RawValue.FromI32(e.Index);
            slots[2] = RawValue.FromI32(e.Payload);
            Callback!.Call(slots);
            code = slots[0].I32;
        }
        catch (CoreTrapException trap)
        {
            Options.ThrowTrapped($"the callback of '{Name}'", trap);
            throw; // not reached
        }
        catch (ComponentTrapException)
        {
            Instance.Poisoned = true;
            throw;
        }
        finally
        {
            Scheduler.Pop(task);
            Leave(entered);
        }

        Handle(task, code);
    }

    private void Handle(GuestTask task, int packed)
    {
        var code = packed & 0xf;
        var index = (int)((uint)packed >> 4);
        switch (code)
        {
            case (int)CallbackCode.Exit:
                Exit(task);
                return;
            case (int)CallbackCode.Yield:
                task.Park = ParkKind.Yield;
                Scheduler.Park(task);
                return;
            case (int)CallbackCode.Wait:
                if (Instance.Handles.GetElement(index) is not WaitableSet set)
                {
                    throw Trap($"'{Name}' returned WAIT on handle {index}, which is not a waitable set");
                }

                task.Park = ParkKind.Wait;
                task.ParkSet = set;
                set.Waiting++;
                Scheduler.Park(task);
                return;
            default:
                throw Trap($"'{Name}' returned the unknown callback code {code}");
        }
    }

    private void Exit(GuestTask task)
    {
        task.Exited = true;
        if (!task.Resolved)
        {
            throw Trap($"'{Name}' finished without calling task.return or task.cancel");
        }
    }

    private ComponentTrapException Trap(string message)
    {
        Instance.Poisoned = true;
        return new ComponentTrapException($"{Instance.Description}: {message}");
    }

    /// <summary>Enters the instance alone for a callback or a delayed start; nothing when it is already held by blocked tasks of this thread.</summary>
    private EnteredInstances? EnterNested() => Instance.MayEnter ? Instance.EnterAlone() : null;

    private static void Leave(EnteredInstances? entered)
    {
        if (entered is { } e)
        {
            InstanceState.Leave(e);
        }
    }
}
