using Xunit;

namespace WitBindgen.Composition.Tests;

/// <summary>Resolution against the real guest components of tests/components/guests/out (C, Rust, Go).</summary>
public sealed class RealComponentTests : IDisposable
{
    private readonly PackageFolder _folder = new PackageFolder()
        .Guest("guests/basic-c.wasm", "basic-c")
        .Guest("guests/full-rust.wasm", "full-rust")
        .Guest("guests/plugin-c.wasm", "plugin-c")
        .Guest("guests:plugin-go@0.1.0.wasm", "plugin-go");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Real_components_resolve_into_a_plan()
    {
        var result = _folder.Resolve("""
            package demo:real@0.1.0;

            /// The C guest: its host import passes through.
            let c = new guests:basic-c { ... };
            let rust = new guests:full-rust { ... };
            let plugin = new guests:plugin-c {};
            let go = new guests:plugin-go@0.1.0 { ... };

            export c.values as "c-values";
            export rust.values as "rust-values";
            export rust["test:guests/counters@0.1.0"];
            export plugin.plugin;
            export go.plugin as "go-plugin";
            """);
        Assert.True(result.Success, result.ToString());
        var plan = result.Plan!;

        Assert.Equal(["c", "rust", "plugin", "go"], plan.Instances.Select(i => i.Name));
        Assert.Equal(["test:guests/host@0.1.0"], plan.Instances[0].PassThroughImports.Select(i => i.Name));
        Assert.Empty(plan.Instances[2].PassThroughImports);
        Assert.Equal(Path.Combine(_folder.Root, "guests:plugin-go@0.1.0.wasm"), plan.Instances[3].Package.ComponentPath);

        var host = plan.Imports.Single(i => i.Name == "test:guests/host@0.1.0");
        Assert.Equal(["c", "rust"], host.Instances.ToArray());
        var stdout = plan.Imports.Single(i => i.Name == "wasi:cli/stdout@0.2.12");
        Assert.Equal(["rust", "go"], stdout.Instances.ToArray());
        Assert.All(plan.Imports, i => Assert.Equal(PackageItemKind.Instance, i.Kind));

        Assert.Equal(
            [
                "c-values <- c[\"test:guests/values@0.1.0\"]",
                "rust-values <- rust[\"test:guests/values@0.1.0\"]",
                "test:guests/counters@0.1.0 <- rust[\"test:guests/counters@0.1.0\"]",
                "test:plugins/plugin@0.1.0 <- plugin[\"test:plugins/plugin@0.1.0\"]",
                "go-plugin <- go[\"test:plugins/plugin@0.1.0\"]",
            ],
            plan.Exports.Select(e => e.ToString()));
    }

    [Fact]
    public void A_real_component_missing_its_imports_is_reported()
    {
        var result = _folder.Resolve("package demo:real;\nlet c = new guests:basic-c {};\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "`guests:basic-c` needs an argument for its import `test:guests/host@0.1.0`; pass it, or end the arguments with `...` to import it into the composition",
            diagnostic.Message);
        Assert.Equal(2, diagnostic.Location!.Value.Line);
    }

    [Fact]
    public void An_unknown_export_of_a_real_component_lists_its_exports()
    {
        var result = _folder.Resolve("""
            package demo:real;
            let rust = new guests:full-rust { ... };
            let c = new guests:basic-c { host: rust.host };
            """);
        Assert.Equal(
            "instance `rust` (`guests:full-rust`) has no export `host`; its exports are `values`, `counters`, `test:guests/values@0.1.0`, `test:guests/counters@0.1.0`",
            Assert.Single(result.Diagnostics).Message);
    }
}
