using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// A host implementation of an imported function over core values, for generated bindings: the
/// dynamic <see cref="HostFunction"/> without <see cref="WitValue"/>s.
/// </summary>
/// <param name="context">
/// The calling instance's memory, <c>realloc</c>, string encoding and (when the function's type
/// contains handles) resource hooks for this call; lift arguments and lower results with the
/// <see cref="CanonicalAbi"/> primitives.
/// </param>
/// <param name="slots">
/// On entry, the core arguments of the function's lowered signature
/// (<see cref="AbiFunctionType.LowerSignature"/>: flat parameters, or one pointer when they spill,
/// plus a return-area pointer when the results spill). On return, the core results from index 0.
/// As long as the larger of the two counts (empty when both are zero).
/// </param>
public delegate void RawHostFunction(AbiContext context, Span<RawValue> slots);

/// <summary>A raw host function together with the type it was written for.</summary>
internal sealed record RawHostDefinition(AbiFunctionType Type, RawHostFunction Function);

/// <summary>A dynamic host function defined with the function type it was written for.</summary>
internal sealed record TypedHostDefinition(AbiFunctionType Type, HostFunction Function);
