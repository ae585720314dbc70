using Xunit;

namespace WitBindgen.Runtime.Tests;

public class WatTextTests
{
    [Fact]
    public void Converts_component_text_to_a_component_binary()
    {
        var bytes = WatText.ToBinary("(component (core module $m (func (export \"f\"))))");
        // Magic, then the component-model version 0x0d and layer 1.
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 }, bytes[..8]);
    }

    [Fact]
    public void Converts_core_module_text_to_a_module_binary()
    {
        var bytes = WatText.ToBinary("(module)");
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 }, bytes);
    }
}
