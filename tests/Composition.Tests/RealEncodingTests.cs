using Wasmtime;
using WitBindgen.Runtime;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

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
    public void Instances_passing_through_one_import_share_it_typed_with_the_union_of_their_types()
    {
        // Rust and Go both import wasi:cli/environment@0.2.12 (and more of WASI), each declaring only the functions it
        // uses: Go needs get-arguments, which Rust's import does not declare. The composition's one import has both.
        var result = _folder.Resolve("package demo:real;\nlet rust = new guests:full-rust { ... };\nlet go = new guests:plugin-go { ... };\nexport rust.values;\nexport go.plugin;");
        Assert.True(result.Success, result.ToString());
        var bytes = CompositionEncoder.Encode(result.Plan!);

        using var runtime = new ComponentRuntime();
        runtime.Load(bytes);

        // On Wasmtime with its WASI host, Go's plugin in the composed binary answers as the Go component alone does.
        using var engine = new Engine(new Config().WithComponentModel(true));
        string[] Answers(byte[] component)
        {
            using var compiled = WasmtimeComponent.FromBytes(engine, component);
            using var linker = new WasmtimeLinker(engine);
            linker.AddWasiPreview2();
            using (var root = linker.Root())
            using (var host = root.AddInstance("test:guests/host@0.1.0"))
            {
                host.DefineFunction("log", (ReadOnlySpan<CV> args, Span<CV> results) => { });
                host.DefineFunction("label", (ReadOnlySpan<CV> args, Span<CV> results) => results[0] = CV.String("label"));
            }

            using var store = new Store(engine);
            store.SetWasiConfiguration(new WasiConfiguration());
            var instance = linker.Instantiate(store, compiled);
            const string plugin = "test:plugins/plugin@0.1.0";
            var run = instance.GetFunction(plugin, "run")!.Call(CV.String("hello, composition"))!;
            return [instance.GetFunction(plugin, "name")!.Call()!.AsString(), run.IsOk.ToString(), run.Payload!.AsString()];
        }

        var alone = Answers(File.ReadAllBytes(Path.Combine(_folder.Root, "guests", "plugin-go.wasm")));
        Assert.Equal(alone, Answers(bytes));
    }
}
