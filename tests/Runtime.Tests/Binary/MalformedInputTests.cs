using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class MalformedInputTests
{
    [Fact]
    public void Reports_an_invalid_section_id_with_its_offset()
    {
        var e = ReadFails([.. Preamble, 0x33, 0x00]);
        Assert.Equal("invalid section id 0x33 at offset 0x8", e.Message);
        Assert.Equal(8, e.Offset);
    }

    [Fact]
    public void Reports_a_section_longer_than_the_component()
    {
        var e = ReadFails([.. Preamble, 0x07, 0x0a, 0x01, 0x7f]);
        Assert.Equal("section of 10 bytes extends past the end of the component at offset 0xa", e.Message);
    }

    [Fact]
    public void Reports_the_end_of_a_section_in_the_middle_of_a_definition()
    {
        // One type: a record whose field count is missing.
        var e = ReadFails(Build((7, [0x01, 0x72])));
        Assert.Equal("unexpected end of section at offset 0xc", e.Message);
        Assert.Equal(12, e.Offset);
    }

    [Fact]
    public void Reports_bytes_left_over_in_a_section()
    {
        var e = ReadFails(Build((7, [0x01, 0x7f, 0x7f, 0x7f])));
        Assert.Equal("2 unread bytes at the end of the section", e.Reason);
        Assert.Equal(12, e.Offset);
    }

    [Fact]
    public void Reports_invalid_leb128()
    {
        var e = ReadFails(Build((7, [0x80, 0x80, 0x80, 0x80, 0x80, 0x01])));
        Assert.Equal("invalid LEB128: u32 is longer than 5 bytes at offset 0xa", e.Message);
        Assert.Equal("invalid LEB128: u32 out of range", ReadFails([.. Preamble, 0x07, 0xff, 0xff, 0xff, 0xff, 0x7f]).Reason);
    }

    [Fact]
    public void Reports_invalid_utf8_in_names()
    {
        // import with the name "\xff" of type func 0.
        var e = ReadFails(Build(Section(10, [0x00, 0x01, 0xff, 0x01, 0x00])));
        Assert.Equal("invalid UTF-8 in string at offset 0xd", e.Message); // the offset of the string bytes
    }

    [Theory]
    [InlineData(new byte[] { 0x60 }, "invalid type opcode 0x60")]
    [InlineData(new byte[] { 0x72, 0x01, 0x01, 0x61, 0x60 }, "invalid value type 0x60")]
    [InlineData(new byte[] { 0x71, 0x01, 0x01, 0x61, 0x00, 0x01 }, "invalid variant case terminator 0x01 (refinements are not supported)")]
    [InlineData(new byte[] { 0x40, 0x00, 0x02 }, "invalid result list 0x02")]
    [InlineData(new byte[] { 0x40, 0x00, 0x01, 0x01 }, "invalid result list: named results (count 1) are not supported")]
    [InlineData(new byte[] { 0x6b, 0x7f, 0x00 }, "1 unread bytes at the end of the section")]
    [InlineData(new byte[] { 0x6a, 0x02 }, "invalid optional result type flag 0x02")]
    [InlineData(new byte[] { 0x3f, 0x7f, 0x05 }, "invalid optional destructor flag 0x05")]
    [InlineData(new byte[] { 0x3f, 0x40 }, "invalid core value type 0x40")]
    [InlineData(new byte[] { 0x42, 0x01, 0x03 }, "invalid instance type declaration 0x03")]
    [InlineData(new byte[] { 0x41, 0x01, 0x05 }, "invalid component type declaration 0x05")]
    public void Reports_malformed_types(byte[] type, string reason)
    {
        var e = ReadFails(Build(Section(7, type)));
        Assert.Equal(reason, e.Reason);
        Assert.InRange(e.Offset, 11, 11 + type.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, "invalid core type opcode 0x61")]
    [InlineData(new byte[] { 0x00, 0x60 }, "invalid core type: 0x00 must be followed by 0x50, not 0x60")]
    [InlineData(new byte[] { 0x60, 0x01, 0x63, 0x40 }, "invalid heap type 0x40")]
    [InlineData(new byte[] { 0x50, 0x01, 0x02, 0x10, 0x00, 0x00, 0x00 }, "invalid core alias declaration 0x10 0x00 (only outer type aliases are allowed)")]
    [InlineData(new byte[] { 0x50, 0x01, 0x03, 0x01, 0x61, 0x02, 0x10, 0x00 }, "invalid limits flags 0x10")]
    [InlineData(new byte[] { 0x50, 0x01, 0x03, 0x01, 0x61, 0x05 }, "invalid core extern type 0x05")]
    [InlineData(new byte[] { 0x50, 0x01, 0x07 }, "invalid module type declaration 0x07")]
    public void Reports_malformed_core_types(byte[] type, string reason)
    {
        var e = ReadFails(Build(Section(3, type)));
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData(2, new byte[] { 0x02 }, "invalid core instance kind 0x02")]
    [InlineData(2, new byte[] { 0x00, 0x00, 0x01, 0x01, 0x61, 0x13, 0x00 }, "invalid leading byte (0x13) for instantiation arg kind: a core instantiation argument must be a core instance (0x12)")]
    [InlineData(5, new byte[] { 0x02 }, "invalid instance kind 0x02")]
    [InlineData(5, new byte[] { 0x00, 0x00, 0x01, 0x01, 0x61, 0x06, 0x00 }, "invalid sort 0x06")]
    [InlineData(6, new byte[] { 0x01, 0x03, 0x00 }, "invalid alias target 0x03")]
    [InlineData(11, new byte[] { 0x00, 0x01, 0x61, 0x01, 0x00, 0x02 }, "invalid optional export type flag 0x02")]
    public void Reports_malformed_definitions(byte id, byte[] element, string reason)
    {
        var e = ReadFails(Build(Section(id, element)));
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Reports_errors_inside_nested_components_at_their_absolute_offset()
    {
        var inner = Build((0x33, []));
        var e = ReadFails(Build((4, inner)));
        Assert.Equal("invalid section id 0x33", e.Reason);
        Assert.Equal(10 + 8, e.Offset);
    }

    [Theory]
    [InlineData(new byte[] { 0x72, 0x00 }, "a record type must have at least one field")]
    [InlineData(new byte[] { 0x71, 0x00 }, "a variant type must have at least one case")]
    [InlineData(new byte[] { 0x6f, 0x00 }, "a tuple type must have at least one element")]
    [InlineData(new byte[] { 0x6d, 0x00 }, "an enum type must have at least one case")]
    [InlineData(new byte[] { 0x6e, 0x00 }, "a flags type must have between 1 and 32 flags, not 0")]
    [InlineData(new byte[] { 0x67, 0x7f, 0x00 }, "a fixed-length list type must have a length greater than zero")]
    public void Rejects_defined_types_that_break_the_binary_formats_side_conditions(byte[] type, string reason)
    {
        // Binary.md: records, variants, tuples and enums are non-empty, flags have 1 to 32 labels,
        // fixed-length lists a positive length.
        var e = ReadFails(Build((7, [0x01, .. type])));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(11, e.Offset); // the defined type's opcode, after the preamble, section header and count
    }

    [Fact]
    public void Accepts_32_flags_and_rejects_33()
    {
        byte[] Flags(int n) => Concat([0x01, 0x6e], U32(n), Concat(Enumerable.Range(0, n).Select(i => Name("f" + i)).ToArray()));
        var definition = ComponentReader.Read(Build((7, Flags(32))));
        Assert.NotNull(definition);
        Assert.Equal("a flags type must have between 1 and 32 flags, not 33", ReadFails(Build((7, Flags(33)))).Reason);
    }
}
