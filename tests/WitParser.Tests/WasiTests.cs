using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>
/// The repository's <c>wit/</c> folder (one package directory: the root package <c>witbindgen:wasi</c> and the
/// official WASI 0.2.12 and wasi-http 0.2.12 packages in <c>deps/</c>) resolves, with every world its consumers use.
/// </summary>
public class WasiTests
{
    private static readonly string[] WasiPackages =
        ["wasi:io@0.2.12", "wasi:clocks@0.2.12", "wasi:random@0.2.12", "wasi:filesystem@0.2.12", "wasi:sockets@0.2.12", "wasi:cli@0.2.12", "wasi:http@0.2.12"];

    [Fact]
    public void The_wit_folder_resolves_every_wasi_package_once()
    {
        var result = Wit.Load(TestPaths.Wit);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var r = result.Resolve!;
        Assert.Equal("witbindgen:wasi", r[result.MainPackage!.Value].Name.ToString());
        var names = r.Packages.Select(p => p.Name.ToString()).ToList();
        Assert.Equal(WasiPackages.Append("witbindgen:wasi").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));

        // Dependencies come before the packages that use them.
        Assert.True(names.IndexOf("wasi:io@0.2.12") < names.IndexOf("wasi:cli@0.2.12"));
        Assert.True(names.IndexOf("wasi:cli@0.2.12") < names.IndexOf("wasi:http@0.2.12"));
        var streams = r.Interfaces.Single(i => i.Name == "streams");
        Assert.Contains("[method]output-stream.blocking-write-and-flush", streams.Functions.Keys);

        var command = r.Worlds.Single(w => w.Name == "command" && r[w.Package!.Value].Name.Name == "cli");
        Assert.Contains(command.Exports.Keys, k => r.NameOf(k) == "wasi:cli/run@0.2.12");
        Assert.Contains(command.Imports.Keys, k => r.NameOf(k) == "wasi:io/streams@0.2.12");
    }

    [Fact]
    public void The_wasi_hosts_world_imports_exactly_what_wasi_cli_imports_does()
    {
        var result = Wit.Load(TestPaths.Wit);
        var r = result.Resolve!;
        var bindings = r[r.FindWorld(result.MainPackage!.Value, "bindings")!.Value];
        var imports = r[r.FindWorld(result.MainPackage!.Value, "wasi:cli/imports@0.2.12")!.Value];
        Assert.Equal(imports.Imports.Keys.Select(r.NameOf).Order(StringComparer.Ordinal), bindings.Imports.Keys.Select(r.NameOf).Order(StringComparer.Ordinal));
        Assert.Contains("wasi:filesystem/preopens@0.2.12", bindings.Imports.Keys.Select(r.NameOf));
        Assert.Empty(bindings.Exports);
    }

    [Fact]
    public void Wasi_http_resolves_with_its_proxy_world()
    {
        var result = Wit.Load(TestPaths.Wit);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var r = result.Resolve!;
        var proxy = r[r.FindWorld(result.MainPackage!.Value, "wasi:http/proxy@0.2.12")!.Value];
        Assert.Contains(proxy.Exports.Keys, k => r.NameOf(k) == "wasi:http/incoming-handler@0.2.12");
        Assert.Contains(proxy.Imports.Keys, k => r.NameOf(k) == "wasi:http/outgoing-handler@0.2.12");
        Assert.Contains(proxy.Imports.Keys, k => r.NameOf(k) == "wasi:cli/stdout@0.2.12");
        var types = r.Interfaces.Single(i => i.Name == "types" && r[i.Package!.Value].Name.Name == "http");
        Assert.IsType<VariantKind>(r[types.Types["error-code"]].Kind);
    }

    [Fact]
    public void The_packages_keep_their_documentation()
    {
        var r = Wit.Load(TestPaths.Wit).Resolve!;
        var streams = r.Interfaces.Single(i => i.Name == "streams" && r[i.Package!.Value].Name.Name == "io");
        var write = streams.Functions["[method]output-stream.blocking-write-and-flush"];
        Assert.False(write.Docs.IsEmpty);
        Assert.Contains("flushed", write.Docs.Contents);
        var error = r.Types.Single(t => t.Name == "error" && t.Kind is ResourceKind);
        Assert.StartsWith("An opaque error produced by a stream", error.Docs.Contents);
    }

    [Fact]
    public void Unstable_wasi_items_appear_only_with_their_feature()
    {
        var plain = Wit.Load(TestPaths.Wit).Resolve!;
        var all = Wit.Load(TestPaths.Wit, new WitOptions { AllFeatures = true }).Resolve!;
        Assert.True(all.Interfaces.Count > plain.Interfaces.Count || all.Types.Count > plain.Types.Count);
    }
}
