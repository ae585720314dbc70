using System.Buffers;
using System.Text;

namespace WitBindgen.Composition.Encoder;

/// <summary>A growable byte buffer with the primitive encodings of the binary format (LEB128 <c>u32</c>, names).</summary>
internal sealed class ByteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>Writes one byte.</summary>
    public ByteWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    /// <summary>Writes bytes as they are.</summary>
    public ByteWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Writes an unsigned LEB128 <c>u32</c>.</summary>
    public ByteWriter U32(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            Byte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return this;
    }

    /// <summary>Writes a non-negative value as a signed LEB128 <c>s33</c> (a type index in a <c>valtype</c>).</summary>
    public ByteWriter S33(uint value)
    {
        ulong rest = value;
        while (true)
        {
            var b = (byte)(rest & 0x7f);
            rest >>= 7;
            if (rest == 0 && (b & 0x40) == 0)
            {
                return Byte(b);
            }

            Byte((byte)(b | 0x80));
        }
    }

    /// <summary>Writes a <c>name</c>: its UTF-8 length, then its UTF-8 bytes.</summary>
    public ByteWriter Name(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        U32((uint)bytes.Length);
        return Bytes(bytes);
    }

    /// <summary>The number of bytes the LEB128 encoding of <paramref name="value"/> takes.</summary>
    public static int SizeOfU32(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }
}
