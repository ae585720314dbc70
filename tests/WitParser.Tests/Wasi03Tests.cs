using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>
/// The repository's <c>wit-0.3/</c> folder (the root package <c>witbindgen:wasi3</c> and the official WASI 0.3.0 and
/// wasi-http 0.3.0 packages in <c>deps/</c>) resolves, with its async functions, streams and futures.
/// </summary>
public class Wasi03Tests
{
    private static readonly string[] WasiPackages =
        ["wasi:clocks@0.3.0", "wasi:random@0.3.0", "wasi:filesystem@0.3.0", "wasi:sockets@0.3.0", "wasi:cli@0.3.0", "wasi:http@0.3.0"];

    private static WitLoadResult Load()
    {
        var result = Wit.Load(TestPaths.Wit03);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        return result;
    }

    [Fact]
    public void The_folder_resolves_every_wasi_0_3_package_once()
    {
        var result = Load();
        var r = result.Resolve!;
        Assert.Equal("witbindgen:wasi3", r[result.MainPackage!.Value].Name.ToString());
        var names = r.Packages.Select(p => p.Name.ToString()).ToList();
        Assert.Equal(WasiPackages.Append("witbindgen:wasi3").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.True(names.IndexOf("wasi:clocks@0.3.0") < names.IndexOf("wasi:filesystem@0.3.0"));
        Assert.True(names.IndexOf("wasi:cli@0.3.0") < names.IndexOf("wasi:http@0.3.0"));
    }

    [Fact]
    public void The_hosts_world_imports_exactly_what_wasi_cli_imports_does()
    {
        var result = Load();
        var r = result.Resolve!;
        var bindings = r[r.FindWorld(result.MainPackage!.Value, "bindings")!.Value];
        var imports = r[r.FindWorld(result.MainPackage!.Value, "wasi:cli/imports@0.3.0")!.Value];
        var names = bindings.Imports.Keys.Select(r.NameOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(imports.Imports.Keys.Select(r.NameOf).Order(StringComparer.Ordinal), names);
        Assert.Contains("wasi:cli/stdout@0.3.0", names);
        Assert.Contains("wasi:clocks/monotonic-clock@0.3.0", names);
        Assert.Contains("wasi:filesystem/preopens@0.3.0", names);
        Assert.Contains("wasi:sockets/ip-name-lookup@0.3.0", names);
        // The timezone interface is @unstable and not enabled by default.
        Assert.DoesNotContain("wasi:clocks/timezone@0.3.0", names);
        Assert.Empty(bindings.Exports);
    }

    [Fact]
    public void Async_functions_streams_and_futures_keep_their_shapes()
    {
        var r = Load().Resolve!;
        var clock = r.Interfaces.Single(i => i.Name == "monotonic-clock" && r[i.Package!.Value].Name.Name == "clocks");
        Assert.True(clock.Functions["wait-for"].IsAsync);
        Assert.False(clock.Functions["now"].IsAsync);

        var stdout = r.Interfaces.Single(i => i.Name == "stdout" && r[i.Package!.Value].Name.Name == "cli");
        var write = stdout.Functions["write-via-stream"];
        Assert.False(write.IsAsync);
        Assert.IsType<StreamKind>(r[write.Params.Single().Type.Id!.Value].Kind);
        Assert.IsType<FutureKind>(r[write.Result!.Value.Id!.Value].Kind);

        var fs = r.Interfaces.Single(i => i.Name == "types" && r[i.Package!.Value].Name.Name == "filesystem");
        Assert.True(fs.Functions["[method]descriptor.open-at"].IsAsync);
        Assert.Contains("[method]descriptor.read-directory", fs.Functions.Keys);

        var command = r.Worlds.Single(w => w.Name == "command" && r[w.Package!.Value].Name.Name == "cli");
        Assert.Contains(command.Exports.Keys, k => r.NameOf(k) == "wasi:cli/run@0.3.0");
    }
}
