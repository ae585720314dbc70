using System.ComponentModel;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// An exported function as generated bindings call it: the <see cref="RawComponentFunction"/> and, when its type
/// has no handles, the one lifting and lowering context every call reuses. For generated code; may change with the
/// generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ExportFunction
{
    private readonly AbiContext? _context;

    internal ExportFunction(RawComponentFunction function)
    {
        Function = function;
        _context = function.UsesHandles ? null : function.CreateContext();
    }

    /// <summary>The raw function.</summary>
    public RawComponentFunction Function { get; }

    /// <summary>
    /// Starts a call: <paramref name="slots"/> (as many as the core parameters, and at least one) receives the
    /// lowered arguments, then <see cref="ExportCall.Call"/> runs the function. A function whose type has handles
    /// gets its per-call context (<see cref="RawComponentFunction.CreateCallContext"/>), checked when the call
    /// completes.
    /// </summary>
    /// <param name="slots">The core value slots, usually <c>stackalloc</c>ed by the caller.</param>
    /// <returns>The call, to lower into, run, lift from and complete.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ExportCall Start(Span<RawValue> slots) =>
        _context is { } shared ? new ExportCall(Function, shared, scoped: false, slots) : new ExportCall(Function, Function.CreateCallContext(), scoped: true, slots);
}
