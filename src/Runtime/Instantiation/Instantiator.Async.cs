using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>The async parts of instantiation: async lifts and lowers, and the async built-ins.</summary>
internal sealed partial class Instantiator
{
    private AsyncLiftedFunction LiftAsync(Frame frame, CanonLiftItem lift)
    {
        var type = Types(frame).Function(frame.Definition.ResolveType(lift.TypeIndex));
        var core = new CoreFunction(frame.Get<Function>(Sort.CoreFunction, lift.CoreFunctionIndex));
        var callback = lift.Options.CallbackIndex is { } c ? new CoreFunction(frame.Get<Function>(Sort.CoreFunction, c)) : null;
        var name = ItemNames.Lift(frame.Definition, lift);
        return new AsyncLiftedFunction(name, core, callback, type, Options(frame, lift, lift.Options));
    }

    /// <summary>
    /// A lower that involves async: the <c>async</c> option, an async function type or callee (the callee must run as a
    /// task that built-ins can see), or streams and futures in the type
    /// (moved between tables by the dynamic path, never by the fused one).
    /// </summary>
    private Function LowerAsync(Frame frame, IComponentCallable callee, AbiFunctionType type, CanonOptions options, bool isAsync)
    {
        if (callee is AsyncLiftedFunction lifted && !ReferenceEquals(lifted.Instance.Root, frame.State.Root))
        {
            throw new ComponentLinkException(
                $"cannot lower '{lifted.Name}' of another instantiation: async functions are only called within one instantiation (one store) so far");
        }

        var name = callee switch
        {
            AsyncLiftedFunction a => a.Name,
            _ => Describe(callee),
        };
        if (isAsync)
        {
            return AsyncLower.Lower(_store, name, callee, type, options);
        }

        return Trampolines.Lower(_store, name, type.IsAsync ? new SyncCallOfAsync(name, callee) : callee, type, options);
    }

    private Function AsyncBuiltin(Frame frame, CanonBuiltinItem builtin)
    {
        var options = builtin.Options is { } o ? Options(frame, builtin, o)
            : builtin.MemoryIndex is { } m ? Options(frame, builtin, new CanonicalOptions { MemoryIndex = m })
            : null;
        AbiType? element = null;
        if (builtin.TypeIndex is { } t)
        {
            var resolved = frame.Definition.ResolveType(t);
            var reference = resolved.Definition switch
            {
                StreamType s => s.Element,
                FutureType f => f.Element,
                _ => throw new ComponentLinkException($"{builtin.Describe()} names type {t}, which is not a stream or future type"),
            };
            element = reference is { } r ? Types(frame).Value(resolved.ResolveValueType(r)) : null;
        }

        AbiType[]? results = null;
        if (builtin.Kind == CanonBuiltinKind.TaskReturn)
        {
            results = builtin.Result is { } r ? [Types(frame).Value(frame.Definition.ResolveValueType(r))] : [];
        }

        return AsyncBuiltins.Create(_store, new AsyncBuiltins.Definition(builtin, frame.State, options, element, results))
            ?? throw new ComponentLinkException($"canon {builtin.Kind.ToText()} is not supported yet (threads and stream or future forwarding are not implemented)");
    }
}
