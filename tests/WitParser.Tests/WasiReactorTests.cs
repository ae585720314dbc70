using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>
/// Wasmtime's <c>test-reactor</c> world (<c>Wasi/wasmtime-wasi</c>), resolved against the repository's WASI packages
/// (<c>wit/deps</c>, laid out as its <c>deps/</c> in memory): world-level <c>use</c> of types from other packages.
/// </summary>
public class WasiReactorTests
{
    private static WitLoadResult Load()
    {
        var fs = new InMemoryWitFileSystem();
        var package = Path.Combine(TestPaths.WasiTestPackages, "wasmtime-wasi");
        foreach (var file in Directory.EnumerateFiles(package, "*.wit"))
        {
            fs.Add("reactor/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Wit, "deps"), "*.wit"))
        {
            fs.Add("reactor/deps/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        return Wit.Load("reactor", new WitOptions { FileSystem = fs });
    }

    [Fact]
    public void The_test_reactor_world_resolves_with_its_exports()
    {
        var result = Load();
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var r = result.Resolve!;
        Assert.Equal("wasmtime:wasi", r[result.MainPackage!.Value].Name.ToString());
        var world = r[r.FindWorld(result.MainPackage!.Value, "test-reactor")!.Value];
        Assert.Equal(new[] { "add-strings", "get-strings", "write-strings-to", "pass-an-imported-record" }, world.Exports.Keys.Select(r.NameOf));
        Assert.Contains("wasi:cli/environment@0.2.12", world.Imports.Keys.Select(r.NameOf));
    }

    [Fact]
    public void World_level_use_reaches_the_types_of_other_packages()
    {
        var result = Load();
        var r = result.Resolve!;
        var world = r[r.FindWorld(result.MainPackage!.Value, "test-reactor")!.Value];

        // write-strings-to(o: output-stream): an own handle of wasi:io/streams' resource.
        var write = ((WorldFunctionItem)world.Exports[WorldKey.Of("write-strings-to")]).Function;
        var handle = Assert.IsType<HandleKind>(r[Resolved(r, write.Params.Single().Type.Id!.Value)].Kind);
        Assert.False(handle.IsBorrow);
        var stream = r[Resolved(r, handle.Resource)];
        Assert.Equal("output-stream", stream.Name);
        Assert.IsType<ResourceKind>(stream.Kind);
        Assert.Equal("wasi:io/streams@0.2.12", r.IdOf(stream.Owner.Interface!.Value));

        // pass-an-imported-record(d: descriptor-stat): the record of wasi:filesystem/types.
        var pass = ((WorldFunctionItem)world.Exports[WorldKey.Of("pass-an-imported-record")]).Function;
        var stat = r[Resolved(r, pass.Params.Single().Type.Id!.Value)];
        Assert.Equal("descriptor-stat", stat.Name);
        Assert.IsType<RecordKind>(stat.Kind);
        Assert.Equal("wasi:filesystem/types@0.2.12", r.IdOf(stat.Owner.Interface!.Value));

        // The interfaces the world uses types from are imported by it.
        Assert.Contains("wasi:io/streams@0.2.12", world.Imports.Keys.Select(r.NameOf));
        Assert.Contains("wasi:filesystem/types@0.2.12", world.Imports.Keys.Select(r.NameOf));
    }

    /// <summary>Follows aliases (a world's <c>use</c> makes one) to the type they name.</summary>
    private static TypeId Resolved(WitResolve r, TypeId id)
    {
        while (r[id].Kind is AliasKind { Target.Id: { } next })
        {
            id = next;
        }

        return id;
    }
}
