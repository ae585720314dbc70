using System.Buffers.Binary;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Linking;
using WitBindgen.Runtime.State;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// The task, waitable and subtask built-ins (CanonicalABI.md <c>canon task.return</c>, <c>context.*</c>,
/// <c>backpressure.*</c>, <c>waitable-set.*</c>, <c>waitable.join</c>, <c>subtask.*</c>, <c>thread.yield</c>).
/// </summary>
internal static partial class AsyncBuiltins
{
    /// <summary>What a built-in definition needs from its component: its options, its element or result types.</summary>
    internal sealed record Definition(CanonBuiltinItem Item, InstanceState Instance, CanonOptions? Options, AbiType? Element, AbiType[]? Results);

    /// <summary>Makes the core function of a built-in; null when the runtime does not implement it.</summary>
    public static Function? Create(Store store, Definition d)
    {
        var item = d.Item;
        var instance = d.Instance;
        var scheduler = AsyncScheduler.For(instance);
        var name = item.Name;
        return item.Kind switch
        {
            CanonBuiltinKind.BackpressureInc => BuiltinBody.Create(store, name, instance, [], [], _ => Backpressure(scheduler, instance, +1)),
            CanonBuiltinKind.BackpressureDec => BuiltinBody.Create(store, name, instance, [], [], _ => Backpressure(scheduler, instance, -1)),
            CanonBuiltinKind.TaskReturn => TaskReturn(store, d, scheduler),
            CanonBuiltinKind.TaskCancel => BuiltinBody.Create(store, name, instance, [], [], _ => CurrentAsyncTask(scheduler, instance, name).Cancel()),
            CanonBuiltinKind.ContextGet => ContextGet(store, d, scheduler),
            CanonBuiltinKind.ContextSet => ContextSet(store, d, scheduler),
            CanonBuiltinKind.WaitableSetNew => BuiltinBody.Create(store, name, instance, [], [I32], s => s[0] = RawValue.FromI32(instance.Handles.AddElement(new WaitableSet()))),
            CanonBuiltinKind.WaitableSetWait => BuiltinBody.Create(store, name, instance, [I32, I32], [I32], s => Wait(d, scheduler, s, poll: false)),
            CanonBuiltinKind.WaitableSetPoll => BuiltinBody.Create(store, name, instance, [I32, I32], [I32], s => Wait(d, scheduler, s, poll: true)),
            CanonBuiltinKind.WaitableSetDrop => BuiltinBody.Create(store, name, instance, [I32], [], s => DropSet(instance, s[0].I32)),
            CanonBuiltinKind.WaitableJoin => BuiltinBody.Create(store, name, instance, [I32, I32], [], s => Join(instance, s[0].I32, s[1].I32)),
            CanonBuiltinKind.SubtaskDrop => BuiltinBody.Create(store, name, instance, [I32], [], s => DropSubtask(instance, s[0].I32)),
            CanonBuiltinKind.SubtaskCancel => BuiltinBody.Create(store, name, instance, [I32], [I32], s => s[0] = RawValue.FromU32(CancelSubtask(scheduler, instance, item.IsAsync, s[0].I32))),
            CanonBuiltinKind.ThreadYield => BuiltinBody.Create(store, name, instance, [], [I32], s => s[0] = RawValue.FromI32(Yield(scheduler, instance, item.IsCancellable))),
            _ => CreateCopy(store, d, scheduler),
        };
    }

    /// <summary>
    /// Traps when a built-in that may block is called by a task of a synchronous function type (or by a call that keeps
    /// no task), whether or not it would block now: such tasks may never block.
    /// </summary>
    private static void CheckMayBlock(AsyncScheduler scheduler, InstanceState instance, string name)
    {
        if (scheduler.CurrentIn(instance) is not { IsAsyncType: true })
        {
            throw new ComponentTrapException($"cannot block a synchronous task before returning ({name}): only functions of an async type may block");
        }
    }

