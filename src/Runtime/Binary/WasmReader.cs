using System.Text;

namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A forward-only cursor over a bounded window of a component binary. Every failure is reported as a
/// <see cref="ComponentFormatException"/> carrying the absolute byte offset.
/// </summary>
internal sealed class WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _data;
    private readonly int _end;
    private readonly string _window;

    /// <param name="data">The whole binary; offsets are positions in it.</param>
    /// <param name="start">First readable position.</param>
    /// <param name="end">Position just past the last readable byte.</param>
    /// <param name="window">What the window is, for "unexpected end of ..." messages.</param>
    public WasmReader(ReadOnlyMemory<byte> data, int start, int end, string window)
    {
        _data = data;
        Position = start;
        _end = end;
        _window = window;
    }

    /// <summary>The absolute offset of the next byte to read.</summary>
    public int Position { get; private set; }

    /// <summary>Whether every byte of the window has been read.</summary>
    public bool AtEnd => Position >= _end;

    /// <summary>Bytes left in the window.</summary>
    public int Remaining => _end - Position;

    /// <summary>The whole binary this reader reads from.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    public ComponentFormatException Error(string reason) => new(reason, Position);

    public ComponentFormatException Error(string reason, int offset) => new(reason, offset);

    private ComponentFormatException EndError() => new($"unexpected end of {_window}", Position);

    public byte PeekByte()
    {
        if (Position >= _end)
        {
            throw EndError();
        }

        return _data.Span[Position];
    }

    public byte ReadByte()
    {
        var b = PeekByte();
        Position++;
        return b;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes as a slice of the original memory (no copy).</summary>
    public ReadOnlyMemory<byte> ReadBytes(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw EndError();
        }

        var slice = _data.Slice(Position, length);
        Position += length;
        return slice;
    }

    /// <summary>Reads a length-prefixed window and returns a reader limited to it; this reader skips past it.</summary>
    public WasmReader ReadSubReader(string window)
    {
        var length = ReadLength();
        var start = Position;
        if (length > Remaining)
        {
            throw Error($"{window} of {length} bytes extends past the end of the {_window}", start);
        }

        Position += length;
        return new WasmReader(_data, start, start + length, window);
    }

    /// <summary>Reads a u32 LEB128 that is a byte length or element count and fits in an <see cref="int"/>.</summary>
    public int ReadLength()
    {
        var start = Position;
        var value = ReadU32();
        if (value > int.MaxValue)
        {
            throw Error($"length {value} is too large", start);
        }

        return (int)value;
    }

    /// <summary>
    /// Reads a vector count and checks it against the bytes left, assuming each element takes at least
    /// <paramref name="minElementSize"/> bytes, so that no huge list is ever allocated for a bogus count.
    /// </summary>
    public int ReadCount(int minElementSize = 1)
    {
        var start = Position;
        var count = ReadU32();
        if (minElementSize > 0 && count > (ulong)Remaining / (ulong)minElementSize)
        {
            throw Error($"vector of {count} elements is longer than the {_window} ({Remaining} bytes left)", start);
        }

        if (count > int.MaxValue)
        {
            throw Error($"vector of {count} elements is too long", start);
        }

        return (int)count;
    }

    public uint ReadU32()
    {
        var start = Position;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadLebByte(start);
            if (shift == 28 && (b & 0x70) != 0)
            {
                throw Error("invalid LEB128: u32 out of range", start);
            }

            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            if (shift == 28)
            {
                throw Error("invalid LEB128: u32 is longer than 5 bytes", start);
            }
        }
    }

    public ulong ReadU64()
    {
        var start = Position;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadLebByte(start);
            if (shift == 63 && (b & 0x7e) != 0)
            {
                throw Error("invalid LEB128: u64 out of range", start);
            }

            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            if (shift == 63)
            {
                throw Error("invalid LEB128: u64 is longer than 10 bytes", start);
            }
        }
    }

    /// <summary>Reads a signed LEB128 of at most <paramref name="bits"/> bits (33 for heap types, 32, 64).</summary>
    public long ReadSigned(int bits)
    {
        var start = Position;
        long result = 0;
        var shift = 0;
        var maxBytes = (bits + 6) / 7;
        for (var i = 0; ; i++)
        {
            var b = ReadLebByte(start);
            result |= (long)(b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (i == maxBytes - 1)
                {
                    // The unused bits of the last byte must be a sign extension of the value's top bit.
                    var usedBits = bits - (7 * (maxBytes - 1));
                    var rest = (sbyte)(b << 1) >> usedBits;
                    if (rest != 0 && rest != -1)
                    {
                        throw Error($"invalid LEB128: s{bits} out of range", start);
                    }
                }

                if (shift < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << shift;
                }

                return result;
            }

            if (i == maxBytes - 1)
            {
                throw Error($"invalid LEB128: s{bits} is longer than {maxBytes} bytes", start);
            }
        }
    }

    private byte ReadLebByte(int start)
    {
        if (Position >= _end)
        {
            throw Position == start ? EndError() : Error($"invalid LEB128: unexpected end of {_window}", start);
        }

        return _data.Span[Position++];
    }

    /// <summary>Reads a UTF-8 string prefixed by its byte length.</summary>
    public string ReadName()
    {
        var start = Position;
        var length = ReadLength();
        if (length > Remaining)
        {
            throw Error($"string of {length} bytes extends past the end of the {_window}", start);
        }

        var bytes = _data.Span.Slice(Position, length);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ComponentFormatException("invalid UTF-8 in string", Position, e);
        }

        Position += length;
        return text;
    }

    /// <summary>Reads a boolean flag byte that must be 0 or 1.</summary>
    public bool ReadFlag(string what)
    {
        var start = Position;
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw Error($"invalid {what} flag 0x{b:x2}", start),
        };
    }

    /// <summary>Reads <c>0x00</c> (absent) or <c>0x01 T</c> (present).</summary>
    public bool ReadOptionalPresent(string what) => ReadFlag($"optional {what}");

    /// <summary>Throws unless the whole window was consumed.</summary>
    public void ExpectEnd()
    {
        if (Position != _end)
        {
            throw Error($"{_end - Position} unread bytes at the end of the {_window}");
        }
    }
}
