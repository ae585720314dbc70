using WitBindgen.Runtime;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace WitBindgen.Runtime.Abi;

/// <summary>CanonicalABI.md <c>load_string_from_range</c>: bounds, alignment and encoding checks, then decoding.</summary>
internal static class StringLoader
{
    /// <summary>
    /// The alignment and byte length of a string of <paramref name="taggedCodeUnits"/> code units in
    /// <paramref name="encoding"/>, and whether its bytes are UTF-16 (a <c>latin1+utf16</c> length carries the tag);
    /// traps when the length exceeds the ABI's bound (<c>load_string_from_range</c>).
    /// </summary>
    public static (int Alignment, ulong ByteLength, bool Utf16) Range(StringEncoding encoding, uint taggedCodeUnits, int maxBytes = CanonicalAbi.MaxStringByteLength)
    {
        var (alignment, byteLength, utf16) = encoding switch
        {
            StringEncoding.Utf8 => (1, (ulong)taggedCodeUnits, false),
            StringEncoding.Utf16 => (2, 2UL * taggedCodeUnits, true),
            StringEncoding.Latin1Utf16 => (taggedCodeUnits & CanonicalAbi.Utf16Tag) != 0
                ? (2, 2UL * (taggedCodeUnits ^ CanonicalAbi.Utf16Tag), true)
                : (2, (ulong)taggedCodeUnits, false),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown string encoding."),
        };

        if (byteLength > (ulong)maxBytes)
        {
            throw byteLength > CanonicalAbi.MaxStringByteLength
                ? ComponentTrapException.TooLong("string", byteLength, CanonicalAbi.MaxStringByteLength)
                : ComponentTrapException.TooLarge("a string", byteLength, "bytes", maxBytes);
        }

        return (alignment, byteLength, utf16);
    }

    /// <summary>
    /// Decodes the string at <paramref name="pointer"/> with <paramref name="taggedCodeUnits"/> code units; one of more
    /// than <paramref name="maxBytes"/> bytes traps (<see cref="ComponentTrapKind.ValueTooLarge"/>).
    /// </summary>
    public static string Load(ReadOnlySpan<byte> memory, StringEncoding encoding, uint pointer, uint taggedCodeUnits, int maxBytes = CanonicalAbi.MaxStringByteLength) =>
        Decode(Bytes(memory, encoding, pointer, taggedCodeUnits, maxBytes, out var decodeAs), decodeAs, pointer);

    /// <summary>
    /// Decodes the string at <paramref name="pointer"/> in the context's memory and encoding, within its
    /// <see cref="AbiContext.MaxStringBytes"/>; the memory is asked for only as far as the string reaches.
    /// </summary>
    public static string LoadFrom(AbiContext cx, uint pointer, uint taggedCodeUnits) =>
        Decode(BytesFrom(cx, pointer, taggedCodeUnits, out var decodeAs), decodeAs, pointer);