    private static void Backpressure(AsyncScheduler scheduler, InstanceState instance, int delta)
    {
        var state = scheduler.Of(instance);
        var value = state.Backpressure + delta;
        if (value < 0 || value >= 1 << 16)
        {
            throw new ComponentTrapException(value < 0 ? "backpressure.dec: backpressure is already 0" : "backpressure.inc: backpressure overflowed 2^16 - 1");
        }

        state.Backpressure = value;
    }

    /// <summary>The current task, which must be an async-lifted call in <paramref name="instance"/>.</summary>
    private static GuestTask CurrentAsyncTask(AsyncScheduler scheduler, InstanceState instance, string what) =>
        scheduler.CurrentIn(instance) is { IsAsyncLift: true } task
            ? task
            : throw new ComponentTrapException($"{what} may only be called by a function lifted with the async option");

    private static Function TaskReturn(Store store, Definition d, AsyncScheduler scheduler)
    {
        var results = d.Results ?? [];
        var asParameters = new AbiFunctionType(results, []);
        var parameters = asParameters.LiftSignature.Parameters.ToArray();
        var options = d.Options!;
        var usesMemory = asParameters.ParametersSpilled || results.Any(r => r.HasIndirection);
        var usesStrings = results.Any(ContainsStrings);
        var usesHandles = results.Any(AbiTypes.ContainsHandles);
        var asResults = new AbiFunctionType([], results);

        // The check depends only on the lifted function: the last one that passed need not be checked again.
        AsyncLiftedFunction? verified = null;

        // A result without handles lifts the same under one context for every call.
        AbiContext? plainContext = null;
        return BuiltinBody.Create(store, "task.return", d.Instance, parameters, [], slots =>
        {
            var task = CurrentAsyncTask(scheduler, d.Instance, "task.return");
            var function = task.Function!;
            if (!ReferenceEquals(function, verified))
            {
                if (LinkTypeCheck.FirstDifference(new AbiFunctionType([], function.Type.Results), asResults) is { } difference)
                {
                    throw new ComponentTrapException($"invalid `task.return` signature and/or options for current task: {difference}");
                }

                // LiftOptions.equal, for the options the result's lifting uses (the memory when it is read from memory,
                // the encoding when it contains strings): a result without either lifts the same under any options.
                if ((usesMemory && !SameMemory(options, function.Options)) || (usesStrings && options.Encoding != function.Options.Encoding))
                {
                    throw new ComponentTrapException("invalid `task.return` signature and/or options for current task: the memory or string encoding differs from the lift's");
                }

                verified = function;
            }

            var cx = usesHandles ? options.Context(new CallScope(d.Instance)) : plainContext ??= options.Context(null);
            if (task.RawReturn is { } raw)
            {
                task.CheckReturn();
                raw(cx, slots[..parameters.Length]);
                task.ReturnedRaw();
                return;
            }

            var values = CanonicalAbi.LiftImportArguments(cx, asParameters, slots[..parameters.Length]);
            task.Return(values);
        });
    }

    private static bool ContainsStrings(AbiType type) => type switch
    {
        { Kind: AbiTypeKind.String } => true,
        AbiListType list => ContainsStrings(list.Element),
        AbiFixedListType list => ContainsStrings(list.Element),
        AbiOptionType option => ContainsStrings(option.Payload),
        AbiResultType result => (result.Ok is { } ok && ContainsStrings(ok)) || (result.Error is { } error && ContainsStrings(error)),
        AbiProductType product => product.FieldTypes.Any(ContainsStrings),
        AbiSumType sum => Enumerable.Range(0, sum.CaseCount).Any(i => sum.GetCasePayload(i) is { } payload && ContainsStrings(payload)),
        _ => false,
    };

    private static unsafe bool SameMemory(CanonOptions a, CanonOptions b)
    {
        if (a.Memory is null || b.Memory is null)
        {
            return a.Memory is null && b.Memory is null;
        }

        var x = a.Memory.GetSpan();
        var y = b.Memory.GetSpan();
        fixed (byte* px = x)
        fixed (byte* py = y)
        {
            return px == py;
        }
    }

