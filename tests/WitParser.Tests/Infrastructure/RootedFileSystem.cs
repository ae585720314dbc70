namespace WitBindgen.WitParser.Tests.Infrastructure;

/// <summary>The real file system seen from a root folder, so that relative paths stay relative.</summary>
public sealed class RootedFileSystem : IWitFileSystem
{
    private readonly string _root;

    public RootedFileSystem(string root) => _root = root;

    public bool DirectoryExists(string path) => Directory.Exists(Full(path));

    public bool FileExists(string path) => File.Exists(Full(path));

    public IEnumerable<string> EnumerateEntries(string directory) =>
        Directory.EnumerateFileSystemEntries(Full(directory)).Select(p => Path.GetFileName(p));

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(Full(path));

    private string Full(string path) => Path.Combine(_root, path);
}
