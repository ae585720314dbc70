using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The core function types of canonical definitions (CanonicalABI.md <c>flatten_functype</c> and the
/// signatures of the built-ins), for 32-bit memories.
/// </summary>
internal static class CanonSignatures
{
    private static readonly CoreValueType I32 = CoreValueType.I32;

    /// <summary>The flattened parameters and result of a function type.</summary>
    public static (Flat Parameters, Flat Results) Flatten(ResolvedType functionType, ValueTypeFacts facts)
    {
        var function = (FunctionType)functionType.Definition!;
        var parameters = facts.FlattenAll(function.Parameters.Select(p => functionType.ResolveValueType(p.Type)));
        var results = function.Result is { } result ? facts.Flatten(functionType.ResolveValueType(result)) : Flat.Of();
        return (parameters, results);
    }

    /// <summary>
    /// <c>flatten_functype(opts, ft, 'lift')</c>: the type the core function wrapped by <c>canon lift</c> must have.
    /// </summary>
    public static CoreFunctionType Lift(ResolvedType functionType, CanonicalOptions options, ValueTypeFacts facts)
    {
        var (parameters, results) = Flatten(functionType, facts);
        var flatParameters = parameters.Count > ValueTypeFacts.MaxFlatParams ? [I32] : parameters.Types;
        IReadOnlyList<CoreValueType> flatResults;
        if (options.IsAsync)
        {
            flatResults = options.CallbackIndex is null ? [] : [I32];
        }
        else
        {
            flatResults = results.Count > ValueTypeFacts.MaxFlatResults ? [I32] : results.Types;
        }

        return new CoreFunctionType(flatParameters, flatResults);
    }

    /// <summary><c>flatten_functype(opts, ft, 'lower')</c>: the type of the core function <c>canon lower</c> defines.</summary>
    public static CoreFunctionType Lower(ResolvedType functionType, CanonicalOptions options, ValueTypeFacts facts)
    {
        var (parameters, results) = Flatten(functionType, facts);
        if (options.IsAsync)
        {
            var asyncParameters = parameters.Count > ValueTypeFacts.MaxFlatAsyncParams ? [I32] : parameters.Types.ToList();
            if (results.Count > 0)
            {
                asyncParameters.Add(I32);
            }

            return new CoreFunctionType(asyncParameters, [I32]);
        }

        var flatParameters = parameters.Count > ValueTypeFacts.MaxFlatParams ? [I32] : parameters.Types.ToList();
        if (results.Count > ValueTypeFacts.MaxFlatResults)
        {
            flatParameters.Add(I32);
            return new CoreFunctionType(flatParameters, []);
        }

        return new CoreFunctionType(flatParameters, results.Types);
    }

    /// <summary>
    /// The core function type of a built-in, when it does not depend on more than its immediates; null for the
    /// few whose type this validator does not work out (they are then not checked where they are used).
    /// </summary>
    public static CoreFunctionType? Builtin(CanonBuiltinItem builtin, TypeScope scope, ValueTypeFacts facts)
    {
        CoreValueType[] none = [], one = [I32], two = [I32, I32];
        return builtin.Kind switch
        {
            CanonBuiltinKind.BackpressureInc or CanonBuiltinKind.BackpressureDec or CanonBuiltinKind.TaskCancel => new(none, none),
            CanonBuiltinKind.ContextGet when builtin.ValueType is { } t => new(none, [t]),
            CanonBuiltinKind.ContextSet when builtin.ValueType is { } t => new([t], none),
            CanonBuiltinKind.TaskReturn => TaskReturn(builtin, scope, facts),
            CanonBuiltinKind.WaitableSetNew or CanonBuiltinKind.ThreadIndex => new(none, one),
            CanonBuiltinKind.WaitableSetWait or CanonBuiltinKind.WaitableSetPoll => new(two, one),
            CanonBuiltinKind.WaitableSetDrop or CanonBuiltinKind.SubtaskDrop or CanonBuiltinKind.ErrorContextDrop
                or CanonBuiltinKind.StreamDropReadable or CanonBuiltinKind.StreamDropWritable
                or CanonBuiltinKind.FutureDropReadable or CanonBuiltinKind.FutureDropWritable
                or CanonBuiltinKind.ThreadResumeLater => new(one, none),
            CanonBuiltinKind.WaitableJoin or CanonBuiltinKind.ErrorContextDebugMessage => new(two, none),
            CanonBuiltinKind.SubtaskCancel or CanonBuiltinKind.StreamCancelRead or CanonBuiltinKind.StreamCancelWrite
                or CanonBuiltinKind.FutureCancelRead or CanonBuiltinKind.FutureCancelWrite => new(one, one),
            CanonBuiltinKind.StreamNew or CanonBuiltinKind.FutureNew => new(none, [CoreValueType.I64]),
            CanonBuiltinKind.StreamRead or CanonBuiltinKind.StreamWrite => new([I32, I32, I32], one),
            CanonBuiltinKind.FutureRead or CanonBuiltinKind.FutureWrite or CanonBuiltinKind.ErrorContextNew => new(two, one),
            _ => null,
        };
    }

    private static CoreFunctionType? TaskReturn(CanonBuiltinItem builtin, TypeScope scope, ValueTypeFacts facts)
    {
        if (builtin.Result is not { } result)
        {
            return new CoreFunctionType([], []);
        }

        var flat = facts.Flatten(scope.ResolveValueType(result));
        return new CoreFunctionType(flat.Count > ValueTypeFacts.MaxFlatParams ? [I32] : flat.Types, []);
    }
}