    private static Function ContextGet(Store store, Definition d, AsyncScheduler scheduler)
    {
        var slot = (int)(d.Item.Slot ?? 0);
        var wide = d.Item.ValueType == Binary.CoreValueType.I64;
        return BuiltinBody.Create(store, d.Item.Name, d.Instance, [], [wide ? I64 : I32], s =>
        {
            var value = Context(scheduler, d.Instance)[slot];
            s[0] = wide ? RawValue.FromI64(value) : RawValue.FromI32((int)value);
        });
    }

    private static Function ContextSet(Store store, Definition d, AsyncScheduler scheduler)
    {
        var slot = (int)(d.Item.Slot ?? 0);
        var wide = d.Item.ValueType == Binary.CoreValueType.I64;
        return BuiltinBody.Create(store, d.Item.Name, d.Instance, [wide ? I64 : I32], [], s =>
            Context(scheduler, d.Instance)[slot] = wide ? s[0].I64 : (uint)s[0].I32);
    }

    /// <summary>The current task's context storage (for a call that keeps no task: the instance's own).</summary>
    private static long[] Context(AsyncScheduler scheduler, InstanceState instance) =>
        scheduler.CurrentIn(instance)?.Context ?? scheduler.Of(instance).Context;

    private static void Wait(Definition d, AsyncScheduler scheduler, Span<RawValue> slots, bool poll)
    {
        var instance = d.Instance;
        if (!poll)
        {
            CheckMayBlock(scheduler, instance, d.Item.Name);
        }

        var set = instance.Handles.GetElement(slots[0].I32) as WaitableSet
            ?? throw new ComponentTrapException($"handle {slots[0].I32} is not a waitable set");
        var pointer = slots[1].U32;
        var current = scheduler.CurrentIn(instance);
        var cancellable = d.Item.IsCancellable;
        AsyncAbi.Event e;
        if (cancellable && current is { State: TaskState.PendingCancel })
        {
            current.State = TaskState.CancelDelivered;
            e = new AsyncAbi.Event(EventCode.TaskCancelled, 0, 0);
        }
        else if (poll)
        {
            e = set.HasPendingEvent ? set.TakePendingEvent() : new AsyncAbi.Event(EventCode.None, 0, 0);
        }
        else
        {
            set.Waiting++;
            try
            {
                scheduler.Block(instance, current, () => set.HasPendingEvent || (cancellable && current is { State: TaskState.PendingCancel }), "waitable-set.wait");
            }
            finally
            {
                set.Waiting--;
            }

            if (cancellable && current is { State: TaskState.PendingCancel })
            {
                current.State = TaskState.CancelDelivered;
                e = new AsyncAbi.Event(EventCode.TaskCancelled, 0, 0);
            }
            else
            {
                e = set.TakePendingEvent();
            }
        }

        var memory = (d.Options?.Memory ?? throw new ComponentTrapException("waitable-set.wait has no memory")).GetSpan();
        if ((ulong)pointer + 8 > (ulong)memory.Length || pointer % 4 != 0)
        {
            throw new ComponentTrapException($"the event pointer {pointer} is out of bounds or misaligned");
        }

        BinaryPrimitives.WriteInt32LittleEndian(memory[(int)pointer..], e.Index);
        BinaryPrimitives.WriteInt32LittleEndian(memory[((int)pointer + 4)..], e.Payload);
        slots[0] = RawValue.FromI32((int)e.Code);
    }

    private static void DropSet(InstanceState instance, int index)
    {
        if (instance.Handles.GetElement(index) is not WaitableSet set)
        {
            throw new ComponentTrapException($"handle {index} is not a waitable set");
        }

        set.CheckDrop();
        instance.Handles.RemoveElement(index);
    }

