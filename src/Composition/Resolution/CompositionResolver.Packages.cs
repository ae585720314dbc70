using WitBindgen.Composition.Syntax;
using WitBindgen.Runtime;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Composition.Resolution;

/// <summary>Package names to component files (through the <see cref="PackageDirectory"/>) and their imports and exports.</summary>
internal sealed partial class CompositionResolver
{
    /// <summary>The package a <c>new</c> names, or null after reporting why it cannot be had (at every use).</summary>
    private ComposedPackage? ResolvePackage(WacPackageName name)
    {
        if (name.Version is { } version && !SemVersion.TryParse(version.Text, out _, out _))
        {
            CheckVersion(version);
            return null;
        }

        var reference = name.ToString();
        if (!_resolvedPackages.TryGetValue(reference, out var resolved))
        {
            resolved = Load(name);
            _resolvedPackages[reference] = resolved;
            if (resolved.Package is not null)
            {
                _usedPackages.Add(resolved.Package);
            }
        }

        if (resolved.Error is not null)
        {
            Error(name.Span, resolved.Error);
        }

        return resolved.Package;
    }

    private (ComposedPackage? Package, string? Error) Load(WacPackageName name)
    {
        var path = _packages.Find(name.Name, name.Version?.Text);
        if (path is null)
        {
            return (null, Unresolved(name));
        }

        try
        {
            var signature = _packages.Read(path);
            return (new ComposedPackage(name.Name, name.Version?.Text, path, signature.Imports, signature.Exports), null);
        }
        catch (ComponentFormatException e)
        {
            return (null, $"package `{name}` (`{Relative(path)}` in `{_packages.Root}`) is not a valid component: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"package `{name}` (`{Relative(path)}` in `{_packages.Root}`) cannot be read: {e.Message}");
        }
    }

    private string Unresolved(WacPackageName name)
    {
        if (!Directory.Exists(_packages.Root))
        {
            return $"unknown package `{name}`: the package folder `{_packages.Root}` does not exist";
        }

        var tried = string.Join(" or ", _packages.CandidatePaths(name.Name, name.Version?.Text).Select(p => $"`{Relative(p)}`"));
        var available = _packages.AvailablePackages();
        var listed = string.Join(", ", available.Select(a => $"`{a}`"));
        var hint = available.Count == 0
            ? "; the folder holds no packages"
            : (available.FirstOrDefault(a => a.Split('@')[0] == name.Name) ?? NameSuggestions.Closest(name.ToString(), available)) is { } closest
                ? $"; did you mean `{closest}`? The folder holds {listed}"
                : $"; the folder holds {listed}";
        return $"unknown package `{name}`: no {tried} in `{_packages.Root}`{hint}";
    }

    private string Relative(string path) => Path.GetRelativePath(_packages.Root, path).Replace('\\', '/');
}
