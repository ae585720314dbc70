using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Copies UTF-16 text and notes in the same pass whether it holds any surrogate code unit (U+D800–U+DFFF), so that
/// text without surrogates (all of the BMP outside them: nearly all text) is copied and validated in one pass over
/// memory instead of a validating scan followed by a copy. Text with surrogates is then checked precisely for
/// unpaired ones (<see cref="StringValidation.IndexOfUnpairedSurrogate"/>), which is rare and no slower than before.
/// </summary>
internal static class Utf16Copy
{
    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> (at least as long) and returns whether
    /// any code unit copied is a surrogate.
    /// </summary>
    public static bool CopyFindingSurrogates(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("the destination is shorter than the source", nameof(destination));
        }

        var length = source.Length;
        ref var from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
        ref var to = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(destination));
        var width = Vector<ushort>.Count;
        if (!Vector.IsHardwareAccelerated || length < width)
        {
            return CopyScalar(ref from, ref to, length);
        }

        // v + 0x2800 maps exactly U+D800..U+DFFF onto 0..0x7FF (wrapping), so one unsigned compare finds surrogates.
        var bias = new Vector<ushort>(0x2800);
        var limit = new Vector<ushort>(0x0800);
        var seen = Vector<ushort>.Zero;
        var last = (nuint)(length - width);
        for (nuint i = 0; i < last; i += (nuint)width)
        {
            var block = Unsafe.ReadUnaligned<Vector<ushort>>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref from, i)));
            Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref to, i)), block);
            seen |= Vector.LessThan(block + bias, limit);
        }

        // The last (possibly overlapping) block.
        var tail = Unsafe.ReadUnaligned<Vector<ushort>>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref from, last)));
        Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref to, last)), tail);
        seen |= Vector.LessThan(tail + bias, limit);
        return seen != Vector<ushort>.Zero;
    }

    private static bool CopyScalar(ref ushort from, ref ushort to, int length)
    {
        var seen = false;
        for (var i = 0; i < length; i++)
        {
            var unit = Unsafe.Add(ref from, i);
            Unsafe.Add(ref to, i) = unit;
            seen |= (ushort)(unit + 0x2800) < 0x0800;
        }

        return seen;
    }
}
