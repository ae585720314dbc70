using System.ComponentModel;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// An exported function as generated bindings call it, with the steps of <see cref="RawComponentFunction"/>'s call
/// protocol: take the context (<see cref="Context"/>, or <see cref="CallContext"/> for a function whose type has
/// handles), lower the arguments into the caller's <c>stackalloc</c>ed slots (or <see cref="Spill"/> them),
/// <see cref="Call"/>, lift the result (from the slots or the <see cref="Results"/> area) and return it through
/// <see cref="Lifted{T}(EnteredInstances, Span{RawValue}, T)"/> inside a <c>try</c> whose <c>catch</c> runs
/// <see cref="Abort"/> and rethrows (a result that cannot fail to lift: <see cref="Return{T}(EnteredInstances, Span{RawValue}, T)"/>,
/// no <c>try</c>; no result: <see cref="Complete(EnteredInstances, Span{RawValue})"/>).
/// Every step takes the call's state as arguments, so the caller keeps it in locals. For generated code; may
/// change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ExportFunction
{
    private readonly LiftedFunction _lifted;
    private readonly string? _instance;
    private readonly string _name;

    // Created on the first call: an instance's bindings bind (and check) every export when it is instantiated, most
    // of which a given instance may never call.
    private RawComponentFunction? _function;
    private AbiContext? _context;

    internal ExportFunction(LiftedFunction lifted, string? instance, string name)
    {
        _lifted = lifted;
        _instance = instance;
        _name = name;
    }

    /// <summary>The raw function.</summary>
    public RawComponentFunction Function
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _function ?? FirstFunction();
    }

    /// <summary>
    /// Makes the raw function on the first call. Calls of one instance never overlap, but two threads may race to
    /// the first: the one made first is the one every call uses (a call's claim on the instance names it).
    /// </summary>
    private RawComponentFunction FirstFunction()
    {
        var made = new RawComponentFunction(_instance is null ? _name : _instance + "#" + _name, _lifted);
        return Interlocked.CompareExchange(ref _function, made, null) ?? made;
    }

    /// <summary>The one lifting and lowering context every call of a function without handles reuses.</summary>
    /// <exception cref="InvalidOperationException">The function's type has handles (use <see cref="CallContext"/>).</exception>
    public AbiContext Context
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _context ?? FirstContext();
    }

    private AbiContext FirstContext() => Function.UsesHandles
        ? throw new InvalidOperationException("a function whose type has handles takes a per-call context (CallContext)")
        : _context = Function.CreateContext();

    /// <summary>
    /// Begins a call of a function whose type has handles: claims the instance for the calling thread and takes the
    /// call's context (<see cref="RawComponentFunction.CreateCallContext"/>), checked by
    /// <see cref="Complete(EnteredInstances, Span{RawValue}, AbiContext)"/>. The claim lasts until <see cref="Call"/>
    /// enters the instance, so lowering the arguments needs no further atomic operation; when lowering fails,
    /// <see cref="Abandon"/> must free it.
    /// </summary>
    /// <returns>The call's context.</returns>
    /// <exception cref="InvalidOperationException">Another thread is running in the instance.</exception>
    public AbiContext CallContext() => Function.BeginCallContext();

    /// <summary>
    /// Begins a call of a function without handles whose arguments are lowered through the context (strings, lists,
    /// spilled arguments: the guest's <c>realloc</c> runs): claims the instance as <see cref="CallContext"/> does and
    /// returns <see cref="Context"/>. When lowering fails, <see cref="Abandon"/> must free the claim.
    /// </summary>
    /// <returns>The context.</returns>
    /// <exception cref="InvalidOperationException">Another thread is running in the instance.</exception>
    public AbiContext Begin()
    {
        var context = Context;
        Function.Begin();
        return context;
    }

    /// <summary>Ends a call begun with <see cref="CallContext"/> or <see cref="Begin"/> whose arguments could not be lowered: frees the instance.</summary>
    public void Abandon() => Function.Abandon();

    /// <summary>Enters the instance and runs the function (see <see cref="RawComponentFunction.Call"/>).</summary>
    /// <param name="slots">The lowered arguments; receives the core results.</param>
    /// <returns>What the call entered, for <see cref="Complete(EnteredInstances, Span{RawValue})"/> or <see cref="Abort"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EnteredInstances Call(Span<RawValue> slots) => Function.Call(slots);

    /// <summary>
    /// Allocates the guest block for spilled arguments (more core values than the flat limit) and passes its
    /// address in the first slot.
    /// </summary>
    /// <param name="context">The call's context.</param>
    /// <param name="slots">The call's slots.</param>
    /// <param name="alignment">The alignment of the argument tuple.</param>
    /// <param name="size">The byte size of the argument tuple.</param>
    /// <returns>The guest address to store the arguments at.</returns>
    public static uint Spill(AbiContext context, Span<RawValue> slots, uint alignment, uint size)
    {
        var pointer = AbiHelpers.Allocate(context, alignment, size);
        slots[0] = RawValue.FromU32(pointer);
        return pointer;
    }

    /// <summary>The return area the core function returned in the first slot, checked to hold the results.</summary>
    /// <param name="context">The call's context.</param>
    /// <param name="slots">The call's slots.</param>
    /// <param name="size">The byte size of the results.</param>
    /// <param name="alignment">Their alignment.</param>
    /// <returns>The guest address of the results.</returns>
    public static uint Results(AbiContext context, Span<RawValue> slots, uint size, int alignment) =>
        AbiHelpers.CheckRegion(context, slots[0].U32, size, alignment, "results");

    /// <summary>Runs <c>post-return</c> and leaves the instance (see <see cref="RawComponentFunction.Complete(EnteredInstances, Span{RawValue})"/>).</summary>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete(EnteredInstances entered, Span<RawValue> slots) => Function.Complete(entered, slots);

    /// <summary>
    /// Runs <c>post-return</c>, checks and closes the handle scope of the call made with <paramref name="context"/>
    /// (from <see cref="CallContext"/>) and leaves the instance.
    /// </summary>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    /// <param name="context">The call's context.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete(EnteredInstances entered, Span<RawValue> slots, AbiContext context) => Function.Complete(entered, slots, context);

    /// <summary>
    /// Completes the call (<see cref="Complete(EnteredInstances, Span{RawValue})"/>) and returns
    /// <paramref name="value"/>, lifted before: for results whose lifting cannot fail, outside any <c>try</c>.
    /// </summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    /// <param name="value">The lifted result.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Return<T>(EnteredInstances entered, Span<RawValue> slots, T value)
    {
        Function.Complete(entered, slots);
        return value;
    }

    /// <summary>
    /// Completes the call with handles (<see cref="Complete(EnteredInstances, Span{RawValue}, AbiContext)"/>) and
    /// returns <paramref name="value"/>, lifted before: for results whose lifting cannot fail, outside any <c>try</c>.
    /// </summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    /// <param name="context">The call's context.</param>
    /// <param name="value">The lifted result.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Return<T>(EnteredInstances entered, Span<RawValue> slots, AbiContext context, T value)
    {
        Function.Complete(entered, slots, context);
        return value;
    }

    /// <summary>
    /// Completes the call and returns <paramref name="value"/>, lifted inside the <c>try</c> whose <c>catch</c>
    /// runs <see cref="Abort"/> and rethrows: when <c>post-return</c> fails, that <see cref="Abort"/> leaves the
    /// instance, as when lifting fails.
    /// </summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    /// <param name="value">The lifted result.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Lifted<T>(EnteredInstances entered, Span<RawValue> slots, T value)
    {
        Function.CompleteOrAbort(entered, slots, null);
        return value;
    }

    /// <summary>
    /// Completes the call with handles and returns <paramref name="value"/>, lifted inside the <c>try</c> whose
    /// <c>catch</c> runs <see cref="Abort"/> and rethrows: when <c>post-return</c> or the check of the handle scope
    /// of <paramref name="context"/> fails, that <see cref="Abort"/> leaves the instance, as when lifting fails.
    /// </summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="slots">The core results.</param>
    /// <param name="context">The call's context (from <see cref="CallContext"/>).</param>
    /// <param name="value">The lifted result.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Lifted<T>(EnteredInstances entered, Span<RawValue> slots, AbiContext context, T value)
    {
        Function.CompleteOrAbort(entered, slots, context);
        return value;
    }

    /// <summary>
    /// Ends a call whose result could not be lifted, or whose completion in <see cref="Lifted{T}(EnteredInstances, Span{RawValue}, T)"/>
    /// failed (see <see cref="RawComponentFunction.Abort"/>).
    /// </summary>
    /// <param name="entered">What <see cref="Call"/> returned.</param>
    /// <param name="error">The lifting error.</param>
    public void Abort(EnteredInstances entered, Exception error) => Function.Abort(entered, error);
}
