using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// Lowers the arguments of a raw async call into the core parameters of the lifted function
/// (<see cref="AbiFunctionType.LiftSignature"/>: flat, or one pointer to their tuple when they spill).
/// </summary>
/// <param name="context">The callee's memory, <c>realloc</c>, string encoding and handle table for this call.</param>
/// <param name="slots">Receives the core parameters.</param>
public delegate void RawLower(AbiContext context, Span<RawValue> slots);

/// <summary>
/// Lifts the result a guest passes to <c>task.return</c>: the result's flat core values, or one pointer to it when
/// they spill (more than 16 values), as for the parameters of a lowered function.
/// </summary>
/// <typeparam name="TResult">The lifted result.</typeparam>
/// <param name="context">The callee's memory, string encoding and handle table for this call.</param>
/// <param name="values">The core values of <c>task.return</c>.</param>
/// <returns>The lifted result.</returns>
public delegate TResult RawLift<TResult>(AbiContext context, ReadOnlySpan<RawValue> values);
