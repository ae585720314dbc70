using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>The project's copies of the WASI 0.2.12 and wasi-http 0.2.12 packages resolve.</summary>
public class WasiTests
{
    [Fact]
    public void Wasi_0_2_12_resolves()
    {
        var result = Wit.Load(Path.Combine(TestPaths.Wit, "wasi-0.2.12"));
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var r = result.Resolve!;
        var names = r.Packages.Select(p => p.Name.ToString()).ToList();
        foreach (var expected in new[] { "wasi:io@0.2.12", "wasi:clocks@0.2.12", "wasi:filesystem@0.2.12", "wasi:sockets@0.2.12", "wasi:random@0.2.12", "wasi:cli@0.2.12" })
        {
            Assert.Contains(expected, names);
        }

        // Dependencies come before the packages that use them.
        Assert.True(names.IndexOf("wasi:io@0.2.12") < names.IndexOf("wasi:cli@0.2.12"));
        var streams = r.Interfaces.Single(i => i.Name == "streams");
        Assert.Contains("[method]output-stream.blocking-write-and-flush", streams.Functions.Keys);

        var command = r.Worlds.Single(w => w.Name == "command" && r[w.Package!.Value].Name.Name == "cli");
        Assert.Contains(command.Exports.Keys, k => r.NameOf(k) == "wasi:cli/run@0.2.12");
        Assert.Contains(command.Imports.Keys, k => r.NameOf(k) == "wasi:io/streams@0.2.12");
    }

    [Fact]
    public void Wasi_http_0_2_12_resolves_with_its_proxy_world()
    {
        var result = Wit.Load(Path.Combine(TestPaths.Wit, "wasi-http-0.2.12"));
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var r = result.Resolve!;
        var proxy = r.Worlds.Single(w => w.Name == "proxy");
        Assert.Contains(proxy.Exports.Keys, k => r.NameOf(k) == "wasi:http/incoming-handler@0.2.12");
        Assert.Contains(proxy.Imports.Keys, k => r.NameOf(k) == "wasi:http/outgoing-handler@0.2.12");
        var types = r.Interfaces.Single(i => i.Name == "types" && r[i.Package!.Value].Name.Name == "http");
        Assert.IsType<VariantKind>(r[types.Types["error-code"]].Kind);
    }

    [Fact]
    public void Unstable_wasi_items_appear_only_with_their_feature()
    {
        var dir = Path.Combine(TestPaths.Wit, "wasi-0.2.12");
        var plain = Wit.Load(dir).Resolve!;
        var all = Wit.Load(dir, new WitOptions { AllFeatures = true }).Resolve!;
        Assert.True(all.Interfaces.Count > plain.Interfaces.Count || all.Types.Count > plain.Types.Count);
    }
}
