using Wasmtime;
using WitBindgen.Runtime;
using Xunit;
using WasmtimeComponent = Wasmtime.Components.Component;

namespace WitBindgen.Composition.Tests;

/// <summary>Encoding plans of the real guest components (C, Rust, Go), whose imports use WASI's resources across interfaces.</summary>
public sealed class RealEncodingTests : IDisposable
{
    private readonly PackageFolder _folder = new PackageFolder()
        .Guest("guests/basic-c.wasm", "basic-c")
        .Guest("guests/full-rust.wasm", "full-rust")
        .Guest("guests/plugin-c.wasm", "plugin-c")
        .Guest("guests/plugin-go.wasm", "plugin-go");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("let c = new guests:basic-c { ... };\nexport c.values as \"c-values\";")]
    [InlineData("let rust = new guests:full-rust { ... };\nexport rust.values;\nexport rust[\"test:guests/counters@0.1.0\"];")]
    [InlineData("let go = new guests:plugin-go { ... };\nexport go.plugin;")]
    [InlineData("let plugin = new guests:plugin-c {};\nexport plugin.plugin;")]
    public void Real_guests_encode_to_a_component_wasmtime_and_this_runtime_accept(string statements)
    {
        var result = _folder.Resolve("package demo:real;\n" + statements);
        Assert.True(result.Success, result.ToString());
        var bytes = CompositionEncoder.Encode(result.Plan!);

        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var runtime = new ComponentRuntime();
        runtime.Load(bytes);
    }

    [Fact]
    public void Instances_passing_through_one_import_with_different_types_are_refused_naming_the_second()
    {
        // Rust and Go both import wasi:cli/environment@0.2.12, but Go needs a function Rust's import does not declare:
        // the composition's one import (typed from Rust's) cannot satisfy Go. Merging the two types is not done yet.
        var result = _folder.Resolve("package demo:real;\nlet rust = new guests:full-rust { ... };\nlet go = new guests:plugin-go { ... };\nexport go.plugin;");
        Assert.True(result.Success, result.ToString());
        var error = Assert.Throws<CompositionEncodingException>(() => CompositionEncoder.Encode(result.Plan!));
        Assert.StartsWith("instance `go` (`guests:plugin-go`): the composed component is invalid:", error.Message);
        Assert.Contains("wasi:cli/environment@0.2.12", error.Message);
        Assert.Equal(3, error.Location!.Value.Line);
    }
}
