namespace WitBindgen.Wasi.Io;

/// <summary>
/// Where one guest instance's stdout (or stderr) goes: a bounded buffer in front of the host's stream, and the
/// instance's output allowance (<see cref="WasiLimits.MaxOutputBytes"/>). Every <c>output-stream</c> handle the guest
/// gets for the stream writes here, so writes reach the host in the order the guest made them.
/// </summary>
internal sealed class OutputSink
{
    /// <summary>The buffer's size: the most <c>check-write</c> ever grants.</summary>
    public const int Capacity = 64 * 1024;

    private readonly object _lock = new();
    private readonly string _name;
    private readonly Stream _stream;
    private readonly long _limit;
    private byte[]? _buffer;
    private int _count;
    private long _remaining;

    public OutputSink(string name, Stream stream, long limit)
    {
        _name = name;
        _stream = stream;
        _limit = limit;
        _remaining = limit;
    }

    /// <summary>
    /// How many bytes a write may take now: the free part of the buffer, within the allowance (0 when the buffer
    /// is full and must be drained first).
    /// </summary>
    /// <exception cref="WasiLimitException">The allowance is spent.</exception>
    public int Permit()
    {
        lock (_lock)
        {
            if (_remaining == 0)
            {
                throw new WasiLimitException($"the guest wrote {_limit} bytes to {_name}, the most it may (WasiLimits.MaxOutputBytes)");
            }

            return (int)Math.Min(Capacity - _count, _remaining);
        }
    }

    /// <summary>Buffers bytes the caller checked against <see cref="Permit"/>.</summary>
    public void Accept(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            _buffer ??= new byte[Capacity];
            bytes.CopyTo(_buffer.AsSpan(_count));
            _count += bytes.Length;
            _remaining -= bytes.Length;
        }
    }

    /// <summary>Buffers <paramref name="count"/> zero bytes checked against <see cref="Permit"/>.</summary>
    public void AcceptZeroes(int count)
    {
        lock (_lock)
        {
            _buffer ??= new byte[Capacity];
            _buffer.AsSpan(_count, count).Clear();
            _count += count;
            _remaining -= count;
        }
    }

    /// <summary>Writes the buffer to the host's stream and flushes it (the guest waits meanwhile: backpressure).</summary>
    public void Drain()
    {
        lock (_lock)
        {
            var count = _count;
            _count = 0;
            if (count > 0)
            {
                _stream.Write(_buffer!, 0, count);
            }

            _stream.Flush();
        }
    }

    /// <summary>Drains, ignoring a failing host stream (for a stream that is going away).</summary>
    public void TryDrain()
    {
        try
        {
            Drain();
        }
        catch (Exception e) when (HostCall.IsHostFailure(e))
        {
            // The guest is leaving; there is nobody to report the failure to.
        }
    }
}
