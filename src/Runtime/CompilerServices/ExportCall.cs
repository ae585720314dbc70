using System.ComponentModel;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// One call of an exported function by generated bindings (the protocol of <see cref="RawComponentFunction"/>):
/// lower the arguments into <see cref="Slots"/> (or <see cref="Spill"/> them), <see cref="Call"/>, lift the result
/// and <see cref="Return{T}"/> it (or <see cref="Complete"/> a call without result); when lifting fails,
/// <see cref="Abort"/> and rethrow. Allocation-free: a stack-only value over the caller's slots. For generated
/// code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ExportCall
{
    private readonly RawComponentFunction _function;
    private readonly bool _scoped;
    private EnteredInstances _entered;
    private bool _completing;

    internal ExportCall(RawComponentFunction function, AbiContext context, bool scoped, Span<RawValue> slots)
    {
        _function = function;
        _scoped = scoped;
        Context = context;
        Slots = slots;
    }

    /// <summary>The lifting and lowering context of the call.</summary>
    public AbiContext Context { get; }

    /// <summary>The core value slots: the lowered arguments, then the core results.</summary>
    public Span<RawValue> Slots { get; }

    /// <summary>
    /// Allocates the guest block for spilled arguments (more core values than the flat limit) and passes its
    /// address in the first slot.
    /// </summary>
    /// <param name="alignment">The alignment of the argument tuple.</param>
    /// <param name="size">The byte size of the argument tuple.</param>
    /// <returns>The guest address to store the arguments at.</returns>
    public readonly uint Spill(uint alignment, uint size)
    {
        var pointer = AbiHelpers.Allocate(Context, alignment, size);
        Slots[0] = RawValue.FromU32(pointer);
        return pointer;
    }

    /// <summary>Enters the instance and runs the function (see <see cref="RawComponentFunction.Call"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Call() => _entered = _function.Call(Slots);

    /// <summary>The return area the core function returned in the first slot, checked to hold the results.</summary>
    /// <param name="size">The byte size of the results.</param>
    /// <param name="alignment">Their alignment.</param>
    /// <returns>The guest address of the results.</returns>
    public readonly uint Results(uint size, int alignment) =>
        AbiHelpers.CheckRegion(Context, Slots[0].U32, size, alignment, "results");

    /// <summary>Completes the call (<see cref="Complete"/>) and returns the lifted result.</summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="value">The lifted result.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Return<T>(T value)
    {
        Complete();
        return value;
    }

    /// <summary>
    /// Runs <c>post-return</c>, checks and closes the call's handle scope (for a function with handles) and leaves
    /// the instance. A failure here has already left the instance: a later <see cref="Abort"/> does nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete()
    {
        _completing = true;
        if (_scoped)
        {
            _function.Complete(_entered, Slots, Context);
        }
        else
        {
            _function.Complete(_entered, Slots);
        }
    }

    /// <summary>
    /// Ends a call whose result could not be lifted (see <see cref="RawComponentFunction.Abort"/>); nothing once
    /// <see cref="Complete"/> has started, which leaves the instance itself.
    /// </summary>
    /// <param name="error">The lifting error.</param>
    public readonly void Abort(Exception error)
    {
        if (!_completing)
        {
            _function.Abort(_entered, error);
        }
    }
}
