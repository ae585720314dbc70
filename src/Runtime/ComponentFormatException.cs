namespace WitBindgen.Runtime;

/// <summary>
/// Thrown when a component binary is malformed: it cannot be decoded according to the component
/// binary format, or a definition refers to something that does not exist.
/// </summary>
public sealed class ComponentFormatException : Exception
{
    /// <summary>Creates an exception for a failure at <paramref name="offset"/>.</summary>
    /// <param name="reason">What went wrong, without the offset (it is appended).</param>
    /// <param name="offset">Byte offset in the component binary where reading failed.</param>
    public ComponentFormatException(string reason, long offset)
        : base($"{reason} at offset 0x{offset:x}")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates an exception for a failure at <paramref name="offset"/> caused by another exception.</summary>
    /// <param name="reason">What went wrong, without the offset (it is appended).</param>
    /// <param name="offset">Byte offset in the component binary where reading failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ComponentFormatException(string reason, long offset, Exception innerException)
        : base($"{reason} at offset 0x{offset:x}", innerException)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>What went wrong, without the offset.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the component binary where reading failed.</summary>
    public long Offset { get; }
}
