using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary><see cref="WatText"/>: wasmtime_wat2wasm called directly.</summary>
public class WatTextTests
{
    [Fact]
    public void Component_text_becomes_a_component_binary()
    {
        var bytes = WatText.ToBinary("(component (core module $m (func (export \"f\"))))");

        // Magic, then the component encoding's version 0x0d and layer 1.
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 }, bytes[..8]);
        Assert.True(bytes.Length > 8);
    }

    [Fact]
    public void Core_module_text_becomes_a_core_binary()
    {
        var bytes = WatText.ToBinary("(module)");
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 }, bytes);
    }

    [Fact]
    public void Malformed_text_is_a_FormatException_with_the_parsers_location()
    {
        var e = Assert.Throws<FormatException>(() => WatText.ToBinary("(component\n  (func $f (param \"x\" nosuchtype)))"));
        Assert.Contains("2:", e.Message);
    }
}
