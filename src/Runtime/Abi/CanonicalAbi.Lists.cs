using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Bulk-copy fast paths for lists of scalars, for generated code. Supported element types:
/// <see cref="bool"/>, <see cref="sbyte"/>, <see cref="byte"/>, <see cref="short"/>, <see cref="ushort"/>,
/// <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="float"/>,
/// <see cref="double"/> and <see cref="Rune"/> (WIT <c>char</c>).
/// </summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Lowers a list of scalars into guest memory: one <c>realloc</c> of <c>length * size</c> bytes aligned to the
    /// element size, then a single copy (<c>store_list_into_range</c>).
    /// </summary>
    /// <returns>The guest pointer and element count.</returns>
    public static GuestSlice LowerList<T>(AbiContext cx, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(cx);
        var size = ScalarSize<T>();
        var byteLength = (ulong)values.Length * size;
        if (byteLength > uint.MaxValue)
        {
            throw new ArgumentException($"A list of {values.Length} elements needs {byteLength} bytes, more than a 32-bit memory can address.", nameof(values));
        }

        var ptr = cx.Allocate(size, (uint)byteLength, out var memory);
        var destination = memory.Slice((int)ptr, (int)byteLength);
        var source = MemoryMarshal.AsBytes(values);
        if (typeof(T) == typeof(bool))
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = source[i] != 0 ? (byte)1 : (byte)0;
            }
        }
        else
        {
            source.CopyTo(destination);
        }

        return new GuestSlice(ptr, (uint)values.Length);
    }

    /// <summary>Traps when a list the guest hands over has more elements than the host accepts (<see cref="ComponentLimits.ListElements"/>).</summary>
    internal static void CheckListElements(AbiContext cx, uint length)
    {
        if (length > cx.MaxListElements)
        {
            throw ComponentTrapException.TooLarge("a list", length, "elements", cx.MaxListElements);
        }
    }

    /// <summary>
    /// The guest bytes of a list of <paramref name="length"/> elements of <paramref name="size"/> bytes at
    /// <paramref name="pointer"/>, after the checks of <c>load_list_from_range</c> (byte length, the host's element
    /// limit, alignment, bounds); traps when one fails.
    /// </summary>
    internal static ReadOnlySpan<byte> ListBytes(AbiContext cx, uint pointer, uint length, uint size)
    {
        var byteLength = (ulong)length * size;
        if (byteLength > MaxListByteLength)
        {
            throw ComponentTrapException.TooLong("list", byteLength, MaxListByteLength);
        }

        CheckListElements(cx, length);
        var memory = cx.GetMemoryUpTo(pointer + byteLength);
        AbiChecks.CheckAlignment(pointer, (int)size, "list");
        AbiChecks.CheckRange(memory.Length, pointer, byteLength, "list");
        return memory.Slice((int)pointer, (int)byteLength);
    }

    /// <summary>Lifts a list of scalars a guest passed as a pointer and element count (<c>load_list_from_range</c>).</summary>
    public static T[] LiftList<T>(AbiContext cx, uint pointer, uint length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(cx);
        var size = ScalarSize<T>();
        var byteLength = (ulong)length * size;
        if (byteLength > MaxListByteLength)
        {
            throw ComponentTrapException.TooLong("list", byteLength, MaxListByteLength);
        }

        CheckListElements(cx, length);
        var result = length == 0 ? [] : new T[length];
        LiftList(cx, pointer, result.AsSpan());
        return result;
    }

    /// <summary>
    /// Lifts <c>destination.Length</c> scalars from the guest list at <paramref name="pointer"/> into
    /// <paramref name="destination"/> without allocating. Applies the lifting rules: <c>bool</c> is any
    /// non-zero byte, NaNs are canonicalised and <c>char</c>s are validated.
    /// </summary>
    public static void LiftList<T>(AbiContext cx, uint pointer, Span<T> destination)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(cx);
        var source = ListBytes(cx, pointer, (uint)destination.Length, ScalarSize<T>());
        if (typeof(T) == typeof(bool))
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            for (var i = 0; i < source.Length; i++)
            {
                bytes[i] = source[i] != 0 ? (byte)1 : (byte)0;
            }

            return;
        }

        if (typeof(T) == typeof(Rune))
        {
            var codePoints = MemoryMarshal.Cast<byte, uint>(source);
            var runes = MemoryMarshal.Cast<T, Rune>(destination);
            for (var i = 0; i < codePoints.Length; i++)
            {
                runes[i] = AbiMemory.ToChar(codePoints[i]);
            }

            return;
        }

        source.CopyTo(MemoryMarshal.AsBytes(destination));
        if (typeof(T) == typeof(float))
        {
            foreach (ref var bits in MemoryMarshal.Cast<T, uint>(destination))
            {
                if (AbiFloats.IsNanBits(bits))
                {
                    bits = CanonicalF32NanBits;
                }
            }
        }
        else if (typeof(T) == typeof(double))
        {
            foreach (ref var bits in MemoryMarshal.Cast<T, ulong>(destination))
            {
                if (AbiFloats.IsNanBits(bits))
                {
                    bits = CanonicalF64NanBits;
                }
            }
        }
    }

    private static uint ScalarSize<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(bool) || typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte))
        {
            return 1;
        }

        if (typeof(T) == typeof(short) || typeof(T) == typeof(ushort))
        {
            return 2;
        }

        if (typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(float) || typeof(T) == typeof(Rune))
        {
            return 4;
        }

        if (typeof(T) == typeof(long) || typeof(T) == typeof(ulong) || typeof(T) == typeof(double))
        {
            return 8;
        }

        throw new NotSupportedException($"{typeof(T)} is not a canonical ABI scalar; use bool, the sized integer types, float, double or Rune.");
    }
}
