using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// The elements one stream or future read or write offers (CanonicalABI.md <c>Buffer</c>): a guest's buffer in its linear
/// memory (<see cref="GuestCopyBuffer"/>) or a host's .NET memory (<see cref="HostCopyBuffer{T}"/>).
/// </summary>
internal abstract class CopyBuffer
{
    /// <summary>The most elements one buffer may hold (<c>Buffer.MAX_LENGTH</c>).</summary>
    public const uint MaxLength = (1u << 28) - 1;

    protected CopyBuffer(AbiType? element, uint length)
    {
        Element = element;
        Length = length;
    }

    public AbiType? Element { get; }

    public uint Length { get; }

    /// <summary>How many elements have been read or written so far.</summary>
    public uint Progress { get; protected set; }

    public uint Remain => Length - Progress;

    public bool IsZeroLength => Length == 0;

    /// <summary>Copies the next <paramref name="n"/> elements of <paramref name="source"/> into this buffer; both advance.</summary>
    public abstract void CopyFrom(CopyBuffer source, uint n);
}

/// <summary>A host buffer seen from a guest buffer: copies its elements into guest memory.</summary>
internal interface IHostCopyBuffer
{
    /// <summary>Stores the next <paramref name="n"/> elements into <paramref name="target"/>; both advance.</summary>
    void CopyTo(GuestCopyBuffer target, uint n);
}
