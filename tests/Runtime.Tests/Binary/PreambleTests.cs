using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class PreambleTests
{
    [Fact]
    public void Reads_an_empty_component()
    {
        var component = ComponentReader.Read(Preamble);
        Assert.Empty(component.Items);
        Assert.Empty(component.CustomSections);
        Assert.Null(component.Parent);
        Assert.Equal(0, component.Offset);
        Assert.Equal(8, component.Bytes.Length);
        foreach (var sort in Enum.GetValues<Sort>())
        {
            Assert.Empty(component.IndexSpaces[sort]);
        }
    }

    [Fact]
    public void Empty_component_text_reads_to_no_items()
    {
        var component = Read("(component)");
        Assert.Empty(component.Items);
    }

    [Fact]
    public void Rejects_a_core_module()
    {
        var e = ReadFails(WatText.ToBinary("(module)"));
        Assert.Contains("core WebAssembly module, not a component", e.Message);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void Rejects_a_bad_magic_number()
    {
        var e = ReadFails([0x00, 0x61, 0x73, 0x6e, 0x0d, 0x00, 0x01, 0x00]);
        Assert.Equal("invalid magic number: not a WebAssembly binary at offset 0x0", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Rejects_another_version()
    {
        var e = ReadFails([0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00]);
        Assert.Contains("unsupported component binary version 0x0e00", e.Message);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void Rejects_another_layer()
    {
        var e = ReadFails([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00]);
        Assert.Contains("invalid layer", e.Message);
        Assert.Equal(6, e.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void Rejects_a_short_preamble(int length)
    {
        var e = ReadFails(Preamble[..length]);
        Assert.Contains("unexpected end of component preamble", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Recognizes_components_by_their_preamble()
    {
        Assert.True(ComponentReader.IsComponent(WatText.ToBinary("(component)")));
        Assert.False(ComponentReader.IsComponent(WatText.ToBinary("(module)")));
        Assert.False(ComponentReader.IsComponent(Preamble[..4]));
    }

    [Fact]
    public void Reads_from_a_slice_of_a_larger_buffer()
    {
        var bytes = WatText.ToBinary("(component (core module (func (export \"f\"))))");
        var buffer = new byte[bytes.Length + 20];
        bytes.CopyTo(buffer, 10);
        var component = ComponentReader.Read(buffer.AsMemory(10, bytes.Length));
        var module = Assert.IsType<CoreModuleItem>(Assert.Single(component.Items));
        // Offsets are positions in the memory that was read, not in the underlying array.
        Assert.True(module.Bytes.Span.SequenceEqual(bytes.AsSpan(module.Offset, module.Bytes.Length)));
    }
}
