using System.Collections.Immutable;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// <c>canon lower … async</c>: a core function that starts a call and returns at once, with <c>RETURNED</c> when the
/// callee finished, or with a subtask (in the caller's table) and its state packed as <c>state | index &lt;&lt; 4</c>.
/// Arguments come flat (at most 4 core values, else one pointer to their tuple), results go to a return pointer.
/// </summary>
internal static class AsyncLower
{
    /// <summary>At most this many flat parameters are passed as core values to an async-lowered function.</summary>
    public const int MaxFlatAsyncParameters = 4;

    public static Function Lower(Store store, string name, IComponentCallable callee, AbiFunctionType type, CanonOptions options)
    {
        var signature = Signature(type, out var spilled, out _);
        return Trampolines.CoreHostFunction(store, signature, new Body(name, callee, type, options, spilled, signature.Parameters.Length));
    }

    /// <summary>
    /// The core signature of an async lower of <paramref name="type"/>: the flat parameters (or one pointer to their
    /// tuple when there are more than <see cref="MaxFlatAsyncParameters"/>), then a return pointer when there is a
    /// result; one <c>i32</c> result (the packed state).
    /// </summary>
    /// <param name="type">The lowered function's type.</param>
    /// <param name="spilled">Whether the parameters are passed as one pointer.</param>
    /// <param name="argumentCount">How many core parameters carry the arguments (the return pointer follows them).</param>
    public static CoreFunctionSignature Signature(AbiFunctionType type, out bool spilled, out int argumentCount)
    {
        spilled = type.FlatParameterCount > MaxFlatAsyncParameters;
        var parameters = ImmutableArray.CreateBuilder<CoreValueType>();
        if (spilled)
        {
            parameters.Add(CoreValueType.I32);
        }
        else
        {
            foreach (var p in type.Parameters)
            {
                foreach (var t in p.FlatTypes)
                {
                    parameters.Add(t);
                }
            }
        }

        argumentCount = parameters.Count;
        if (type.Results.Length > 0)
        {
            parameters.Add(CoreValueType.I32);
        }

        return new CoreFunctionSignature(parameters.ToImmutable(), [CoreValueType.I32]);
    }

    private sealed class Body(string name, IComponentCallable callee, AbiFunctionType type, CanonOptions options, bool spilled, int coreParameters) : UncheckedCallback
    {
        private readonly AbiTupleType? _tuple = spilled ? new AbiTupleType(type.Parameters) : null;
        private readonly AbiType? _result = type.Results.Length switch
        {
            0 => null,
            1 => type.Results[0],
            _ => new AbiTupleType(type.Results),
        };

        public override void Invoke(Span<RawValue> slots)
        {
            options.CheckMayLeave(name);
            var instance = options.Instance;
            var core = slots[..coreParameters].ToArray();
            var retptr = _result is null ? 0u : core[^1].U32;
            var scope = new CallScope(instance);
            var subtask = new Subtask { Lenders = scope };
            var cx = options.Context(scope);

            WitValue[] OnStart()
            {
                subtask.State = SubtaskState.Started;
                subtask.Progress();
                return LiftArguments(cx, core);
            }

            void OnResolve(WitValue[]? result)
            {
                if (result is null)
                {
                    subtask.State = subtask.State == SubtaskState.Starting ? SubtaskState.CancelledBeforeStarted : SubtaskState.CancelledBeforeReturned;
                }
                else
                {
                    if (_result is not null)
                    {
                        var value = type.Results.Length == 1 ? result[0] : WitValue.Tuple(result);
                        CanonicalAbi.Store(cx, _result, value, retptr);
                    }

                    subtask.State = SubtaskState.Returned;
                }

                // The borrows lent for the arguments come back to the caller when it learns of the resolution.
                subtask.Progress();
            }

            if (callee is AsyncLiftedFunction lifted)
            {
                subtask.Task = lifted.Begin(instance, OnStart, OnResolve, asyncCaller: true);
            }
            else if (callee is AsyncHostCallable host)
            {
                subtask.CancelHostWork = host.Begin(instance, OnStart(), OnResolve);
            }
            else if (callee is LiftedFunction && type.IsAsync)
            {
                // A synchronous lift of an async type may block; the caller could go on meanwhile (the loop says so
                // instead of calling a stuck wait a deadlock), but here it gets control back only when the callee returns.
                var scheduler = AsyncScheduler.For(instance);
                scheduler.PushWait(WaitCondition.Always);
                try
                {
                    OnResolve(callee.Call(instance, OnStart()));
                }
                finally
                {
                    scheduler.PopWait(WaitCondition.Always);
                }
            }
            else
            {
                // A synchronous callee (a host function or a synchronous lift of a synchronous type) finishes before it returns.
                OnResolve(callee.Call(instance, OnStart()));
            }

            if (subtask.Resolved)
            {
                subtask.DeliverResolve();
                slots[0] = RawValue.FromI32((int)SubtaskState.Returned);
                return;
            }

            subtask.Index = instance.Handles.AddElement(subtask);
            slots[0] = RawValue.FromI32((int)subtask.State | (subtask.Index << 4));
        }

        private WitValue[] LiftArguments(AbiContext cx, RawValue[] core)
        {
            if (_tuple is not null)
            {
                return CanonicalAbi.Load(cx, _tuple, core[0].U32).Items.ToArray();
            }

            var values = new WitValue[type.Parameters.Length];
            int index = 0;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = CanonicalAbi.LiftFlat(cx, type.Parameters[i], core, ref index);
            }

            return values;
        }
    }
}
