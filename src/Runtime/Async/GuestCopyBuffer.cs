using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// A guest's buffer of stream or future elements in its linear memory (CanonicalABI.md <c>BufferGuestImpl</c>): checked
/// for alignment and bounds when it is made; reads and writes advance <see cref="CopyBuffer.Progress"/>.
/// </summary>
internal sealed class GuestCopyBuffer : CopyBuffer
{
    private readonly AbiContext _cx;
    private uint _pointer;

    public GuestCopyBuffer(AbiType? element, AbiContext cx, uint pointer, uint length)
        : base(element, length)
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

        _cx = cx;
        _pointer = pointer;
    }

    /// <summary>The guest's memory, realloc and encoding for the elements.</summary>
    public AbiContext Context => _cx;

    /// <summary>Where the next element is read or written.</summary>
    public uint Pointer => _pointer;

    /// <summary>Moves past <paramref name="n"/> elements that were copied without <see cref="Read"/> or <see cref="Write"/>.</summary>
    public void Advance(uint n)
    {
        _pointer += n * (uint)(Element?.Size ?? 0);
        Progress += n;
    }

    /// <inheritdoc />
    public override void CopyFrom(CopyBuffer source, uint n)
    {
        switch (source)
        {
            case GuestCopyBuffer guest:
                Write(guest.Read(n));
                break;
            case IHostCopyBuffer host:
                host.CopyTo(this, n);
                break;
            default:
                throw new InvalidOperationException($"cannot copy from a {source.GetType().Name}");
        }
    }

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
