

namespace WitBindgen.Composition.Tests;

/// <summary>A temporary package folder holding component binaries: copies of the real guests or compiled fixtures.</summary>
internal sealed class PackageFolder : IDisposable
{
    public PackageFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "wac-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    private PackageDirectory? _packages;

    /// <summary>One lookup for the folder (it caches the components it has read).</summary>
    public PackageDirectory Packages => _packages ??= new(Root);

    /// <summary>Compiles Fixtures/<paramref name="fixture"/>.wat to <paramref name="relativePath"/>.</summary>
    public PackageFolder Fixture(string relativePath, string fixture)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture + ".wat"));
        return Write(relativePath, Wasmtime.Module.ConvertText(text));
    }

    /// <summary>Copies a real guest component (tests/components/guests/out/<paramref name="guest"/>.component.wasm).</summary>
    public PackageFolder Guest(string relativePath, string guest) =>
        Write(relativePath, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "guests", guest + ".component.wasm")));

    public PackageFolder Write(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    /// <summary>The folder with every fixture as test:NAME in the nested layout (test/NAME.wasm).</summary>
    public static PackageFolder Demo() =>
        new PackageFolder()
            .Fixture("test/greeter.wasm", "greeter")
            .Fixture("test/app.wasm", "app")
            .Fixture("test/middle.wasm", "middle")
            .Fixture("test/types.wasm", "types")
            .Fixture("test/empty.wasm", "empty")
            .Fixture("test/conflict.wasm", "conflict");

    public CompositionResult Resolve(string wac, string path = "app.wac") => WacComposition.Resolve(path, wac, Packages);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
