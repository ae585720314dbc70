using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>A <see cref="RawAsyncHostFunction"/> seen as a component function; only lowered imports can call it.</summary>
internal sealed class RawAsyncHostCallable(string name, RawAsyncHostDefinition definition) : IComponentCallable
{
    public string Name { get; } = name;

    public RawAsyncHostDefinition Definition { get; } = definition;

    public WitValue[] Call(InstanceState? caller, WitValue[] arguments) =>
        throw new NotSupportedException($"'{Name}' is a raw host function; it can only be called by a component that imports it.");
}

/// <summary>
/// <c>canon lower</c> of a raw async host function: the arguments go to the host as core values; with <c>async</c> the
/// caller gets a subtask while the host's task runs (its result is stored at the return pointer when it completes),
/// without <c>async</c> the caller waits (in the event loop when its task may block, else on its thread).
/// </summary>
internal static class RawAsyncLower
{
    public static Function Lower(Store store, RawAsyncHostCallable callee, AbiFunctionType type, CanonOptions options, bool isAsync)
    {
        if (!isAsync)
        {
            return Trampolines.CoreHostFunction(store, type.LowerSignature, new SyncBody(callee, type, options));
        }

        var signature = AsyncLower.Signature(type, out var spilled, out var argumentCount);
        return Trampolines.CoreHostFunction(store, signature, new AsyncBody(callee, type, options, spilled, argumentCount));
    }

    /// <summary>An async lower: a subtask when the host's task is not complete at once.</summary>
    private sealed class AsyncBody(RawAsyncHostCallable callee, AbiFunctionType type, CanonOptions options, bool spilled, int argumentCount) : UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            options.CheckMayLeave(callee.Name);
            var instance = options.Instance;
            var retptr = type.Results.Length > 0 ? slots[argumentCount].U32 : 0u;
            var scope = new CallScope(instance);
            var subtask = new Subtask { State = SubtaskState.Started, Lenders = scope };
            var cx = options.Context(scope);
            var cancellation = new CancellationTokenSource();
            var work = callee.Definition.Function(cx, slots[..argumentCount], spilled, cancellation.Token);

            void Resolve()
            {
                cancellation.Dispose();
                if (work.IsCanceled)
                {
                    subtask.State = SubtaskState.CancelledBeforeReturned;
                }
                else
                {
                    var result = work.GetAwaiter().GetResult();
                    if (type.Results.Length > 0)
                    {
                        (result ?? throw new InvalidOperationException($"the host implementation of '{callee.Name}' returned no result")).Store(cx, retptr);
                    }

                    subtask.State = SubtaskState.Returned;
                }

                // The borrows lent for the arguments come back to the caller when it learns of the resolution.
                subtask.Progress();
            }

            if (work.IsCompleted)
            {
                Resolve();
                subtask.DeliverResolve();
                slots[0] = RawValue.FromI32((int)SubtaskState.Returned);
                return;
            }

            AsyncScheduler.For(instance).AddHostWork(work, Resolve);
            subtask.CancelHostWork = () =>
            {
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Already completed.
                }
            };
            subtask.Index = instance.Handles.AddElement(subtask);
            slots[0] = RawValue.FromI32((int)subtask.State | (subtask.Index << 4));
        }
    }

    /// <summary>A synchronous lower: the caller waits for the host's task, then gets the result as a synchronous call's.</summary>
    private sealed class SyncBody(RawAsyncHostCallable callee, AbiFunctionType type, CanonOptions options) : UncheckedCallback
    {
        private readonly int _argumentCount = type.ParametersSpilled ? 1 : (int)type.FlatParameterCount;

        public override void Invoke(Span<RawValue> slots)
        {
            options.CheckMayLeave(callee.Name);
            var instance = options.Instance;
            var scope = new CallScope(instance);
            var cx = options.Context(scope);
            var work = callee.Definition.Function(cx, slots[.._argumentCount], type.ParametersSpilled, CancellationToken.None);
            if (!work.IsCompleted)
            {
                var scheduler = AsyncScheduler.For(instance);
                if (scheduler.CurrentIn(instance) is { IsAsyncType: true } current)
                {
                    scheduler.AddHostWork(work, static () => { });
                    scheduler.Block(instance, current, () => work.IsCompleted, $"the call of the host function '{callee.Name}'");
                }
            }

            var result = work.GetAwaiter().GetResult();
            if (type.Results.Length > 0)
            {
                var value = result ?? throw new InvalidOperationException($"the host implementation of '{callee.Name}' returned no result");
                if (type.ResultsSpilled)
                {
                    value.Store(cx, slots[_argumentCount].U32);
                }
                else
                {
                    value.Lower(cx, slots);
                }
            }

            scope.Finish();
        }
    }
}
