using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// A guest's buffer of stream or future elements in its linear memory (CanonicalABI.md <c>BufferGuestImpl</c>): checked
/// for alignment and bounds when it is made; reads and writes advance <see cref="Progress"/>.
/// </summary>
internal sealed class CopyBuffer
{
    /// <summary>The most elements one buffer may hold (<c>Buffer.MAX_LENGTH</c>).</summary>
    public const uint MaxLength = (1u << 28) - 1;

    private readonly AbiContext _cx;
    private uint _pointer;

    public CopyBuffer(AbiType? element, AbiContext cx, uint pointer, uint length)
    {
        if (length > MaxLength)
        {
            throw new ComponentTrapException($"a stream buffer of {length} elements is longer than the maximum of {MaxLength}");
        }

        if (element is not null && length > 0)
        {
            if (pointer % (uint)element.Alignment != 0)
            {
                throw new ComponentTrapException($"the buffer at {pointer} is not aligned to {element.Alignment}");
            }

            var memory = cx.GetMemory();
            if ((ulong)pointer + ((ulong)length * (ulong)element.Size) > (ulong)memory.Length)
            {
                throw new ComponentTrapException($"the buffer of {length} elements at {pointer} is out of bounds of the memory ({memory.Length} bytes)");
            }
        }

        Element = element;
        _cx = cx;
        _pointer = pointer;
        Length = length;
    }

    public AbiType? Element { get; }

    public uint Length { get; }

    /// <summary>How many elements have been read or written so far.</summary>
    public uint Progress { get; private set; }

    public uint Remain => Length - Progress;

    public bool IsZeroLength => Length == 0;

    /// <summary>Reads <paramref name="n"/> elements (nulls for a stream without element type).</summary>
    public WitValue?[] Read(uint n)
    {
        var values = new WitValue?[n];
        if (Element is { } t)
        {
            for (uint i = 0; i < n; i++)
            {
                values[i] = CanonicalAbi.Load(_cx, t, _pointer);
                _pointer += (uint)t.Size;
            }
        }

        Progress += n;
        return values;
    }

    /// <summary>Writes elements read from another buffer.</summary>
    public void Write(WitValue?[] values)
    {
        if (Element is { } t)
        {
            foreach (var v in values)
            {
                CanonicalAbi.Store(_cx, t, v!, _pointer);
                _pointer += (uint)t.Size;
            }
        }

        Progress += (uint)values.Length;
    }
}
