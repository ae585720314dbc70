namespace WitBindgen.Runtime.Abi;

/// <summary>A pointer and length pair as a string or list is passed to a guest.</summary>
/// <param name="Pointer">The guest address of the first element or code unit.</param>
/// <param name="Length">
/// The element count, or for strings the code unit count (for <see cref="StringEncoding.Latin1Utf16"/> tagged
/// with <see cref="CanonicalAbi.Utf16Tag"/> when the contents are UTF-16).
/// </param>
public readonly record struct GuestSlice(uint Pointer, uint Length);
