using System.Text;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// Loads WIT from a file or a package directory (with its <c>deps/</c>), orders the packages by
/// their dependencies and pushes them into a <see cref="ResolveBuilder"/>.
/// </summary>
internal sealed class WitLoader
{
    private readonly ResolveBuilder _builder;
    private readonly IWitFileSystem _fs;

    public WitLoader(ResolveBuilder builder, IWitFileSystem fs)
    {
        _builder = builder;
        _fs = fs;
    }

    public PackageId PushPath(string path)
    {
        if (_fs.DirectoryExists(path))
        {
            try
            {
                return PushDirectory(path);
            }
            catch (WitError e)
            {
                throw e.WithContext($"failed to resolve directory while parsing WIT for path [{path}]");
            }
        }

        return PushGroup(ParseFile(path), Array.Empty<PackageGroup>());
    }

    public PackageId PushText(string path, string text)
    {
        var sources = new SourceMap();
        sources.Add(path, text);
        return PushGroup(PackageGroup.Parse(sources), Array.Empty<PackageGroup>());
    }

    private PackageId PushDirectory(string path)
    {
        PackageGroup top;
        try
        {
            top = ParseDirectory(path);
        }
        catch (WitError e)
        {
            throw e.WithContext($"failed to parse package: {path}");
        }

        var depsPath = Join(path, "deps");
        List<PackageGroup> deps;
        try
        {
            deps = ParseDeps(depsPath);
        }
        catch (WitError e)
        {
            throw e.WithContext($"failed to parse dependency directory: {depsPath}");
        }

        return PushGroup(top, deps);
    }

    private List<PackageGroup> ParseDeps(string path)
    {
        var result = new List<PackageGroup>();
        if (!_fs.DirectoryExists(path))
        {
            return result;
        }

        foreach (var name in _fs.EnumerateEntries(path).OrderBy(n => n, StringComparer.Ordinal))
        {
            var full = Join(path, name);
            if (_fs.DirectoryExists(full))
            {
                try
                {
                    result.Add(ParseDirectory(full));
                }
                catch (WitError e)
                {
                    throw e.WithContext($"failed to parse package: {full}");
                }
            }
            else if (name.EndsWith(".wit", StringComparison.Ordinal))
            {
                result.Add(ParseFile(full));
            }
            else if (name.EndsWith(".wat", StringComparison.Ordinal) || name.EndsWith(".wasm", StringComparison.Ordinal))
            {
                throw new WitError($"failed to parse WIT package encoded as wasm [{full}]: binary and text WIT packages are not supported");
            }
        }

        return result;
    }

    private PackageGroup ParseDirectory(string path)
    {
        var sources = new SourceMap();
        foreach (var name in _fs.EnumerateEntries(path).OrderBy(n => n, StringComparer.Ordinal))
        {
            var full = Join(path, name);
            if (!name.EndsWith(".wit", StringComparison.Ordinal) || _fs.DirectoryExists(full))
            {
                continue;
            }

            sources.Add(full, ReadText(full));
        }

        return PackageGroup.Parse(sources);
    }

    private PackageGroup ParseFile(string path)
    {
        if (!_fs.FileExists(path))
        {
            throw new WitError($"failed to read path for WIT [{path}]: No such file or directory (os error 2)");
        }

        var sources = new SourceMap();
        sources.Add(path, ReadText(path));
        return PackageGroup.Parse(sources);
    }

    private string ReadText(string path)
    {
        var bytes = _fs.ReadAllBytes(path);
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text;
        }
        catch (DecoderFallbackException)
        {
            throw new WitError($"input file is not valid utf-8 [{path}]");
        }
    }

    private static string Join(string dir, string name) => dir.EndsWith('/') ? dir + name : dir + "/" + name;

    /// <summary>Orders the packages of the groups topologically and pushes them; returns the main package.</summary>
    private PackageId PushGroup(PackageGroup main, IReadOnlyList<PackageGroup> deps)
    {
        var byName = new SortedDictionary<PackageName, (UnresolvedPackage Package, PackageGroup Group)>();
        foreach (var group in new[] { main }.Concat(deps))
        {
            foreach (var pkg in group.Nested.Append(group.Main))
            {
                if (byName.TryGetValue(pkg.Name, out var prev))
                {
                    var loc1 = group.Sources.RenderLocation(pkg.NameSpan);
                    var loc2 = prev.Group.Sources.RenderLocation(prev.Package.NameSpan);
                    throw new WitError($"package `{pkg.Name}` is defined in two different locations:\n  * {loc1}\n  * {loc2}");
                }

                byName[pkg.Name] = (pkg, group);
            }
        }

        var order = new List<UnresolvedPackage>();
        var done = new HashSet<PackageName>();
        var visiting = new HashSet<PackageName>();
        foreach (var (_, entry) in byName)
        {
            Visit(entry.Package, entry.Group);
        }

        PackageId? mainId = null;
        foreach (var pkg in order)
        {
            var id = _builder.Push(pkg);
            if (ReferenceEquals(pkg, main.Main))
            {
                mainId = id;
            }
        }

        return mainId!.Value;

        void Visit(UnresolvedPackage pkg, PackageGroup group)
        {
            if (done.Contains(pkg.Name))
            {
                return;
            }

            int i = 0;
            foreach (var (dep, _) in pkg.ForeignDeps)
            {
                var span = pkg.ForeignDepSpans[i++];
                if (!visiting.Add(dep))
                {
                    throw new WitError($"package `{dep}` creates a dependency cycle", span).WithSources(group.Sources);
                }

                if (byName.TryGetValue(dep, out var next))
                {
                    Visit(next.Package, next.Group);
                }

                visiting.Remove(dep);
            }

            done.Add(pkg.Name);
            order.Add(pkg);
        }
    }
}
