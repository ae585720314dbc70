using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Linking;

internal sealed partial class ValueTransfer
{
    /// <summary>Text up to this many code units is decoded on the stack when the two sides' encodings differ.</summary>
    private const int StackChars = 256;

    /// <summary>
    /// <c>load_string_from_range</c> in the source (alignment, bounds and encoding checks), then
    /// <c>store_string_into_range</c> in the destination. When both sides use the same encoding (or a Latin-1 string
    /// goes to a <c>latin1+utf16</c> side) the bytes are validated and copied with one <c>realloc</c>; otherwise the
    /// text is decoded into a stack or pooled buffer and stored with CanonicalABI.md's transcoding sequence.
    /// </summary>
    private (uint Pointer, uint TaggedUnits) String(uint pointer, uint taggedUnits, ref LinkMemories m)
    {
        var encoding = _from.Encoding;
        var (alignment, byteLength, utf16) = StringLoader.Range(encoding, taggedUnits);

        m.From = Source();
        AbiChecks.CheckAlignment(pointer, alignment, "string");
        AbiChecks.CheckRange(m.From.Length, pointer, byteLength, "string");
        var bytes = m.From.Slice((int)pointer, (int)byteLength);
        var target = _to.Encoding;

        if (encoding == StringEncoding.Utf8 && target == StringEncoding.Utf8)
        {
            if (!Utf8.IsValid(bytes))
            {
                ThrowInvalid(m.From, pointer, taggedUnits);
            }

            return (CopyBytes(pointer, (int)byteLength, 1, ref m), taggedUnits);
        }

        if (encoding == StringEncoding.Utf16 && target == StringEncoding.Utf16)
        {
            if (!IsValidUtf16(MemoryMarshal.Cast<byte, char>(bytes)))
            {
                ThrowInvalid(m.From, pointer, taggedUnits);
            }

            return (CopyBytes(pointer, (int)byteLength, 2, ref m), taggedUnits);
        }

        if (encoding == StringEncoding.Latin1Utf16 && !utf16 && target == StringEncoding.Latin1Utf16)
        {
            // store_string_copy of Latin-1: the same bytes, two-byte aligned.
            return (CopyBytes(pointer, (int)byteLength, 2, ref m), taggedUnits);
        }

        var capacity = utf16 ? (int)(byteLength / 2) : (int)byteLength;
        if (capacity <= StackChars)
        {
            Span<char> buffer = stackalloc char[StackChars];
            return Transcode(bytes, utf16, buffer, pointer, taggedUnits, ref m);
        }

        var rented = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            return Transcode(bytes, utf16, rented, pointer, taggedUnits, ref m);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes the source text into <paramref name="chars"/> (validating it) and stores it with the spec's transcoding.</summary>
    private (uint Pointer, uint TaggedUnits) Transcode(ReadOnlySpan<byte> bytes, bool utf16, scoped Span<char> chars, uint pointer, uint taggedUnits, ref LinkMemories m)
    {
        int length;
        if (utf16)
        {
            var units = MemoryMarshal.Cast<byte, char>(bytes);
            if (!IsValidUtf16(units))
            {
                ThrowInvalid(m.From, pointer, taggedUnits);
            }

            units.CopyTo(chars);
            length = units.Length;
        }
        else if (_from.Encoding == StringEncoding.Utf8)
        {
            if (Utf8.ToUtf16(bytes, chars, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                ThrowInvalid(m.From, pointer, taggedUnits);
            }
        }
        else
        {
            length = Encoding.Latin1.GetChars(bytes, chars);
        }

        var slice = StringStorer.Store(_toContext, chars[..length], _from.Encoding, taggedUnits);
        Refresh(ref m);
        return (slice.Pointer, slice.Length);
    }

    /// <summary><c>store_string_copy</c>: one <c>realloc</c> of the exact size, then the bytes.</summary>
    private uint CopyBytes(uint pointer, int byteLength, uint alignment, ref LinkMemories m)
    {
        var target = _toContext.Allocate(alignment, (uint)byteLength);
        Refresh(ref m);
        m.From.Slice((int)pointer, byteLength).CopyTo(m.To.Slice((int)target, byteLength));
        return target;
    }

    /// <summary>Whether UTF-16 code units have no unpaired surrogate (a scan that allocates nothing).</summary>
    private static bool IsValidUtf16(ReadOnlySpan<char> units)
    {
        for (var i = 0; i < units.Length; i++)
        {
            var c = units[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < units.Length && char.IsLowSurrogate(units[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Raises the trap that lifting this invalid string raises (the same kind and message).</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowInvalid(Span<byte> memory, uint pointer, uint taggedUnits)
    {
        StringLoader.Load(memory, _from.Encoding, pointer, taggedUnits);
        throw new ComponentTrapException($"string at 0x{pointer:x} is not valid in its encoding");
    }
}
