using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>Core functions that the runtime provides to guests: lowered imports and resource built-ins.</summary>
internal static class Trampolines
{
    /// <summary><c>canon lower</c>: a core function that calls a component function.</summary>
    public static Function Lower(Store store, string name, IComponentCallable callee, AbiFunctionType type, CanonOptions options)
    {
        var signature = type.LowerSignature;
        var parameterKinds = signature.Parameters.Select(Kind).ToArray();
        var resultKinds = signature.Results.Select(Kind).ToArray();
        var parameterTypes = signature.Parameters.ToArray();
        var resultTypes = signature.Results.ToArray();
        return Function.FromCallback(
            store,
            (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> results) =>
            {
                try
                {
                    var instance = options.Instance;
                    if (!instance.MayLeave)
                    {
                        throw new ComponentTrapException($"cannot leave component instance '{instance.Name}' to call '{name}' during realloc or post-return");
                    }

                    var raw = new RawValue[args.Length];
                    for (int i = 0; i < raw.Length; i++)
                    {
                        raw[i] = FromBox(args[i], parameterTypes[i]);
                    }

                    var scope = new CallScope(instance);
                    var cx = options.Context(scope);
                    var arguments = CanonicalAbi.LiftImportArguments(cx, type, raw);
                    var values = callee.Call(instance, arguments);
                    Span<RawValue> core = stackalloc RawValue[Math.Max(1, results.Length)];
                    CanonicalAbi.LowerImportResults(cx, type, values, raw, core);
                    for (int i = 0; i < results.Length; i++)
                    {
                        results[i] = ToBox(core[i], resultTypes[i]);
                    }

                    scope.Finish();
                }
                catch (Exception e)
                {
                    PendingException.Set(e);
                    throw;
                }
            },
            parameterKinds,
            resultKinds);
    }

    /// <summary><c>canon resource.new</c>: wraps a representation in a new owning handle.</summary>
    public static Function ResourceNew(Store store, InstanceState instance, ResourceType type) =>
        Function.FromCallback(store, (int rep) => Guard(() => instance.Handles.Add(new ResourceHandle(type, rep, own: true, borrowScope: null))));

    /// <summary><c>canon resource.rep</c>: the representation behind a handle of this type.</summary>
    public static Function ResourceRep(Store store, InstanceState instance, ResourceType type) =>
        Function.FromCallback(store, (int handle) => Guard(() =>
        {
            var h = instance.Handles.Get(handle);
            CheckType(h, type, handle);
            return h.Rep;
        }));

    /// <summary><c>canon resource.drop</c>: drops a handle, running the destructor for an owning one.</summary>
    public static Function ResourceDrop(Store store, InstanceState instance, ResourceType type) =>
        Function.FromCallback(store, (Action<int>)(handle => Guard(() =>
        {
            Drop(instance, type, handle);
            return 0;
        })));

    private static void Drop(InstanceState instance, ResourceType type, int handle)
    {
        {
            var h = instance.Handles.Get(handle);
            CheckType(h, type, handle);
            if (h.Own && h.Lends != 0)
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

            type.Destructor?.Invoke(h.Rep);
        }
    }

    private static T Guard<T>(Func<T> body)
    {
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

    internal static ValueKind Kind(CoreValueType type) => type switch
    {
        CoreValueType.I32 => ValueKind.Int32,
        CoreValueType.I64 => ValueKind.Int64,
        CoreValueType.F32 => ValueKind.Float32,
        _ => ValueKind.Float64,
    };

    internal static RawValue FromBox(ValueBox box, CoreValueType type) => type switch
    {
        CoreValueType.I32 => RawValue.FromI32(box.AsInt32()),
        CoreValueType.I64 => RawValue.FromI64(box.AsInt64()),
        CoreValueType.F32 => RawValue.FromF32(box.AsSingle()),
        _ => RawValue.FromF64(box.AsDouble()),
    };

    internal static ValueBox ToBox(RawValue value, CoreValueType type) => type switch
    {
        CoreValueType.I32 => value.I32,
        CoreValueType.I64 => value.I64,
        CoreValueType.F32 => value.F32,
        _ => value.F64,
    };
}
