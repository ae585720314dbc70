using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The checks, allocation and scalar lifting that generated lifting and lowering code calls (the string and list
/// primitives are <see cref="CanonicalAbi"/>'s). For generated code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AbiHelpers
{
    /// <summary>Calls the guest's <c>realloc(0, 0, alignment, size)</c> and traps unless the block is aligned and inside memory.</summary>
    /// <param name="cx">The context holding the <c>realloc</c> option.</param>
    /// <param name="alignment">The block's alignment, a power of two.</param>
    /// <param name="size">The block's byte size.</param>
    /// <returns>The guest address of the block.</returns>
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
    public static int CheckList(AbiContext cx, uint pointer, uint length, uint elementSize, int alignment)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var byteLength = (ulong)length * elementSize;
        if (byteLength > CanonicalAbi.MaxListByteLength)
        {
            throw ComponentTrapException.TooLong("list", byteLength, CanonicalAbi.MaxListByteLength);
        }

        CanonicalAbi.CheckListElements(cx, length);
        AbiChecks.CheckAlignment(pointer, alignment, "list");
        AbiChecks.CheckRange(cx.GetMemoryUpTo(pointer + byteLength).Length, pointer, byteLength, "list");
        return (int)length;
    }

    /// <summary>
    /// Checks a region of guest memory a value is loaded from or stored to (a spilled parameter or result tuple, a
    /// return area): traps unless <paramref name="pointer"/> is aligned and the region is inside memory.
    /// </summary>
    /// <returns><paramref name="pointer"/>, checked.</returns>
    public static uint CheckRegion(AbiContext cx, uint pointer, uint size, int alignment, string what)
    {
        ArgumentNullException.ThrowIfNull(cx);
        AbiChecks.CheckAlignment(pointer, alignment, what);
        AbiChecks.CheckRange(cx.GetMemoryUpTo((ulong)pointer + size).Length, pointer, size, what);
        return pointer;
    }

    /// <summary>The trap for a discriminant that names no case of <paramref name="type"/>.</summary>
    /// <param name="type">The WIT type, for the message (<c>variant 'shape'</c>, <c>option</c>).</param>
    /// <param name="discriminant">The value the guest passed.</param>
    /// <returns>The exception to throw.</returns>
    public static ComponentTrapException InvalidDiscriminant(string type, uint discriminant) =>
        new(ComponentTrapKind.InvalidDiscriminant, $"invalid discriminant {discriminant} for {type}");

    /// <summary>Checks that a C# enum value names one of the <paramref name="cases"/> cases of <paramref name="type"/> before it is lowered.</summary>
    /// <param name="value">The value's case number.</param>
    /// <param name="cases">The enum's number of cases.</param>
    /// <param name="type">The WIT type, for the message (<c>enum 'color'</c>).</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value names no case.</exception>
    public static uint EnumCase(uint value, uint cases, string type) =>
        value < cases ? value : throw new ArgumentOutOfRangeException(null, $"{value} is not a case of {type}");

    /// <summary>Checks that a discriminant the guest passed names one of the <paramref name="cases"/> cases of <paramref name="type"/>.</summary>
    /// <param name="discriminant">The discriminant.</param>
    /// <param name="cases">The enum's number of cases.</param>
    /// <param name="type">The WIT type, for the message (<c>enum 'color'</c>).</param>
    /// <returns><paramref name="discriminant"/>.</returns>
    /// <exception cref="ComponentTrapException">The discriminant names no case (<see cref="ComponentTrapKind.InvalidDiscriminant"/>).</exception>
    public static uint EnumDiscriminant(uint discriminant, uint cases, string type) =>
        discriminant < cases ? discriminant : throw InvalidDiscriminant(type, discriminant);

    /// <summary>Lifts a <c>char</c> from its code point, trapping on a surrogate or a value above U+10FFFF.</summary>
    public static System.Text.Rune LiftChar(uint codePoint) => AbiMemory.ToChar(codePoint);

    /// <summary>Lifts an <c>f32</c>, replacing any NaN by the canonical NaN.</summary>
    public static float LiftF32(float value) => AbiFloats.Canonicalize(value);

    /// <summary>Lifts an <c>f64</c>, replacing any NaN by the canonical NaN.</summary>
    public static double LiftF64(double value) => AbiFloats.Canonicalize(value);

    /// <summary>
    /// Throws <see cref="ArgumentNullException"/> when a value the host passes to a component (or returns to it from an
    /// import) is null where the WIT type has no null: generated bindings check every string, list, map, variant and
    /// resource they lower, <paramref name="what"/> naming the WIT item (<c>field 'name' of record 'person'</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="what">The WIT item, for the message "… must not be null".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static void ThrowIfNull([NotNull] object? value, string what)
    {
        if (value is null)
        {
            ThrowNull(what, null);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentNullException"/> when the argument <paramref name="parameter"/> of a generated method is
    /// null where its WIT type has no null; <paramref name="what"/> names the WIT parameter and function
    /// (<c>parameter 'name' of function 'greet'</c>).
    /// </summary>
    /// <param name="value">The argument.</param>
    /// <param name="what">The WIT parameter and function, for the message "… must not be null".</param>
    /// <param name="parameter">The C# parameter (<see cref="ArgumentException.ParamName"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static void ThrowIfNull([NotNull] object? value, string what, string parameter)
    {
        if (value is null)
        {
            ThrowNull(what, parameter);
        }
    }

    /// <summary>
    /// The exception for a host implementation of an imported function that returned null where the WIT result type
    /// has none: <paramref name="function"/> names the function and its interface
    /// (<c>function 'greet' of interface 'my:pkg/host'</c>).
    /// </summary>
    /// <param name="function">The WIT function, for the message.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException NullResult(string function) =>
        new($"the host implementation of {function} returned null, which its WIT result type does not allow");

    [DoesNotReturn]
    private static void ThrowNull(string what, string? parameter) => throw new ArgumentNullException(parameter, what + " must not be null");

    /// <summary>Lowers a string or list's (pointer, length) pair into two slots.</summary>
    /// <param name="slice">The lowered string or list.</param>
    /// <param name="slots">The core value slots.</param>
    /// <param name="index">The next slot; advanced by two.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LowerSlice(GuestSlice slice, Span<RawValue> slots, ref int index)
    {
        slots[index++] = RawValue.FromU32(slice.Pointer);
        slots[index++] = RawValue.FromU32(slice.Length);
    }

    /// <summary>Stores a string or list's (pointer, length) pair at a guest address.</summary>
    /// <param name="cx">The context holding the memory.</param>
    /// <param name="pointer">The guest address of the pair.</param>
    /// <param name="slice">The lowered string or list.</param>
    public static void StoreSlice(AbiContext cx, uint pointer, GuestSlice slice)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var memory = cx.GetMemoryUpTo((ulong)pointer + 8);
        AbiMemory.WriteU32(memory, pointer, slice.Pointer);
        AbiMemory.WriteU32(memory, pointer + 4, slice.Length);
    }

    /// <summary>Loads a string or list's (pointer, length) pair from a guest address.</summary>
    /// <param name="cx">The context holding the memory.</param>
    /// <param name="pointer">The guest address of the pair.</param>
    /// <returns>The pair, not yet checked against memory.</returns>
    public static GuestSlice LoadSlice(AbiContext cx, uint pointer)
    {
        ArgumentNullException.ThrowIfNull(cx);
        var memory = cx.GetMemoryUpTo((ulong)pointer + 8);
        return new GuestSlice(AbiMemory.ReadU32(memory, pointer), AbiMemory.ReadU32(memory, pointer + 4));
    }

    /// <summary>
    /// Zeroes the slots a variant's case left unused, up to <paramref name="end"/> (the variant's flat length after
    /// its start): every case lowers to the same number of core values.
    /// </summary>
    /// <param name="slots">The core value slots.</param>
    /// <param name="index">The next slot; advanced to <paramref name="end"/>.</param>
    /// <param name="end">The slot after the variant.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pad(Span<RawValue> slots, ref int index, int end)
    {
        while (index < end)
        {
            slots[index++] = default;
        }
    }
}
