namespace WitBindgen.Runtime.Abi;

/// <summary>A named field of an <see cref="AbiRecordType"/>.</summary>
/// <param name="Name">The field label.</param>
/// <param name="Type">The field type.</param>
public readonly record struct AbiField(string Name, AbiType Type);
