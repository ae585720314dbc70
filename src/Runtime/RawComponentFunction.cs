using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime;

/// <summary>
/// An exported component function for generated bindings: the caller lowers arguments into raw
/// core slots with the <see cref="CanonicalAbi"/> primitives, calls <see cref="Call"/>, lifts the
/// results from the same slots, then calls <see cref="Complete(EnteredInstances, Span{RawValue})"/> (post-return and leaving the
/// instance). No dynamic values, no allocation.
/// </summary>
public sealed class RawComponentFunction
{
    private readonly LiftedFunction _lifted;
    private readonly CanonOptions _options;
    private readonly CoreFunction _core;
    private readonly string _name;

    internal RawComponentFunction(string name, LiftedFunction lifted)
    {
        _name = name;
        _lifted = lifted;
        _options = lifted.Options;
        _core = lifted.Core;
    }

    /// <summary>The export name (<c>instance#function</c> for functions of exported instances).</summary>
    public string Name => _name;

    /// <summary>The function's canonical ABI type (its core signature is <see cref="AbiFunctionType.LiftSignature"/>).</summary>
    public AbiFunctionType Type => _lifted.Type;

    /// <summary>The guest memory of the <c>memory</c> option, if any.</summary>
    public IGuestMemory? Memory => _options.Memory;

    /// <summary>A lifting/lowering context for this function's options (memory, realloc, encoding).</summary>
    public AbiContext CreateContext(IResourceHandles? resources = null) => new()
    {
        Memory = _options.Memory,
        Realloc = _options.Realloc is null ? null : _options.CallRealloc,
        StringEncoding = _options.Encoding,
        Resources = resources,
        MaxStringBytes = _options.Instance.Limiter?.Limits.StringBytes ?? CanonicalAbi.MaxStringByteLength,
        MaxListElements = _options.Instance.Limiter?.Limits.ListElements is { } elements ? (uint)elements : uint.MaxValue,
    };

    /// <summary>
    /// Enters the instance and calls the core function: <paramref name="slots"/> holds the lowered
    /// arguments and receives the core results. Must be followed by <see cref="Complete(EnteredInstances, Span{RawValue})"/>, also
    /// when lifting the results fails.
    /// </summary>
    public EnteredInstances Call(Span<RawValue> slots)
    {
        var instance = _options.Instance;
        var entered = instance.Enter(null);
        try
        {
            _core.Call(slots);
            return entered;
        }
        catch (CoreTrapException trap)
        {
            InstanceState.Leave(entered);
            _options.ThrowTrapped($"'{_name}'", trap);
            throw; // not reached: ThrowTrapped always throws
        }
        catch
        {
            // E.g. too few slots: nothing ran, so the instance is left as it was.
            InstanceState.Leave(entered);
            throw;
        }
    }

    /// <summary>True when the function's parameters or results contain <c>own</c> or <c>borrow</c> handles.</summary>
    public bool UsesHandles => _usesHandles ??= Type.Parameters.Any(AbiTypes.ContainsHandles) || Type.Results.Any(AbiTypes.ContainsHandles);

    private bool? _usesHandles;

    /// <summary>
    /// A context for one call of a function whose type contains handles: owned handles moved in or out and
    /// borrows lent to the guest are recorded in a scope that
    /// <see cref="Complete(EnteredInstances, Span{RawValue}, AbiContext)"/> checks and closes.
    /// </summary>
    /// <remarks>
    /// One context and scope per function are reused from call to call: a call takes it and
    /// <see cref="Complete(EnteredInstances, Span{RawValue}, AbiContext)"/> gives it back, both while the calling thread
    /// holds the instance (<see cref="InstanceState.Claim"/>), so that calls made from two threads never share it. A call
    /// that finds it taken (a reentrant attempt, which <see cref="Call"/> then refuses), or that never completes (its
    /// arguments could not be lowered, or it trapped), makes or leaves a fresh one.
    /// </remarks>
    public AbiContext CreateCallContext()
    {
        var instance = _options.Instance;
        var claimed = instance.Claim();
        try
        {
            return TakeCallContext();
        }
        finally
        {
            instance.Release(claimed);
        }
    }

