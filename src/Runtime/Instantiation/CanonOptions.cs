using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>The resolved <c>canonopt</c>s of a lift or lower: memory, realloc, post-return, encoding.</summary>
internal sealed class CanonOptions
{
    public CanonOptions(InstanceState instance, WasmMemory? memory, CoreFunction? realloc, CoreFunction? postReturn, StringEncoding encoding)
    {
        Instance = instance;
        Memory = memory;
        Realloc = realloc;
        PostReturn = postReturn;
        Encoding = encoding;
    }

    public InstanceState Instance { get; }

    public WasmMemory? Memory { get; }

    public CoreFunction? Realloc { get; }

    public CoreFunction? PostReturn { get; }

    public StringEncoding Encoding { get; }

    public AbiContext Context(CallScope? scope) => new()
    {
        Memory = Memory,
        Realloc = Realloc is null ? null : CallRealloc,
        StringEncoding = Encoding,
        Resources = scope,
        MaxStringBytes = Instance.Limiter?.Limits.StringBytes ?? CanonicalAbi.MaxStringByteLength,
        MaxListElements = Instance.Limiter?.Limits.ListElements is { } elements ? (uint)elements : uint.MaxValue,
    };

    public uint CallRealloc(uint originalPointer, uint originalSize, uint alignment, uint newSize)
    {
        Instance.ThrowIfDisposed();
        Span<RawValue> slots = stackalloc RawValue[4];
        slots[0] = RawValue.FromU32(originalPointer);
        slots[1] = RawValue.FromU32(originalSize);
        slots[2] = RawValue.FromU32(alignment);
        slots[3] = RawValue.FromU32(newSize);

        // Generated bindings lower a call's arguments before the call enters the instance: the guest's allocator must
        // not run beside a call another thread makes (Instance.Claim refuses that), nor that call beside it.
        CallWithoutLeaving(Realloc!, slots, claim: true);

        return slots[0].U32;
    }

    /// <summary>Runs <c>post-return</c> (if any) on the core results in <paramref name="slots"/>.</summary>
    public void CallPostReturn(Span<RawValue> slots)
    {
        if (PostReturn is { } postReturn)
        {
            CallWithoutLeaving(postReturn, slots, claim: false);
        }
    }

    /// <summary>Traps unless the instance may call out (not during <c>realloc</c> or <c>post-return</c>).</summary>
    public void CheckMayLeave(string callee)
    {
        if (!Instance.MayLeave)
        {
            throw new ComponentTrapException($"cannot leave {Instance.Description} to call '{callee}' during realloc or post-return");
        }
    }

    /// <summary>
    /// Turns a core trap during <paramref name="what"/> into what the host sees: the instance is
    /// poisoned, and a host exception that caused the trap is rethrown as it was; otherwise a
    /// <see cref="ComponentTrapException"/>.
    /// </summary>
    [DoesNotReturn]
    public void ThrowTrapped(string what, CoreTrapException trap)
    {
        Instance.Poisoned = true;
        if (PendingException.Take() is { } original)
        {
            ExceptionDispatchInfo.Capture(original).Throw();
        }

        // A trap inside a callee that a wasm adapter had entered is named as the host-side adapter names it.
        var where = trap.Unwound is { } unwound ? unwound.Instance.Description : Instance.Description;
        what = trap.Unwound is { } inner ? inner.What : what;
        if (Instance.Limiter?.Classify(trap) is { } limit)
        {
            throw new ComponentTrapException(limit.Kind, $"{where} trapped in {what}: {limit.Reason} ({trap.Message})", trap);
        }

        throw trap.Code == CoreTrapException.StackOverflow
            ? new ComponentTrapException(ComponentTrapKind.StackOverflow, $"{where} trapped in {what}: {trap.Message}", trap)
            : new ComponentTrapException($"{where} trapped in {what}: {trap.Message}", trap);
    }

    /// <summary>
    /// Calls guest code that may not call out of the instance (<c>may_leave</c> is false meanwhile); with
    /// <paramref name="claim"/>, claims the instantiation for the calling thread for the call's duration
    /// (<see cref="InstanceState.Claim"/>) unless it holds it already.
    /// </summary>
    /// <remarks>
    /// One try region for both: the claim in a second try around this one made every <c>realloc</c> about 300 ns
    /// slower (a 100-byte echo through generated bindings: 580-720 ns against 270-380 ns, alternating builds).
    /// </remarks>
    private void CallWithoutLeaving(CoreFunction function, Span<RawValue> slots, bool claim)
    {
        var claimed = claim && Instance.Claim();
        Instance.MayLeave = false;
        try
        {
            function.Call(slots);
        }
        finally
        {
            Instance.MayLeave = true;
            Instance.Release(claimed);
        }
    }
}

/// <summary>
/// Carries an exception thrown by host code inside a core callback across the Wasmtime trap that
/// it turns into, so that the host sees its own exception again.
/// </summary>
internal static class PendingException
{
    [ThreadStatic]
    private static Exception? _pending;

    public static void Set(Exception e) => _pending ??= e;

    public static Exception? Take()
    {
        var e = _pending;
        _pending = null;
        return e;
    }
}
