using System.Security.Cryptography;
using WitBindgen.Wasi.Filesystem;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// The tree the sandbox tests attack: <c>data</c> (preopened read-write as <c>/data</c>), <c>ro</c> (read-only as
/// <c>/ro</c>) and, beside them, <c>outside</c>, which no guest may reach. A snapshot taken when the tree is made
/// covers everything but <c>data</c>, byte for byte (names, kinds, contents, link texts, modification times), so
/// <see cref="AssertUntouched"/> sees anything outside <c>data</c> made, moved, changed or removed.
/// </summary>
internal sealed class SandboxTree : IDisposable
{
    /// <summary>The content of <c>outside/secret.txt</c>; a guest that prints it escaped.</summary>
    public const string Secret = "TOP-SECRET-outside-the-sandbox";

    /// <summary>The modification time of everything in the tree when it is made.</summary>
    public static readonly DateTime Past = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _before;

    public SandboxTree()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Ro);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(System.IO.Path.Combine(Outside, "secret.txt"), Secret);
        Directory.CreateDirectory(System.IO.Path.Combine(Outside, "sub"));
        File.WriteAllText(System.IO.Path.Combine(Outside, "sub", "inner.txt"), "inner " + Secret);
        File.WriteAllText(System.IO.Path.Combine(Ro, "keep.txt"), "keep me\n");
        Directory.CreateDirectory(System.IO.Path.Combine(Ro, "sub"));
        File.WriteAllText(System.IO.Path.Combine(Data, "file.txt"), "data file\nline 2\n");

        // Times in the past, so that a change made "now" always shows.
        foreach (var path in Directory.EnumerateFileSystemEntries(_temp.Root, "*", SearchOption.AllDirectories).Append(_temp.Root))
        {
            File.SetLastWriteTimeUtc(path, Past);
        }

        _before = Snapshot();
    }

    public string Root => _temp.Root;

    public string Data => _temp.Path("data");

    public string Ro => _temp.Path("ro");

    public string Outside => _temp.Path("outside");

    public string Path(params string[] parts) => _temp.Path(parts);

    /// <summary>Paths resolved by the kernel (<c>openat2</c>), the default on this machine when the kernel has it.</summary>
    public const string Kernel = "openat2";

    /// <summary>Paths resolved by the <c>openat</c> walk that kernels without <c>openat2</c> use.</summary>
    public const string Walk = "walk";

    /// <summary>Both ways of resolving paths, for theories.</summary>
    public static TheoryData<string> Modes => new() { Kernel, Walk };

    /// <summary>A configuration with the two preopens, resolving paths as <paramref name="mode"/> says.</summary>
    public WasiConfiguration Configure(string mode, WasiConfiguration? configuration = null)
    {
        var config = (configuration ?? new WasiConfiguration())
            .WithPreopenedDirectory(Data, "/data", WasiDirectoryAccess.ReadWrite)
            .WithPreopenedDirectory(Ro, "/ro", WasiDirectoryAccess.ReadOnly);
        return WithMode(config, mode);
    }

    /// <summary>Sets how <paramref name="config"/> resolves paths.</summary>
    public static WasiConfiguration WithMode(WasiConfiguration config, string mode)
    {
        Assert.True(mode == Walk || Beneath.HasOpenat2, "this kernel has no openat2; the automatic mode would walk");
        config.Resolution = mode == Walk ? PathResolution.Walk : PathResolution.Automatic;
        return config;
    }

    /// <summary>Asserts that nothing but <c>data</c> changed since the tree was made.</summary>
    public void AssertUntouched()
    {
        var after = Snapshot();
        Assert.Equal(_before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, state) in _before)
        {
            Assert.True(state == after[path], $"{path} changed: {state} -> {after[path]}");
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Every entry below the root but <c>data</c>'s contents, without following links.</summary>
    private Dictionary<string, string> Snapshot()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(_temp.Root, string.Empty);
        return entries;

        void Walk(string directory, string relative)
        {
            var info = new DirectoryInfo(directory);
            entries[relative + "/"] = $"dir mtime={info.LastWriteTimeUtc.Ticks}";
            foreach (var entry in info.EnumerateFileSystemInfos())
            {
                var path = relative + "/" + entry.Name;
                if (path == "/data")
                {
                    entries[path] = entry.LinkTarget is null ? "the data preopen" : "data became a link: " + entry.LinkTarget;
                    continue;
                }

                if (entry.LinkTarget is { } target)
                {
                    entries[path] = "link " + target;
                }
                else if (entry is DirectoryInfo)
                {
                    Walk(entry.FullName, path);
                }
                else
                {
                    var bytes = File.ReadAllBytes(entry.FullName);
                    entries[path] = $"file mtime={entry.LastWriteTimeUtc.Ticks} sha256={Convert.ToHexString(SHA256.HashData(bytes))}";
                }
            }
        }
    }
}
