namespace WitBindgen.Runtime.Abi;

/// <summary>A named case of an <see cref="AbiVariantType"/> with an optional payload.</summary>
/// <param name="Name">The case label.</param>
/// <param name="Payload">The payload type, or null when the case carries none.</param>
public readonly record struct AbiCase(string Name, AbiType? Payload = null);
