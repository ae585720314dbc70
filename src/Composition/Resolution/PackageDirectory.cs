using System.Collections.Concurrent;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Composition;

/// <summary>
/// A folder of component binaries that a composition's package names resolve against. A package
/// <c>ns:name</c> is looked up as <c>DIR/ns/name.wasm</c>, then <c>DIR/ns:name.wasm</c>; a versioned
/// <c>ns:name@1.2.3</c> as <c>DIR/ns/name/1.2.3.wasm</c>, then <c>DIR/ns:name@1.2.3.wasm</c> (the first form of each is
/// wac's own <c>deps</c> layout; the second keeps a flat folder). Names with more segments (<c>a:b:c</c>) add folders.
/// There is no fallback between versioned and unversioned names. Components read here are cached by path and
/// last write time.
/// </summary>
public sealed class PackageDirectory
{
    private readonly ConcurrentDictionary<string, (DateTime Written, ComponentSignature Signature)> _signatures = new(StringComparer.Ordinal);

    /// <summary>Creates a lookup in <paramref name="root"/> (which need not exist; then every package is unknown).</summary>
    public PackageDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The paths tried for a package, in order.</summary>
    /// <param name="name">The package name without version, e.g. <c>example:greeter</c>.</param>
    /// <param name="version">The version, or null.</param>
    public IReadOnlyList<string> CandidatePaths(string name, string? version)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var nested = Path.Combine([Root, .. name.Split(':')]);
        return version is null
            ? [nested + ".wasm", Path.Combine(Root, name + ".wasm")]
            : [Path.Combine(nested, version + ".wasm"), Path.Combine(Root, $"{name}@{version}.wasm")];
    }

    /// <summary>The component file for a package, or null when none of <see cref="CandidatePaths"/> exists.</summary>
    public string? Find(string name, string? version) => CandidatePaths(name, version).FirstOrDefault(File.Exists);

    /// <summary>
    /// The package names the folder holds under this lookup (<c>ns:name</c> or <c>ns:name@version</c>), sorted;
    /// files that fit neither form are left out.
    /// </summary>
    public IReadOnlyList<string> AvailablePackages()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 8, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(Root, "*.wasm", options))
        {
            if (NameOf(Path.GetRelativePath(Root, file)) is { } name)
            {
                names.Add(name);
            }
        }

        return names.ToList();
    }

    /// <summary>Reads the imports and exports of a component file (validated, not compiled or instantiated).</summary>
    internal ComponentSignature Read(string path)
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (_signatures.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Signature;
        }

        var signature = ComponentSignature.Read(File.ReadAllBytes(path));
        _signatures[path] = (written, signature);
        return signature;
    }

    /// <summary>The package name a relative path stands for under the lookup, or null.</summary>
    private static string? NameOf(string relative)
    {
        var parts = relative[..^".wasm".Length].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (parts.Length == 1)
        {
            // The flat form: ns:name.wasm or ns:name@version.wasm.
            var flat = parts[0];
            var at = flat.IndexOf('@', StringComparison.Ordinal);
            var bare = at < 0 ? flat : flat[..at];
            return bare.Contains(':', StringComparison.Ordinal) && IsName(bare.Split(':')) ? flat : null;
        }

        if (IsName(parts))
        {
            return string.Join(":", parts);
        }

        var last = parts[^1];
        return parts.Length > 2 && IsName(parts[..^1]) && SemVersion.TryParse(last, out _, out _)
            ? string.Join(":", parts[..^1]) + "@" + last
            : null;
    }

    private static bool IsName(string[] segments) =>
        segments.Length >= 2 && segments.All(s => Syntax.WacIdentifiers.Check(s) is null);
}
