using Xunit;

namespace WitBindgen.Composition.Tests;

public class PackageLookupTests
{
    [Fact]
    public void Nested_layout_first_then_flat_names()
    {
        using var folder = new PackageFolder();
        var packages = folder.Packages;
        Assert.Equal(
            [Path.Combine(folder.Root, "a", "b.wasm"), Path.Combine(folder.Root, "a:b.wasm")],
            packages.CandidatePaths("a:b", null));
        Assert.Equal(
            [Path.Combine(folder.Root, "a", "b", "1.0.0.wasm"), Path.Combine(folder.Root, "a:b@1.0.0.wasm")],
            packages.CandidatePaths("a:b", "1.0.0"));
        Assert.Equal(Path.Combine(folder.Root, "x", "y", "z.wasm"), packages.CandidatePaths("x:y:z", null)[0]);
    }

    [Fact]
    public void Versioned_and_flat_files_resolve_and_are_listed()
    {
        using var folder = new PackageFolder()
            .Fixture("test/greeter/0.1.0.wasm", "greeter")
            .Fixture("test:empty.wasm", "empty")
            .Fixture("test:app@2.0.0.wasm", "app")
            .Fixture("test/middle.wasm", "middle")
            .Fixture("not-a-package.wasm", "empty")
            .Fixture("Bad_Name/x.wasm", "empty");
        var packages = folder.Packages;
        Assert.Equal(Path.Combine(folder.Root, "test", "greeter", "0.1.0.wasm"), packages.Find("test:greeter", "0.1.0"));
        Assert.Null(packages.Find("test:greeter", null));
        Assert.Equal(Path.Combine(folder.Root, "test:empty.wasm"), packages.Find("test:empty", null));
        Assert.Equal(
            ["test:app@2.0.0", "test:empty", "test:greeter@0.1.0", "test:middle"],
            packages.AvailablePackages());

        var result = folder.Resolve("""
            package demo:app;
            let g = new test:greeter@0.1.0 {};
            let e = new test:empty {};
            let app = new test:app@2.0.0 { greeter: g.greeter, ... };
            """);
        Assert.True(result.Success, result.ToString());
        Assert.Equal(["test:greeter@0.1.0", "test:empty", "test:app@2.0.0"], result.Plan!.Packages.Select(p => p.Reference));
        Assert.Equal("0.1.0", result.Plan.Packages[0].Version);
    }

    [Fact]
    public void A_missing_folder_holds_nothing()
    {
        var packages = new PackageDirectory(Path.Combine(Path.GetTempPath(), "wac-missing-" + Guid.NewGuid().ToString("N")));
        Assert.Empty(packages.AvailablePackages());
        Assert.Null(packages.Find("a:b", null));
    }

    [Fact]
    public void Load_reads_the_file_and_the_folder()
    {
        using var folder = PackageFolder.Demo();
        var wac = Path.Combine(folder.Root, "app.wac");
        File.WriteAllText(wac, "package demo:app;\nlet g = new test:greeter {};\nexport g.hello;\n");
        var result = WacComposition.Load(wac, folder.Root);
        Assert.True(result.Success, result.ToString());
        Assert.Equal("g", Assert.Single(result.Plan!.Instances).Name);

        var missing = WacComposition.Load(Path.Combine(folder.Root, "missing.wac"), folder.Root);
        var diagnostic = Assert.Single(missing.Diagnostics);
        Assert.Null(diagnostic.Location);
        Assert.StartsWith($"cannot read `{Path.Combine(folder.Root, "missing.wac")}`: ", diagnostic.Message);
    }
}
