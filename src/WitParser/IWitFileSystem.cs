namespace WitBindgen.WitParser;

/// <summary>
/// The file access the front end needs to load a WIT package directory and its <c>deps/</c>.
/// Tests and the source generator can supply an in-memory implementation.
/// </summary>
public interface IWitFileSystem
{
    /// <summary>True when <paramref name="path"/> is a directory.</summary>
    bool DirectoryExists(string path);

    /// <summary>True when <paramref name="path"/> is a file.</summary>
    bool FileExists(string path);

    /// <summary>The names (not paths) of the entries of a directory.</summary>
    IEnumerable<string> EnumerateEntries(string directory);

    /// <summary>Reads a file as bytes.</summary>
    byte[] ReadAllBytes(string path);
}

/// <summary>The machine's real file system.</summary>
public sealed class PhysicalWitFileSystem : IWitFileSystem
{
    /// <summary>The shared instance.</summary>
    public static readonly PhysicalWitFileSystem Instance = new();

    /// <inheritdoc />
    public bool DirectoryExists(string path) => Directory.Exists(path);

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public IEnumerable<string> EnumerateEntries(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)!);

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);
}

/// <summary>A file system held in memory, keyed by path with <c>/</c> separators.</summary>
public sealed class InMemoryWitFileSystem : IWitFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Adds a file with UTF-8 text.</summary>
    public InMemoryWitFileSystem Add(string path, string text)
    {
        _files[Normalize(path)] = System.Text.Encoding.UTF8.GetBytes(text);
        return this;
    }

    /// <summary>Adds a file with raw bytes.</summary>
    public InMemoryWitFileSystem Add(string path, byte[] bytes)
    {
        _files[Normalize(path)] = bytes;
        return this;
    }

    /// <inheritdoc />
    public bool DirectoryExists(string path)
    {
        var prefix = Normalize(path).TrimEnd('/') + "/";
        return _files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public bool FileExists(string path) => _files.ContainsKey(Normalize(path));

    /// <inheritdoc />
    public IEnumerable<string> EnumerateEntries(string directory)
    {
        var prefix = Normalize(directory).TrimEnd('/') + "/";
        return _files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) =>
        _files.TryGetValue(Normalize(path), out var bytes) ? bytes : throw new FileNotFoundException("no such file", path);

    private static string Normalize(string path) => path.Replace('\\', '/');
}
