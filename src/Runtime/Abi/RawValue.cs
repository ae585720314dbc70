using System.Globalization;
using System.Runtime.InteropServices;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// One flat core value slot, layout-compatible with Wasmtime's C <c>wasmtime_val_raw_t</c>: a 16-byte union with
/// <c>i32</c>, <c>i64</c>, <c>f32</c> and <c>f64</c> all at offset 0 (little-endian), so a
/// <see cref="Span{T}"/> of these can be handed to the engine unchanged.
/// </summary>
/// <remarks>
/// Every setter and factory writes its value zero-extended to 64 bits. This makes the canonical ABI's variant
/// <c>join</c> coercions (an <c>i32</c> or <c>f32</c> payload passed in an <c>i64</c> slot, an <c>f32</c> in an
/// <c>i32</c> slot, an <c>f64</c> in an <c>i64</c> slot) hold by construction, and reading an <c>i32</c> from an
/// <c>i64</c> slot wraps it as the spec's <c>wrap_i64_to_i32</c> does.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct RawValue : IEquatable<RawValue>
{
    [FieldOffset(0)]
    private int _i32;

    [FieldOffset(0)]
    private long _i64;

    [FieldOffset(0)]
    private float _f32;

    [FieldOffset(0)]
    private double _f64;

    [FieldOffset(8)]
    private long _high;

    /// <summary>The value as a core <c>i32</c> (the low 32 bits). Setting zero-extends to 64 bits.</summary>
    public int I32
    {
        readonly get => _i32;
        set
        {
            _i64 = (uint)value;
            _high = 0;
        }
    }

    /// <summary>The value as an unsigned 32-bit integer (the low 32 bits). Setting zero-extends to 64 bits.</summary>
    public uint U32
    {
        readonly get => (uint)_i32;
        set => I32 = (int)value;
    }

    /// <summary>The value as a core <c>i64</c>.</summary>
    public long I64
    {
        readonly get => _i64;
        set
        {
            _i64 = value;
            _high = 0;
        }
    }

    /// <summary>The value as an unsigned 64-bit integer.</summary>
    public ulong U64
    {
        readonly get => (ulong)_i64;
        set => I64 = (long)value;
    }

    /// <summary>The value as a core <c>f32</c> (the low 32 bits). Setting zero-extends the bits to 64 bits.</summary>
    public float F32
    {
        readonly get => _f32;
        set => I32 = BitConverter.SingleToInt32Bits(value);
    }

    /// <summary>The value as a core <c>f64</c>.</summary>
    public double F64
    {
        readonly get => _f64;
        set => I64 = BitConverter.DoubleToInt64Bits(value);
    }

    /// <summary>Creates a slot holding an <c>i32</c>.</summary>
    public static RawValue FromI32(int value) => new() { I32 = value };

    /// <summary>Creates a slot holding an <c>i32</c> given as an unsigned integer.</summary>
    public static RawValue FromU32(uint value) => new() { U32 = value };

    /// <summary>Creates a slot holding an <c>i64</c>.</summary>
    public static RawValue FromI64(long value) => new() { I64 = value };

    /// <summary>Creates a slot holding an <c>i64</c> given as an unsigned integer.</summary>
    public static RawValue FromU64(ulong value) => new() { U64 = value };

    /// <summary>Creates a slot holding an <c>f32</c>.</summary>
    public static RawValue FromF32(float value) => new() { F32 = value };

    /// <summary>Creates a slot holding an <c>f64</c>.</summary>
    public static RawValue FromF64(double value) => new() { F64 = value };

    /// <summary>Compares two slots bit for bit.</summary>
    public static bool operator ==(RawValue left, RawValue right) => left.Equals(right);

    /// <summary>Compares two slots bit for bit.</summary>
    public static bool operator !=(RawValue left, RawValue right) => !left.Equals(right);

    /// <summary>Compares two slots bit for bit.</summary>
    public readonly bool Equals(RawValue other) => _i64 == other._i64 && _high == other._high;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is RawValue other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(_i64, _high);

    /// <inheritdoc/>
    public override readonly string ToString() => "0x" + _i64.ToString("x16", CultureInfo.InvariantCulture);
}
