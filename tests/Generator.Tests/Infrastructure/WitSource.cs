namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>One .wit AdditionalFile given to the generator, with its item metadata.</summary>
/// <param name="Path">The path the compiler sees.</param>
/// <param name="Text">The WIT text.</param>
/// <param name="Metadata">Item metadata (WitWorld, WitNamespace, WitFeatures, WitRoot).</param>
public sealed record WitSource(string Path, string Text, IReadOnlyDictionary<string, string>? Metadata = null)
{
    /// <summary>All .wit files under <paramref name="directory"/> as one package directory unit.</summary>
    public static IReadOnlyList<WitSource> Directory(string directory, string virtualRoot, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { ["WitRoot"] = virtualRoot };
        return System.IO.Directory.EnumerateFiles(directory, "*.wit", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new WitSource(virtualRoot + "/" + System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText(f), meta))
            .ToList();
    }
}
