// The Rust guests (tests/components/guests/rust) on Wasmtime:
// * full-rust.component.wasm (world test:guests/full): every `values` export (ValuesReferenceTests),
//   the host import called back, and `counters` as far as Wasmtime .NET's dynamic API reaches;
// * plugin-rust.component.wasm (world test:plugins/plugin-world): name = "rust-upper",
//   run = ok(ASCII-uppercased input) / err("empty input").
//
// Resources: Wasmtime .NET 50.0.1 cannot carry resource values through ComponentValue (an own<T>
// result is not readable, and a handle cannot be constructed to pass as own/borrow), so constructor,
// methods, static zero, merge and peek are not callable from here. What is checked here: every
// counters export exists with the right arity, `dropped` starts at 0, and a constructor/zero call ends
// in NotSupportedException when Wasmtime .NET reads the own<counter> result (the store stays usable).
// The counter's behaviour itself is checked on the guest's core module in RustCountersCoreTests.
using Wasmtime.Components;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Components.Tests;

/// <summary>Reference tests of the Rust `full` guest.</summary>
public sealed class RustGuestReferenceTests : ValuesReferenceTests
{
    private const string Counters = "test:guests/counters@0.1.0";

    /// <inheritdoc />
    protected override string ComponentFile => "full-rust.component.wasm";

    [Theory]
    [InlineData("[constructor]counter", 1, true)]
    [InlineData("[method]counter.increment", 2, false)]
    [InlineData("[method]counter.get", 1, true)]
    [InlineData("[method]counter.merge", 2, false)]
    [InlineData("[static]counter.zero", 0, true)]
    [InlineData("peek", 1, true)]
    [InlineData("dropped", 0, true)]
    public void Counters_EveryExportIsPresent(string name, int parameters, bool hasResult)
    {
        using var g = NewGuest();
        var f = g.Function(Counters, name);
        Assert.Equal(parameters, f.ParameterCount);
        Assert.Equal(hasResult, f.HasResult);
    }

    [Fact]
    public void Counters_DroppedStartsAtZero()
    {
        using var g = NewGuest();
        Assert.Equal(0u, g.Call(Counters, "dropped").AsU32());
        Assert.Equal(0u, g.Call(Counters, "dropped").AsU32());
    }

    [Fact]
    public void Counters_ResourcesAreBeyondWasmtimeDotnet()
    {
        // Documents the limitation: the guest creates the counter, but Wasmtime .NET cannot hand the
        // own<counter> result back as a ComponentValue.
        using var g = NewGuest();
        Assert.Throws<NotSupportedException>(() => g.Function(Counters, "[constructor]counter").Call(CV.U32(5)));
        Assert.Throws<NotSupportedException>(() => g.Function(Counters, "[static]counter.zero").Call());
        Assert.Equal(0u, g.Call(Counters, "dropped").AsU32());
        Assert.Equal(3u, g.Call(Values, "add", CV.U32(1), CV.U32(2)).AsU32());
    }

    [Fact]
    public void Plugin_Name()
    {
        using var p = PluginTests.Open("plugin-rust.component.wasm");
        Assert.Equal("rust-upper", p.Name());
    }

    [Theory]
    [InlineData("hello", true, "HELLO")]
    [InlineData("Hello, World! 123", true, "HELLO, WORLD! 123")]
    [InlineData("grüße, straße 😀 ß", true, "GRüßE, STRAßE 😀 ß")] // ASCII letters only
    [InlineData("a", true, "A")]
    [InlineData("ALREADY", true, "ALREADY")]
    [InlineData(" ", true, " ")]
    [InlineData("", false, "empty input")]
    public void Plugin_Run(string input, bool ok, string expected)
    {
        using var p = PluginTests.Open("plugin-rust.component.wasm");
        Assert.Equal((ok, expected), p.Run(input));
    }

    [Fact]
    public void Plugin_Run_LargeInput_ManyCalls()
    {
        using var p = PluginTests.Open("plugin-rust.component.wasm");
        for (int i = 0; i < 10; i++)
        {
            var s = Mixed(300_000 + i);
            var expected = new string(s.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 32) : c).ToArray());
            Assert.Equal((true, expected), p.Run(s));
            Assert.Equal((false, "empty input"), p.Run(""));
        }
        Assert.Equal("rust-upper", p.Name());
    }
}
