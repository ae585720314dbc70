using System.ComponentModel;

#nullable enable // a file named *.Generated.cs is generated code to the compiler, nullable-oblivious unless enabled here

namespace WitBindgen.Runtime.Abi;

/// <summary>Checks and allocation entry points that generated lifting and lowering code calls.</summary>
public static partial class CanonicalAbi
{
    /// <summary>Calls the guest's <c>realloc(0, 0, alignment, size)</c> and traps unless the block is aligned and inside memory.</summary>
    /// <param name="cx">The context holding the <c>realloc</c> option.</param>
    /// <param name="alignment">The block's alignment, a power of two.</param>
    /// <param name="size">The block's byte size.</param>
    /// <returns>The guest address of the block.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static uint Allocate(AbiContext cx, uint alignment, uint size)
    {
        ArgumentNullException.ThrowIfNull(cx);
        return cx.Allocate(alignment, size);
    }

    /// <summary>
    /// Allocates a guest block for <paramref name="count"/> elements of <paramref name="elementSize"/> bytes
    /// (<c>store_list_into_range</c>'s <c>realloc</c> call).
    /// </summary>
    /// <exception cref="ArgumentException">The list needs more bytes than a 32-bit memory can address.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static uint AllocateList(AbiContext cx, int count, uint elementSize, uint alignment)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var byteLength = (ulong)count * elementSize;
        if (byteLength > uint.MaxValue)
        {
            throw new ArgumentException($"A list of {count} elements needs {byteLength} bytes, more than a 32-bit memory can address.", nameof(count));
        }

        return cx.Allocate(alignment, (uint)byteLength);
    }

    /// <summary>
    /// Checks a list a guest passed before its elements are loaded (<c>load_list_from_range</c>): traps when the
    /// byte length exceeds the canonical ABI's limit, the pointer is misaligned or the elements reach outside memory.
    /// </summary>
    /// <returns>The element count as an <see cref="int"/>.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int CheckList(AbiContext cx, uint pointer, uint length, uint elementSize, int alignment)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var byteLength = (ulong)length * elementSize;
        if (byteLength > MaxListByteLength)
        {
            throw ComponentTrapException.TooLong("list", byteLength, MaxListByteLength);
        }

        AbiChecks.CheckAlignment(pointer, alignment, "list");
        AbiChecks.CheckRange(cx.GetMemory().Length, pointer, byteLength, "list");
        return (int)length;
    }

    /// <summary>
    /// Checks a region of guest memory a value is loaded from or stored to (a spilled parameter or result tuple, a
    /// return area): traps unless <paramref name="pointer"/> is aligned and the region is inside memory.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void CheckRegion(AbiContext cx, uint pointer, uint size, int alignment, string what)
    {
        ArgumentNullException.ThrowIfNull(cx);
        AbiChecks.CheckAlignment(pointer, alignment, what);
        AbiChecks.CheckRange(cx.GetMemory().Length, pointer, size, what);
    }

    /// <summary>The trap for a discriminant that names no case of <paramref name="type"/>.</summary>
    /// <param name="type">The WIT type, for the message (<c>variant 'shape'</c>, <c>option</c>).</param>
    /// <param name="discriminant">The value the guest passed.</param>
    /// <returns>The exception to throw.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ComponentTrapException InvalidDiscriminant(string type, uint discriminant) =>
        new(ComponentTrapKind.InvalidDiscriminant, $"invalid discriminant {discriminant} for {type}");

    /// <summary>Lifts a <c>char</c> from its code point, trapping on a surrogate or a value above U+10FFFF.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static System.Text.Rune LiftChar(uint codePoint) => AbiMemory.ToChar(codePoint);

    /// <summary>Lifts an <c>f32</c>, replacing any NaN by the canonical NaN.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float LiftF32(float value) => AbiFloats.Canonicalize(value);

    /// <summary>Lifts an <c>f64</c>, replacing any NaN by the canonical NaN.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double LiftF64(double value) => AbiFloats.Canonicalize(value);
}
