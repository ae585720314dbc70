using System.Runtime.InteropServices;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>The built-in element codecs: numbers copied in bulk, and dynamic <see cref="WitValue"/>s of any type.</summary>
public static class WitCodecs
{
    /// <summary><c>u8</c> elements as bytes: one memory copy per read or write.</summary>
    public static WitCodec<byte> Bytes { get; } = new NumberCodec<byte>(AbiType.U8);

    /// <summary><c>s8</c> elements.</summary>
    public static WitCodec<sbyte> SBytes { get; } = new NumberCodec<sbyte>(AbiType.S8);

    /// <summary><c>u16</c> elements.</summary>
    public static WitCodec<ushort> UInt16 { get; } = new NumberCodec<ushort>(AbiType.U16);

    /// <summary><c>s16</c> elements.</summary>
    public static WitCodec<short> Int16 { get; } = new NumberCodec<short>(AbiType.S16);

    /// <summary><c>u32</c> elements.</summary>
    public static WitCodec<uint> UInt32 { get; } = new NumberCodec<uint>(AbiType.U32);

    /// <summary><c>s32</c> elements.</summary>
    public static WitCodec<int> Int32 { get; } = new NumberCodec<int>(AbiType.S32);

    /// <summary><c>u64</c> elements.</summary>
    public static WitCodec<ulong> UInt64 { get; } = new NumberCodec<ulong>(AbiType.U64);

    /// <summary><c>s64</c> elements.</summary>
    public static WitCodec<long> Int64 { get; } = new NumberCodec<long>(AbiType.S64);

    /// <summary>Elements of any type as dynamic values (lifted and lowered one by one with <see cref="CanonicalAbi"/>).</summary>
    /// <param name="type">The element type.</param>
    public static WitCodec<WitValue> Dynamic(AbiType type) => new DynamicCodec(type);

    /// <summary>Fixed-size little-endian numbers: a span copy in each direction.</summary>
    private sealed class NumberCodec<T>(AbiType type) : WitCodec<T>(type)
        where T : unmanaged
    {
        public override T Load(AbiContext context, uint pointer) => MemoryMarshal.Read<T>(context.GetMemory()[(int)pointer..]);

        public override void Store(AbiContext context, T value, uint pointer) => MemoryMarshal.Write(context.GetMemory()[(int)pointer..], in value);

        public override void LoadMany(AbiContext context, uint pointer, Span<T> destination) =>
            MemoryMarshal.Cast<byte, T>(context.GetMemory().Slice((int)pointer, destination.Length * Type.Size)).CopyTo(destination);

        public override void StoreMany(AbiContext context, ReadOnlySpan<T> values, uint pointer) =>
            MemoryMarshal.AsBytes(values).CopyTo(context.GetMemory()[(int)pointer..]);
    }

    private sealed class DynamicCodec(AbiType type) : WitCodec<WitValue>(type)
    {
        public override WitValue Load(AbiContext context, uint pointer) => CanonicalAbi.Load(context, Type, pointer);

        public override void Store(AbiContext context, WitValue value, uint pointer) => CanonicalAbi.Store(context, Type, value, pointer);
    }
}