    /// <summary>
    /// The guest bytes of the string at <paramref name="pointer"/> with <paramref name="taggedCodeUnits"/> code units,
    /// after the length, alignment and bounds checks (not yet the encoding's), and the encoding they are in
    /// (<see cref="StringEncoding.Utf8"/>, <see cref="StringEncoding.Utf16"/> or, for an untagged
    /// <c>latin1+utf16</c> string, <see cref="StringEncoding.Latin1Utf16"/>: Latin-1).
    /// </summary>
    public static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> memory, StringEncoding encoding, uint pointer, uint taggedCodeUnits, int maxBytes, out StringEncoding decodeAs)
    {
        var (alignment, byteLength, utf16) = Range(encoding, taggedCodeUnits, maxBytes);
        decodeAs = utf16 ? StringEncoding.Utf16 : encoding;
        return Slice(memory, pointer, alignment, byteLength);
    }

    /// <summary>
    /// <see cref="Bytes"/> in the context's memory, encoding and <see cref="AbiContext.MaxStringBytes"/>; the memory is
    /// asked for only as far as the string reaches.
    /// </summary>
    public static ReadOnlySpan<byte> BytesFrom(AbiContext cx, uint pointer, uint taggedCodeUnits, out StringEncoding decodeAs)
    {
        var encoding = cx.StringEncoding;
        var (alignment, byteLength, utf16) = Range(encoding, taggedCodeUnits, cx.MaxStringBytes);
        decodeAs = utf16 ? StringEncoding.Utf16 : encoding;
        return Slice(cx.GetMemoryUpTo(pointer + byteLength), pointer, alignment, byteLength);
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> memory, uint pointer, int alignment, ulong byteLength)
    {
        AbiChecks.CheckAlignment(pointer, alignment, "string");
        AbiChecks.CheckRange(memory.Length, pointer, byteLength, "string");
        return memory.Slice((int)pointer, (int)byteLength);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, StringEncoding decodeAs, uint pointer) => decodeAs switch
    {
        StringEncoding.Utf8 => DecodeUtf8(bytes, pointer),
        StringEncoding.Utf16 => DecodeUtf16(bytes, pointer),
        _ => Encoding.Latin1.GetString(bytes),
    };

    /// <summary>Decodes and validates in one pass; the rare invalid case is diagnosed afterwards.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Text up to this many bytes is widened into a new string on the guess that it is ASCII; longer text is checked
    /// first, so that a wrong guess wastes at most a string of this length.
    /// </summary>
    private const int AsciiGuessBytes = 4096;

    /// <summary>
    /// ASCII text (the common case) is widened straight into the new string, one pass that validates as it goes;
    /// <see cref="Encoding.GetString(ReadOnlySpan{byte})"/> counts the characters in one validating pass and decodes
    /// in a second. Text with a non-ASCII byte is decoded by the strict decoder, which traps on invalid UTF-8.
    /// </summary>
    private static unsafe string DecodeUtf8(ReadOnlySpan<byte> bytes, uint pointer)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Length > AsciiGuessBytes && !Ascii.IsValid(bytes))
        {
            return DecodeNonAscii(bytes, pointer);
        }

        string text;
        var ascii = false;
        fixed (byte* source = bytes)
        {
            text = string.Create(bytes.Length, (Source: (IntPtr)source, Ascii: (IntPtr)(&ascii)), static (destination, state) =>
                *(bool*)state.Ascii = Ascii.ToUtf16(new ReadOnlySpan<byte>((byte*)state.Source, destination.Length), destination, out _) == OperationStatus.Done);
        }

        return ascii ? text : DecodeNonAscii(bytes, pointer);
    }

    private static string DecodeNonAscii(ReadOnlySpan<byte> bytes, uint pointer)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidUtf8(bytes, pointer);
        }
    }

    /// <summary>The trap for guest text at <paramref name="pointer"/> that is not valid UTF-8, naming the first bad byte.</summary>
    public static ComponentTrapException InvalidUtf8(ReadOnlySpan<byte> bytes, uint pointer) => new(
        ComponentTrapKind.InvalidUtf8,
        FormattableString.Invariant($"string at 0x{pointer:x} is not valid UTF-8: invalid byte sequence at byte offset {InvalidUtf8Offset(bytes)}"));

    /// <summary>Traps when the UTF-16 text at <paramref name="pointer"/> has an unpaired surrogate.</summary>
    public static void ThrowIfInvalidUtf16(ReadOnlySpan<char> chars, uint pointer)
    {
        var invalid = StringValidation.IndexOfUnpairedSurrogate(chars);
        if (invalid >= 0)
        {
            throw new ComponentTrapException(
                ComponentTrapKind.InvalidUtf16,
                FormattableString.Invariant($"string at 0x{pointer:x} is not valid UTF-16: unpaired surrogate 0x{(int)chars[invalid]:x4} at code unit {invalid}"));
        }
    }

    /// <summary>
    /// Copies the code units into a new string, noting surrogates in the same pass (<see cref="Utf16Copy"/>); only
    /// text that has some is scanned again for unpaired ones.
    /// </summary>
    private static unsafe string DecodeUtf16(ReadOnlySpan<byte> bytes, uint pointer)
    {
        var chars = MemoryMarshal.Cast<byte, char>(bytes);
        if (chars.IsEmpty)
        {
            return string.Empty;
        }

        string text;
        var surrogates = false;
        fixed (char* source = chars)
        {
            text = string.Create(chars.Length, (Source: (IntPtr)source, Surrogates: (IntPtr)(&surrogates)), static (destination, state) =>
                *(bool*)state.Surrogates = Utf16Copy.CopyFindingSurrogates(new ReadOnlySpan<char>((char*)state.Source, destination.Length), destination));
        }

        if (surrogates)
        {
            ThrowIfInvalidUtf16(text, pointer);
        }

        return text;
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
