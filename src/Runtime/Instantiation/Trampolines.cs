using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>Core functions that the runtime provides to guests: lowered imports and resource built-ins.</summary>
internal static class Trampolines
{
    /// <summary><c>canon lower</c>: a core function that calls a component function.</summary>
    public static Function Lower(Store store, string name, IComponentCallable callee, AbiFunctionType type, CanonOptions options)
    {
        var body = new DynamicImportBody(name, callee, type, options);
        return CoreHostFunction(store, type.LowerSignature, body);
    }

    /// <summary>
    /// A core host function running <paramref name="body"/> on raw slots: made with
    /// <c>wasmtime_func_new_unchecked</c>, or with Wasmtime .NET's boxed callbacks when the package
    /// hides what that needs.
    /// </summary>
    public static Function CoreHostFunction(Store store, CoreFunctionSignature signature, UncheckedCallback body)
    {
        body.Epoch = StoreEpoch.For(store);
        if (UncheckedFunctions.TryCreate(store, signature, body) is { } function)
        {
            return function;
        }

        var parameterTypes = signature.Parameters.ToArray();
        var resultTypes = signature.Results.ToArray();
        return Function.FromCallback(
            store,
            (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> results) =>
            {
                try
                {
                    Span<RawValue> slots = stackalloc RawValue[Math.Max(1, Math.Max(args.Length, results.Length))];
                    for (int i = 0; i < args.Length; i++)
                    {
                        slots[i] = FromBox(args[i], parameterTypes[i]);
                    }

                    body.Enter(slots);
                    for (int i = 0; i < results.Length; i++)
                    {
                        results[i] = ToBox(slots[i], resultTypes[i]);
                    }
                }
                catch (Exception e)
                {
                    PendingException.Set(e);
                    throw;
                }
            },
            parameterTypes.Select(UncheckedFunctions.Kind).ToArray(),
            resultTypes.Select(UncheckedFunctions.Kind).ToArray());
    }

    /// <summary>One lowered import over dynamic values: lift the arguments, call, lower the results.</summary>
    private sealed class DynamicImportBody(string name, IComponentCallable callee, AbiFunctionType type, CanonOptions options) : UncheckedCallback
    {
        private readonly int _parameterCount = type.LowerSignature.Parameters.Length;

        public override void Invoke(Span<RawValue> slots)
        {
            options.CheckMayLeave(name);
            var instance = options.Instance;
            var scope = new CallScope(instance);
            var cx = options.Context(scope);
            var core = slots[.._parameterCount];
            var arguments = CanonicalAbi.LiftImportArguments(cx, type, core);
            var values = callee.Call(instance, arguments);
            Span<RawValue> results = stackalloc RawValue[Math.Max(1, type.LowerSignature.Results.Length)];
            CanonicalAbi.LowerImportResults(cx, type, values, core, results);
            results[..type.LowerSignature.Results.Length].CopyTo(slots);
            scope.Finish();
        }
    }

    /// <summary><c>canon resource.new</c>: wraps a representation in a new owning handle.</summary>
    public static Function ResourceNew(Store store, InstanceState instance, ResourceType type)
    {
        var epoch = StoreEpoch.For(store);
        return Function.FromCallback(store, (int rep) => Guard(epoch, () => instance.Handles.Add(new ResourceHandle(type, rep, own: true, borrowScope: null))));
    }

    /// <summary><c>canon resource.rep</c>: the representation behind a handle of this type.</summary>
    public static Function ResourceRep(Store store, InstanceState instance, ResourceType type)
    {
        var epoch = StoreEpoch.For(store);
        return Function.FromCallback(store, (int handle) => Guard(epoch, () =>
        {
            var h = instance.Handles.Get(handle);
            CheckType(h, type, handle);
            return h.Rep;
        }));
    }

    /// <summary><c>canon resource.drop</c>: drops a handle, running the destructor for an owning one.</summary>
    public static Function ResourceDrop(Store store, InstanceState instance, ResourceType type)
    {
        var epoch = StoreEpoch.For(store);
        return Function.FromCallback(store, (Action<int>)(handle => Guard(epoch, () =>
        {
            Drop(instance, type, handle);
            return 0;
        })));
    }

    private static void Drop(InstanceState instance, ResourceType type, int handle)
    {
        {
            var h = instance.Handles.Get(handle);
            CheckType(h, type, handle);
            if (h.Lends != 0)
            {
                throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"cannot drop handle {handle}: it is lent to an active call");
            }

            instance.Handles.Remove(handle);
            if (!h.Own)
            {
                if (h.BorrowScope is CallScope scope)
                {
                    scope.OutstandingBorrows--;
                }

                return;
            }

            type.Destroy(h.Rep, instance);
        }
    }

    private static T Guard<T>(StoreEpoch epoch, Func<T> body)
    {
        epoch.Advance();
        try
        {
            return body();
        }
        catch (Exception e)
        {
            PendingException.Set(e);
            throw;
        }
    }

    private static void CheckType(ResourceHandle h, ResourceType type, int handle)
    {
        if (!ReferenceEquals(h.Type, type))
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is a '{h.Type}', not a '{type}'");
        }
    }

    private static RawValue FromBox(ValueBox box, CoreValueType type) => type switch
    {
        CoreValueType.I32 => RawValue.FromI32(box.AsInt32()),
        CoreValueType.I64 => RawValue.FromI64(box.AsInt64()),
        CoreValueType.F32 => RawValue.FromF32(box.AsSingle()),
        _ => RawValue.FromF64(box.AsDouble()),
    };

    private static ValueBox ToBox(RawValue value, CoreValueType type) => type switch
    {
        CoreValueType.I32 => value.I32,
        CoreValueType.I64 => value.I64,
        CoreValueType.F32 => value.F32,
        _ => value.F64,
    };
}