    /// <summary>
    /// Like <see cref="CreateCallContext"/>, but keeps the instance claimed for the calling thread until
    /// <see cref="Call"/> enters it (no second atomic operation there) or <see cref="Abandon"/> frees it: lowering the
    /// arguments in between (handles moved into the instance's table, the guest's <c>realloc</c>) finds the instance
    /// held and claims nothing.
    /// </summary>
    internal AbiContext BeginCallContext()
    {
        _options.Instance.ClaimForCall();
        return TakeCallContext();
    }

    /// <summary>Claims the instance for a call whose arguments are lowered next, as <see cref="BeginCallContext"/> does.</summary>
    internal void Begin() => _options.Instance.ClaimForCall();

    /// <summary>Frees the instance claimed by <see cref="Begin"/> or <see cref="BeginCallContext"/> for a call whose arguments could not be lowered.</summary>
    internal void Abandon() => _options.Instance.ReleaseForCall();

    /// <summary>Takes the reused context (the calling thread holds the instance) or makes a fresh one.</summary>
    private AbiContext TakeCallContext()
    {
        if (_callContext is { } context)
        {
            _callContext = null;
            ((CallScope)context.Resources!).Reset();
            return context;
        }

        return _options.Context(new CallScope(_options.Instance) { Owner = this });
    }

    /// <summary>Gives the context of a call that completed back for the next call, before the instance is left.</summary>
    private void GiveBack(CallScope? scope, AbiContext? callContext)
    {
        if (callContext is not null && ReferenceEquals(scope?.Owner, this))
        {
            _callContext = callContext;
        }
    }

    private AbiContext? _callContext;

    /// <summary>
    /// Ends a call whose results could not be lifted (an invalid value from the guest): a trap poisons the
    /// instance; <c>post-return</c> does not run; the instance is left.
    /// </summary>
    public void Abort(EnteredInstances entered, Exception error)
    {
        if (error is ComponentTrapException)
        {
            _options.Instance.Poisoned = true;
        }

        InstanceState.Leave(entered);
    }

    /// <summary>
    /// Runs <c>post-return</c>, checks that borrows lent for the call made with <paramref name="callContext"/>
    /// (from <see cref="CreateCallContext"/>) were dropped, and leaves the instance.
    /// </summary>
    public void Complete(EnteredInstances entered, Span<RawValue> slots, AbiContext callContext)
    {
        ArgumentNullException.ThrowIfNull(callContext);
        Finish(entered, slots, callContext);
    }

    /// <summary>Runs <c>post-return</c> with the core results and leaves the instance.</summary>
    public void Complete(EnteredInstances entered, Span<RawValue> slots)
    {
        if (_options.PostReturn is null)
        {
            // Nothing can fail: leave without the bookkeeping of a post-return.
            InstanceState.Leave(entered);
            return;
        }

        Finish(entered, slots, null);
    }

    /// <summary>
    /// Completes a call like <see cref="Complete(EnteredInstances, Span{RawValue})"/> (with the handle scope of
    /// <paramref name="callContext"/>, if any), except that when completing fails the instance is not left: the
    /// caller's <see cref="Abort"/>, which must follow, leaves it.
    /// </summary>
    internal void CompleteOrAbort(EnteredInstances entered, Span<RawValue> slots, AbiContext? callContext)
    {
        if (callContext is null && _options.PostReturn is null)
        {
            InstanceState.Leave(entered);
            return;
        }

        Finish(entered, slots, callContext, leaveOnFailure: false);
    }

    /// <summary>
    /// Post-return, then the call's handle scope (if any) is checked and closed, and the call's context kept for the
    /// next call (it is not lent to any other call meanwhile: the instance is still held); the instance is left (when
    /// this fails, only if <paramref name="leaveOnFailure"/>).
    /// </summary>
    private void Finish(EnteredInstances entered, Span<RawValue> slots, AbiContext? callContext, bool leaveOnFailure = true)
    {
        var scope = callContext?.Resources as CallScope;
        var done = false;
        try
        {
            _options.CallPostReturn(slots);
            if (scope is not null)
            {
                scope.Finish();
                GiveBack(scope, callContext);
            }

            done = true;
        }
        catch (CoreTrapException trap)
        {
            _options.ThrowTrapped($"post-return of '{_name}'", trap);
            throw; // not reached: ThrowTrapped always throws
        }
        catch (ComponentTrapException) when (scope is not null)
        {
            // A borrow the guest did not drop: the instance broke the ABI.
            _options.Instance.Poisoned = true;
            throw;
        }
        finally
        {
            if (done || leaveOnFailure)
            {
                InstanceState.Leave(entered);
            }
        }
    }
}
