using WitBindgen.Runtime.Abi;
using System.ComponentModel;
using WitBindgen.Runtime;
using System.Buffers.Binary;
using System.Text;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// Bounds-checked reads and writes of scalars at guest addresses, for generated code and the generic algorithms.
/// Each access traps with <see cref="ComponentTrapException"/> when it would reach outside the span; reads apply
/// the canonical ABI's lifting rules (<c>bool</c> is any non-zero byte, NaNs are canonicalised, <c>char</c> is
/// validated). Pass the span freshly obtained from <see cref="AbiContext.GetMemory"/>: memory may move after any
/// <c>realloc</c> call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AbiMemory
{
    /// <summary>Traps unless <paramref name="pointer"/> is aligned and <c>[pointer, pointer + size)</c> is inside <paramref name="memory"/>.</summary>
    /// <param name="memory">The guest memory.</param>
    /// <param name="pointer">The guest address.</param>
    /// <param name="size">The byte size of the region.</param>
    /// <param name="alignment">The required alignment, a power of two.</param>
    /// <param name="what">What the pointer addresses, for the trap message.</param>
    public static void CheckRegion(ReadOnlySpan<byte> memory, uint pointer, uint size, int alignment, string what = "value")
    {
        AbiChecks.CheckAlignment(pointer, alignment, what);
        AbiChecks.CheckRange(memory.Length, pointer, size, what);
    }

    /// <summary>Reads a <c>bool</c>: any non-zero byte is true.</summary>
    public static bool ReadBool(ReadOnlySpan<byte> memory, uint pointer) => At(memory, pointer, 1)[0] != 0;

    /// <summary>Reads an <c>s8</c>.</summary>
    public static sbyte ReadS8(ReadOnlySpan<byte> memory, uint pointer) => (sbyte)At(memory, pointer, 1)[0];

    /// <summary>Reads a <c>u8</c>.</summary>
    public static byte ReadU8(ReadOnlySpan<byte> memory, uint pointer) => At(memory, pointer, 1)[0];

    /// <summary>Reads an <c>s16</c>.</summary>
    public static short ReadS16(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadInt16LittleEndian(At(memory, pointer, 2));

    /// <summary>Reads a <c>u16</c>.</summary>
    public static ushort ReadU16(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadUInt16LittleEndian(At(memory, pointer, 2));

    /// <summary>Reads an <c>s32</c>.</summary>
    public static int ReadS32(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadInt32LittleEndian(At(memory, pointer, 4));

    /// <summary>Reads a <c>u32</c>.</summary>
    public static uint ReadU32(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadUInt32LittleEndian(At(memory, pointer, 4));

    /// <summary>Reads an <c>s64</c>.</summary>
    public static long ReadS64(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadInt64LittleEndian(At(memory, pointer, 8));

    /// <summary>Reads a <c>u64</c>.</summary>
    public static ulong ReadU64(ReadOnlySpan<byte> memory, uint pointer) => BinaryPrimitives.ReadUInt64LittleEndian(At(memory, pointer, 8));

    /// <summary>Reads an <c>f32</c>, canonicalising NaNs.</summary>
    public static float ReadF32(ReadOnlySpan<byte> memory, uint pointer) =>
        AbiFloats.Canonicalize(BinaryPrimitives.ReadSingleLittleEndian(At(memory, pointer, 4)));

    /// <summary>Reads an <c>f64</c>, canonicalising NaNs.</summary>
    public static double ReadF64(ReadOnlySpan<byte> memory, uint pointer) =>
        AbiFloats.Canonicalize(BinaryPrimitives.ReadDoubleLittleEndian(At(memory, pointer, 8)));

    /// <summary>Reads a <c>char</c>, trapping unless it is a Unicode scalar value.</summary>
    public static Rune ReadChar(ReadOnlySpan<byte> memory, uint pointer) => ToChar(ReadU32(memory, pointer));

    /// <summary>Writes a <c>bool</c> as 0 or 1.</summary>
    public static void WriteBool(Span<byte> memory, uint pointer, bool value) => At(memory, pointer, 1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>Writes an <c>s8</c>.</summary>
    public static void WriteS8(Span<byte> memory, uint pointer, sbyte value) => At(memory, pointer, 1)[0] = (byte)value;

    /// <summary>Writes a <c>u8</c>.</summary>
    public static void WriteU8(Span<byte> memory, uint pointer, byte value) => At(memory, pointer, 1)[0] = value;

    /// <summary>Writes an <c>s16</c>.</summary>
    public static void WriteS16(Span<byte> memory, uint pointer, short value) => BinaryPrimitives.WriteInt16LittleEndian(At(memory, pointer, 2), value);

    /// <summary>Writes a <c>u16</c>.</summary>
    public static void WriteU16(Span<byte> memory, uint pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(At(memory, pointer, 2), value);

    /// <summary>Writes an <c>s32</c>.</summary>
    public static void WriteS32(Span<byte> memory, uint pointer, int value) => BinaryPrimitives.WriteInt32LittleEndian(At(memory, pointer, 4), value);

    /// <summary>Writes a <c>u32</c>.</summary>
    public static void WriteU32(Span<byte> memory, uint pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(At(memory, pointer, 4), value);

    /// <summary>Writes an <c>s64</c>.</summary>
    public static void WriteS64(Span<byte> memory, uint pointer, long value) => BinaryPrimitives.WriteInt64LittleEndian(At(memory, pointer, 8), value);

    /// <summary>Writes a <c>u64</c>.</summary>
    public static void WriteU64(Span<byte> memory, uint pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(At(memory, pointer, 8), value);

    /// <summary>Writes an <c>f32</c> (NaN bits are kept as they are).</summary>
    public static void WriteF32(Span<byte> memory, uint pointer, float value) => BinaryPrimitives.WriteSingleLittleEndian(At(memory, pointer, 4), value);

    /// <summary>Writes an <c>f64</c> (NaN bits are kept as they are).</summary>
    public static void WriteF64(Span<byte> memory, uint pointer, double value) => BinaryPrimitives.WriteDoubleLittleEndian(At(memory, pointer, 8), value);

    /// <summary>Writes a <c>char</c>.</summary>
    public static void WriteChar(Span<byte> memory, uint pointer, Rune value) => WriteU32(memory, pointer, (uint)value.Value);

    /// <summary>Converts a core <c>i32</c> to a <c>char</c>, trapping unless it is a Unicode scalar value (<c>convert_i32_to_char</c>).</summary>
    public static Rune ToChar(uint value) =>
        Rune.IsValid(value) ? new Rune(value) : throw ComponentTrapException.InvalidChar(value);

    private static ReadOnlySpan<byte> At(ReadOnlySpan<byte> memory, uint pointer, int size)
    {
        AbiChecks.CheckRange(memory.Length, pointer, (ulong)size, "value");
        return memory.Slice((int)pointer, size);
    }

    private static Span<byte> At(Span<byte> memory, uint pointer, int size)
    {
        AbiChecks.CheckRange(memory.Length, pointer, (ulong)size, "value");
        return memory.Slice((int)pointer, size);
    }
}
