using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// CanonicalABI.md <c>store_string_into_range</c> and its transcoding cases. The source is .NET text plus the
/// spec's hint (source encoding and tagged code units); the sequence of <c>realloc</c> calls, their sizes and
/// alignments, and every trap check follow the spec exactly. Memory is fetched afresh after every
/// <c>realloc</c>. The source text must be valid Unicode and the hint must describe it.
/// </summary>
internal static class StringStorer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static GuestSlice Store(AbiContext cx, ReadOnlySpan<char> src, StringEncoding srcEncoding, uint srcTaggedCodeUnits)
    {
        var srcSimple = srcEncoding switch
        {
            StringEncoding.Utf8 => SimpleEncoding.Utf8,
            StringEncoding.Utf16 => SimpleEncoding.Utf16,
            _ => (srcTaggedCodeUnits & CanonicalAbi.Utf16Tag) != 0 ? SimpleEncoding.Utf16 : SimpleEncoding.Latin1,
        };
        var srcCodeUnits = srcEncoding == StringEncoding.Latin1Utf16 ? srcTaggedCodeUnits & ~CanonicalAbi.Utf16Tag : srcTaggedCodeUnits;

        switch (cx.StringEncoding)
        {
            case StringEncoding.Utf8:
                return srcSimple switch
                {
                    SimpleEncoding.Utf8 => Copy(cx, src, srcCodeUnits, 1, 1, SimpleEncoding.Utf8),
                    SimpleEncoding.Utf16 => ToUtf8(cx, src, srcCodeUnits, 3UL * srcCodeUnits),
                    _ => ToUtf8(cx, src, srcCodeUnits, 2UL * srcCodeUnits),
                };
            case StringEncoding.Utf16:
                return srcSimple switch
                {
                    SimpleEncoding.Utf8 => Utf8ToUtf16(cx, src, srcCodeUnits),
                    _ => Copy(cx, src, srcCodeUnits, 2, 2, SimpleEncoding.Utf16),
                };
            case StringEncoding.Latin1Utf16:
                if (srcEncoding != StringEncoding.Latin1Utf16)
                {
                    return ToLatin1OrUtf16(cx, src, srcCodeUnits);
                }

                return srcSimple == SimpleEncoding.Latin1
                    ? Copy(cx, src, srcCodeUnits, 1, 2, SimpleEncoding.Latin1)
                    : ProbablyUtf16ToLatin1OrUtf16(cx, src, srcCodeUnits);
            default:
                throw new InvalidOperationException($"Unknown string encoding {cx.StringEncoding}.");
        }
    }

    /// <summary>
    /// Stores text that originates in the host (not in another component): the host has no canonical string
    /// encoding of its own, so it measures the text in the guest's encoding first and calls <c>realloc</c> exactly
    /// once with the final size, as a host whose strings were already in that encoding would. This keeps guests
    /// whose allocator cannot grow or shrink a block (the WASI preview1 adapter's import allocator) working with
    /// non-ASCII text.
    /// </summary>
    public static GuestSlice StoreHost(AbiContext cx, ReadOnlySpan<char> src)
    {
        switch (cx.StringEncoding)
        {
            case StringEncoding.Utf8:
                if (Ascii.IsValid(src))
                {
                    // ASCII (most text): its UTF-8 length is its length, and the check runs on wider vectors than
                    // measuring or encoding UTF-8 does; the copy then narrows straight into guest memory.
                    return Copy(cx, src, (uint)src.Length, 1, 1, SimpleEncoding.Ascii);
                }

                if (src.Length <= ShortText)
                {
                    return StoreShortUtf8(cx, src);
                }

                int utf8Length;
                try
                {
                    utf8Length = StrictUtf8.GetByteCount(src);
                }
                catch (EncoderFallbackException)
                {
                    throw new ArgumentException("The string contains an unpaired surrogate; WIT strings must be valid Unicode.");
                }

                return Copy(cx, src, Checked((ulong)utf8Length), 1, 1, SimpleEncoding.Utf8);
            case StringEncoding.Utf16:
                return Copy(cx, src, (uint)src.Length, 2, 2, SimpleEncoding.Utf16);
            case StringEncoding.Latin1Utf16:
                if (src.IndexOfAnyExceptInRange('\0', '\u00FF') < 0)
                {
                    return Copy(cx, src, (uint)src.Length, 1, 2, SimpleEncoding.Latin1);
                }

                var utf16 = Copy(cx, src, (uint)src.Length, 2, 2, SimpleEncoding.Utf16);
                return new GuestSlice(utf16.Pointer, utf16.Length | CanonicalAbi.Utf16Tag);
            default:
                throw new InvalidOperationException($"Unknown string encoding {cx.StringEncoding}.");
        }
    }

    /// <summary>Text up to this many UTF-16 code units is encoded on the stack first (at most 3 bytes each).</summary>
    private const int ShortText = 256;

    /// <summary>
    /// Short host text to a UTF-8 guest in one transcoding pass: encode (and validate) into a stack buffer, then
    /// one <c>realloc</c> of the exact size and a copy, instead of measuring and encoding in two passes.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static GuestSlice StoreShortUtf8(AbiContext cx, ReadOnlySpan<char> src)
    {
        Span<byte> scratch = stackalloc byte[src.Length * 3];
        var length = EncodeUtf8(src, scratch);
        var ptr = cx.Allocate(1, (uint)length, out var memory);
        scratch[..length].CopyTo(memory.Slice((int)ptr, length));
        return new GuestSlice(ptr, (uint)length);
    }

    /// <summary><c>store_string_copy</c>: the exact size is known up front.</summary>
    private static GuestSlice Copy(AbiContext cx, ReadOnlySpan<char> src, uint codeUnits, uint unitSize, uint alignment, SimpleEncoding target)
    {
        var byteLength = Checked(unitSize * (ulong)codeUnits);
        var ptr = cx.Allocate(alignment, byteLength, out var memory);
        var dest = memory.Slice((int)ptr, (int)byteLength);
        int written;
        switch (target)
        {
            case SimpleEncoding.Utf8:
                written = EncodeUtf8(src, dest);
                break;
            case SimpleEncoding.Ascii:
                written = Ascii.FromUtf16(src, dest, out var narrowed) == System.Buffers.OperationStatus.Done ? narrowed : -1;
                break;
            case SimpleEncoding.Utf16:
                MemoryMarshal.AsBytes(src).CopyTo(dest);
                written = src.Length * 2;
                break;
            default:
                written = Encoding.Latin1.GetBytes(src, dest);
                break;
        }

        if ((uint)written != byteLength)
        {
            throw new InvalidOperationException("The string's encoding hint does not match its contents.");
        }

        return new GuestSlice(ptr, codeUnits);
    }

    /// <summary>
    /// <c>store_string_to_utf8</c>: optimistically one byte per code unit; at the first non-ASCII character
    /// reallocate to the worst case, finish, then shrink.
    /// </summary>
    private static GuestSlice ToUtf8(AbiContext cx, ReadOnlySpan<char> src, uint codeUnits, ulong worstCaseSize)
    {
        var ptr = cx.Allocate(1, codeUnits);
        var dest = cx.GetMemory().Slice((int)ptr, (int)codeUnits);
        if (System.Text.Ascii.FromUtf16(src, dest, out var asciiLength) == System.Buffers.OperationStatus.Done)
        {
            return new GuestSlice(ptr, codeUnits);
        }

        var worst = Checked(worstCaseSize);
        ptr = cx.Reallocate(ptr, codeUnits, 1, worst);
        var tail = cx.GetMemory().Slice((int)ptr + asciiLength, (int)(worst - (uint)asciiLength));
        var encodedLength = (uint)(asciiLength + EncodeUtf8(src[asciiLength..], tail));
        if (worst > encodedLength)
        {
            ptr = cx.Reallocate(ptr, worst, 1, encodedLength);
        }

        return new GuestSlice(ptr, encodedLength);
    }

    /// <summary><c>store_utf8_to_utf16</c>: allocate the worst case (two bytes per UTF-8 byte), then shrink.</summary>
    private static GuestSlice Utf8ToUtf16(AbiContext cx, ReadOnlySpan<char> src, uint codeUnits)
    {
        var worst = Checked(2UL * codeUnits);
        var ptr = cx.Allocate(2, worst);
        var encoded = MemoryMarshal.AsBytes(src);
        encoded.CopyTo(cx.GetMemory().Slice((int)ptr, (int)worst));
        var encodedLength = (uint)encoded.Length;
        if (encodedLength < worst)
        {
            ptr = cx.Reallocate(ptr, worst, 2, encodedLength);
        }

        return new GuestSlice(ptr, encodedLength / 2);
    }

    /// <summary>
    /// <c>store_string_to_latin1_or_utf16</c>: speculate Latin-1; at the first character above U+00FF reallocate to
    /// the UTF-16 worst case, inflate the bytes copied so far in place, finish in UTF-16 and shrink.
    /// </summary>
    private static GuestSlice ToLatin1OrUtf16(AbiContext cx, ReadOnlySpan<char> src, uint codeUnits)
    {
        var ptr = cx.Allocate(2, codeUnits);
        var firstWide = src.IndexOfAnyExceptInRange('\0', '\u00FF');
        var latin1Length = firstWide < 0 ? src.Length : firstWide;
        Encoding.Latin1.GetBytes(src[..latin1Length], cx.GetMemory().Slice((int)ptr, (int)codeUnits));
        if (firstWide >= 0)
        {
            var worst = Checked(2UL * codeUnits);
            ptr = cx.Reallocate(ptr, codeUnits, 2, worst);
            var memory = cx.GetMemory().Slice((int)ptr, (int)worst);
            for (var j = latin1Length - 1; j >= 0; j--)
            {
                memory[2 * j] = memory[j];
                memory[(2 * j) + 1] = 0;
            }

            MemoryMarshal.AsBytes(src[latin1Length..]).CopyTo(memory[(2 * latin1Length)..]);
            var encodedLength = (uint)src.Length * 2;
            if (worst > encodedLength)
            {
                ptr = cx.Reallocate(ptr, worst, 2, encodedLength);
            }

            return new GuestSlice(ptr, (encodedLength / 2) | CanonicalAbi.Utf16Tag);
        }

        var byteLength = (uint)latin1Length;
        if (byteLength < codeUnits)
        {
            ptr = cx.Reallocate(ptr, codeUnits, 2, byteLength);
        }

        return new GuestSlice(ptr, byteLength);
    }

    /// <summary>
    /// <c>store_probably_utf16_to_latin1_or_utf16</c>: the producer chose UTF-16, so allocate for UTF-16; if every
    /// character fits Latin-1 after all, deflate in place and shrink.
    /// </summary>
    private static GuestSlice ProbablyUtf16ToLatin1OrUtf16(AbiContext cx, ReadOnlySpan<char> src, uint codeUnits)
    {
        var srcByteLength = Checked(2UL * codeUnits);
        var ptr = cx.Allocate(2, srcByteLength);
        var memory = cx.GetMemory().Slice((int)ptr, (int)srcByteLength);
        var encoded = MemoryMarshal.AsBytes(src);
        encoded.CopyTo(memory);
        if (src.ContainsAnyExceptInRange('\0', '\u00FF'))
        {
            return new GuestSlice(ptr, ((uint)encoded.Length / 2) | CanonicalAbi.Utf16Tag);
        }

        var latin1Size = encoded.Length / 2;
        for (var i = 0; i < latin1Size; i++)
        {
            memory[i] = memory[2 * i];
        }

        ptr = cx.Reallocate(ptr, srcByteLength, 1, (uint)latin1Size);
        return new GuestSlice(ptr, (uint)latin1Size);
    }

    private static int EncodeUtf8(ReadOnlySpan<char> src, Span<byte> dest)
    {
        var status = Utf8.FromUtf16(src, dest, out _, out var written, replaceInvalidSequences: false);
        return status switch
        {
            System.Buffers.OperationStatus.Done => written,
            System.Buffers.OperationStatus.InvalidData => throw new ArgumentException("The string contains an unpaired surrogate; WIT strings must be valid Unicode."),
            _ => throw new InvalidOperationException("The string's encoding hint does not match its contents."),
        };
    }

    private static uint Checked(ulong size)
    {
        if (size > uint.MaxValue)
        {
            ThrowTooLong(size);
        }

        return (uint)size;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowTooLong(ulong size) =>
        throw new ArgumentException($"The string needs {size} bytes, more than a 32-bit memory can address.");

    /// <summary>
    /// The spec's <c>src_simple_encoding</c>: <c>latin1+utf16</c> split into its two cases; and host text known to be
    /// ASCII, stored as UTF-8 by narrowing.
    /// </summary>
    private enum SimpleEncoding
    {
        Utf8,
        Utf16,
        Latin1,
        Ascii,
    }
}