    private static void Join(InstanceState instance, int waitableIndex, int setIndex)
    {
        var w = instance.Handles.GetElement(waitableIndex) as Waitable
            ?? throw new ComponentTrapException($"handle {waitableIndex} is not a waitable");
        if (w.HasSyncWaiter)
        {
            throw new ComponentTrapException("cannot join a waitable that is being waited on synchronously to a waitable set");
        }

        if (setIndex == 0)
        {
            w.Join(null);
            return;
        }

        var set = instance.Handles.GetElement(setIndex) as WaitableSet
            ?? throw new ComponentTrapException($"handle {setIndex} is not a waitable set");
        w.Join(set);
    }

    private static void DropSubtask(InstanceState instance, int index)
    {
        var subtask = instance.Handles.GetElement(index) as Subtask
            ?? throw new ComponentTrapException($"handle {index} is not a subtask");
        subtask.Drop();
        instance.Handles.RemoveElement(index);
    }

    private static uint CancelSubtask(AsyncScheduler scheduler, InstanceState instance, bool isAsync, int index)
    {
        if (!isAsync)
        {
            CheckMayBlock(scheduler, instance, "subtask.cancel");
        }

        var subtask = instance.Handles.GetElement(index) as Subtask
            ?? throw new ComponentTrapException($"handle {index} is not a subtask");
        if (subtask.ResolveDelivered)
        {
            throw new ComponentTrapException("cannot cancel a subtask that has already resolved (its result was delivered)");
        }

        if (subtask.CancellationRequested)
        {
            throw new ComponentTrapException("cannot cancel a subtask twice");
        }

        if (subtask.Set is not null && !isAsync)
        {
            throw new ComponentTrapException("cannot synchronously cancel a subtask that is in a waitable set");
        }

        if (!subtask.Resolved)
        {
            subtask.CancellationRequested = true;
            if (subtask.Task is { } task)
            {
                RequestCancellation(scheduler, task);
            }
            else
            {
                subtask.CancelHostWork?.Invoke();
            }

            if (!subtask.Resolved)
            {
                if (isAsync)
                {
                    return AsyncAbi.Blocked;
                }

                subtask.HasSyncWaiter = true;
                try
                {
                    scheduler.Block(instance, scheduler.CurrentIn(instance), () => subtask.HasPendingEvent && subtask.Resolved, "subtask.cancel");
                }
                finally
                {
                    subtask.HasSyncWaiter = false;
                }
            }
        }

        subtask.TakePendingEvent();
        return (uint)subtask.State;
    }

    /// <summary>CanonicalABI.md <c>Task.request_cancellation</c>.</summary>
    private static void RequestCancellation(AsyncScheduler scheduler, GuestTask task)
    {
        if (task.State == TaskState.Initial)
        {
            scheduler.RemoveStart(task);
            task.State = TaskState.CancelDelivered;
            task.Cancel();
            return;
        }

        if (task.State != TaskState.Started)
        {
            return;
        }

        if (scheduler.IsParked(task) && task.Instance.MayEnter && !task.Instance.Poisoned)
        {
            task.State = TaskState.PendingCancel;
            scheduler.Resume(task);
            return;
        }

        task.State = TaskState.PendingCancel;
    }

    private static int Yield(AsyncScheduler scheduler, InstanceState instance, bool cancellable)
    {
        var current = scheduler.CurrentIn(instance);
        if (cancellable && current is { State: TaskState.PendingCancel })
        {
            current.State = TaskState.CancelDelivered;
            return 1;
        }

        if (current is { IsAsyncType: true })
        {
            var state = scheduler.Of(instance);
            state.Blocked++;
            try
            {
                scheduler.RunReady(1);
            }
            finally
            {
                state.Blocked--;
            }
        }

        if (cancellable && current is { State: TaskState.PendingCancel })
        {
            current.State = TaskState.CancelDelivered;
            return 1;
        }

        return 0;
    }
}
