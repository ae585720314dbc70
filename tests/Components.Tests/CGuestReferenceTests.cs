// The C guests (tests/components/guests/c) on Wasmtime:
// * basic-c.component.wasm (world test:guests/basic): every `values` export (ValuesReferenceTests)
//   and the host import called back;
// * plugin-c.component.wasm (world test:plugins/plugin-world): name = "c-reverse",
//   run = ok(input with its Unicode scalar values reversed) / err("empty input").
using Xunit;

namespace WitBindgen.Components.Tests;

/// <summary>Reference tests of the C `basic` guest and the C plugin.</summary>
public sealed class CGuestReferenceTests : ValuesReferenceTests
{
    /// <inheritdoc />
    protected override string ComponentFile => "basic-c.component.wasm";

    [Fact]
    public void Plugin_Name()
    {
        using var p = PluginTests.Open("plugin-c.component.wasm");
        Assert.Equal("c-reverse", p.Name());
    }

    [Theory]
    [InlineData("abc", true, "cba")]
    [InlineData("a", true, "a")]
    [InlineData("añ😀b", true, "b😀ña")]
    [InlineData("e\u0301", true, "\u0301e")] // scalars, not grapheme clusters
    [InlineData("日本語", true, "語本日")]
    [InlineData("", false, "empty input")]
    public void Plugin_Run(string input, bool ok, string expected)
    {
        using var p = PluginTests.Open("plugin-c.component.wasm");
        Assert.Equal((ok, expected), p.Run(input));
    }

    [Fact]
    public void Plugin_Run_LargeInput_ManyCalls()
    {
        using var p = PluginTests.Open("plugin-c.component.wasm");
        for (int i = 0; i < 10; i++)
        {
            var s = Mixed(300_000 + i);
            Assert.Equal((true, ReverseScalars(s)), p.Run(s));
            Assert.Equal((false, "empty input"), p.Run(""));
        }
        Assert.Equal("c-reverse", p.Name());
    }
}
