using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Abi;

public class RawValueTests
{
    [Fact]
    public void Is_sixteen_bytes_like_wasmtime_val_raw_t()
    {
        Assert.Equal(16, Unsafe.SizeOf<RawValue>());
        Assert.Equal(16, Marshal.SizeOf<RawValue>());
        var two = new RawValue[2];
        Assert.Equal(32, MemoryMarshal.AsBytes(two.AsSpan()).Length);
    }

    [Fact]
    public void Every_kind_is_stored_little_endian_at_offset_zero()
    {
        Assert.Equal(new byte[] { 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0 }, BytesOf(RawValue.FromI32(0x12345678))[..8]);
        Assert.Equal(BitConverter.GetBytes(0x0102030405060708L), BytesOf(RawValue.FromI64(0x0102030405060708))[..8]);
        Assert.Equal(BitConverter.GetBytes(1.5f), BytesOf(RawValue.FromF32(1.5f))[..4]);
        Assert.Equal(BitConverter.GetBytes(-2.25), BytesOf(RawValue.FromF64(-2.25))[..8]);
        Assert.All(BytesOf(RawValue.FromF64(-2.25))[8..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Setting_a_32_bit_value_zero_extends_and_reads_wrap()
    {
        var slot = RawValue.FromI64(-1);
        slot.I32 = -1;
        Assert.Equal(0xFFFF_FFFFL, slot.I64);
        slot.F32 = -0.0f;
        Assert.Equal(0x8000_0000L, slot.I64);

        var wide = RawValue.FromU64(0xAAAA_BBBB_CCCC_DDDD);
        Assert.Equal(0xCCCC_DDDDu, wide.U32);
    }

    [Fact]
    public void Accessors_round_trip()
    {
        Assert.Equal(-7, RawValue.FromI32(-7).I32);
        Assert.Equal(uint.MaxValue, RawValue.FromU32(uint.MaxValue).U32);
        Assert.Equal(long.MinValue, RawValue.FromI64(long.MinValue).I64);
        Assert.Equal(ulong.MaxValue, RawValue.FromU64(ulong.MaxValue).U64);
        Assert.Equal(3.5f, RawValue.FromF32(3.5f).F32);
        Assert.Equal(Math.E, RawValue.FromF64(Math.E).F64);
        Assert.Equal(RawValue.FromI32(5), RawValue.FromU64(5));
        Assert.NotEqual(RawValue.FromI32(5), RawValue.FromI32(6));
    }

    private static byte[] BytesOf(RawValue value) => MemoryMarshal.AsBytes(new[] { value }.AsSpan()).ToArray();
}
