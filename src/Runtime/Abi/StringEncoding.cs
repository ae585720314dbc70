namespace WitBindgen.Runtime.Abi;

/// <summary>The <c>string-encoding</c> canonical option: how a component represents strings in its linear memory.</summary>
public enum StringEncoding : byte
{
    /// <summary>UTF-8; lengths count bytes.</summary>
    Utf8,

    /// <summary>UTF-16 little-endian; lengths count 16-bit code units.</summary>
    Utf16,

    /// <summary>
    /// <c>latin1+utf16</c>: either Latin-1 (one byte per character) or UTF-16, chosen per string by the
    /// <see cref="CanonicalAbi.Utf16Tag"/> bit of the length.
    /// </summary>
    Latin1Utf16,
}
