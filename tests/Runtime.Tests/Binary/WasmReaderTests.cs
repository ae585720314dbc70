using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Binary;

public class WasmReaderTests
{
    private static WasmReader Over(params byte[] bytes) => new(bytes, 0, bytes.Length, "section");

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7f }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0xe5, 0x8e, 0x26 }, 624485u)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x00 }, 0u)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f }, uint.MaxValue)]
    public void Reads_u32(byte[] bytes, uint expected)
    {
        var r = Over(bytes);
        Assert.Equal(expected, r.ReadU32());
        Assert.True(r.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x1f }, "invalid LEB128: u32 out of range")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "invalid LEB128: u32 is longer than 5 bytes")]
    [InlineData(new byte[] { 0x80, 0x80 }, "invalid LEB128: unexpected end of section")]
    [InlineData(new byte[] { }, "unexpected end of section")]
    public void Rejects_bad_u32(byte[] bytes, string reason)
    {
        var e = Assert.Throws<ComponentFormatException>(() => Over(bytes).ReadU32());
        Assert.Equal(reason, e.Reason);
        Assert.Equal(0, e.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, ulong.MaxValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, 1UL << 32)]
    public void Reads_u64(byte[] bytes, ulong expected) => Assert.Equal(expected, Over(bytes).ReadU64());

    [Fact]
    public void Rejects_u64_out_of_range() =>
        Assert.Equal("invalid LEB128: u64 out of range", Assert.Throws<ComponentFormatException>(
            () => Over(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).ReadU64()).Reason);

    [Theory]
    [InlineData(new byte[] { 0x7f }, 33, -1L)]
    [InlineData(new byte[] { 0x3f }, 33, 63L)]
    [InlineData(new byte[] { 0xc0, 0x00 }, 33, 64L)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f }, 33, 0xffffffffL)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, 33, -(1L << 32))]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x07 }, 32, int.MaxValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, 32, int.MinValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f }, 64, long.MinValue)]
    public void Reads_signed(byte[] bytes, int bits, long expected) => Assert.Equal(expected, Over(bytes).ReadSigned(bits));

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x4f }, 33)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x17 }, 32)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 }, 32)]
    public void Rejects_signed_out_of_range(byte[] bytes, int bits)
    {
        var e = Assert.Throws<ComponentFormatException>(() => Over(bytes).ReadSigned(bits));
        Assert.StartsWith("invalid LEB128", e.Reason);
    }

    [Fact]
    public void Reads_utf8_names_and_rejects_invalid_utf8()
    {
        Assert.Equal("héllo", Over(0x06, 0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f).ReadName());
        var e = Assert.Throws<ComponentFormatException>(() => Over(0x02, 0xc3, 0x28).ReadName());
        Assert.Equal("invalid UTF-8 in string", e.Reason);
        Assert.Equal(1, e.Offset);
        Assert.Equal("string of 5 bytes extends past the end of the section",
            Assert.Throws<ComponentFormatException>(() => Over(0x05, 0x61).ReadName()).Reason);
    }

    [Fact]
    public void Rejects_vector_counts_longer_than_the_window()
    {
        var e = Assert.Throws<ComponentFormatException>(() => Over(0xff, 0xff, 0xff, 0xff, 0x0f, 0x00).ReadCount());
        Assert.Equal("vector of 4294967295 elements is longer than the section (1 bytes left)", e.Reason);
        Assert.Equal(3, Over(0x03, 0x00, 0x00, 0x00).ReadCount());
    }

    [Fact]
    public void Sub_readers_are_bounded_and_keep_absolute_offsets()
    {
        var r = new WasmReader(new byte[] { 0xaa, 0x02, 0x01, 0x02, 0x03 }, 1, 5, "component");
        var sub = r.ReadSubReader("section");
        Assert.Equal(2, sub.Position);
        Assert.Equal(4, r.Position);
        sub.ReadByte();
        sub.ReadByte();
        var e = Assert.Throws<ComponentFormatException>(() => sub.ReadByte());
        Assert.Equal("unexpected end of section at offset 0x4", e.Message);
    }
}
