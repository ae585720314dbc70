using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Guest text written out as UTF-8 bytes, without a .NET string in between: measured (which validates it as
/// <c>load_string_from_range</c> does), then written into a destination at least that long.
/// </summary>
internal static class Utf8Text
{
    /// <summary>
    /// The UTF-8 byte length of the guest text <paramref name="bytes"/> in <paramref name="encoding"/> (as
    /// <see cref="StringLoader.Bytes"/> gives them); traps when the text is not valid in its encoding.
    /// </summary>
    public static int Length(ReadOnlySpan<byte> bytes, StringEncoding encoding, uint pointer)
    {
        switch (encoding)
        {
            case StringEncoding.Utf8:
                // ASCII (the common case) is valid UTF-8; the ASCII check runs on wider vectors than Utf8.IsValid.
                if (!Ascii.IsValid(bytes) && !Utf8.IsValid(bytes))
                {
                    throw StringLoader.InvalidUtf8(bytes, pointer);
                }

                return bytes.Length;
            case StringEncoding.Utf16:
                var chars = MemoryMarshal.Cast<byte, char>(bytes);
                StringLoader.ThrowIfInvalidUtf16(chars, pointer);
                return Encoding.UTF8.GetByteCount(chars);
            default:
                // Latin-1: one byte for ASCII, two for the upper half.
                var length = bytes.Length;
                foreach (var b in bytes)
                {
                    length += b >> 7;
                }

                return length;
        }
    }

    /// <summary>
    /// Writes the guest text <paramref name="bytes"/> in <paramref name="encoding"/>, measured and validated by
    /// <see cref="Length"/>, as UTF-8 at the start of <paramref name="destination"/>, which holds at least that many bytes.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> bytes, StringEncoding encoding, Span<byte> destination)
    {
        switch (encoding)
        {
            case StringEncoding.Utf8:
                bytes.CopyTo(destination);
                break;
            case StringEncoding.Utf16:
                Utf8.FromUtf16(MemoryMarshal.Cast<byte, char>(bytes), destination, out _, out _, replaceInvalidSequences: false);
                break;
            default:
                var k = 0;
                foreach (var b in bytes)
                {
                    if (b < 0x80)
                    {
                        destination[k++] = b;
                    }
                    else
                    {
                        destination[k++] = (byte)(0xC0 | (b >> 6));
                        destination[k++] = (byte)(0x80 | (b & 0x3F));
                    }
                }

                break;
        }
    }
}
