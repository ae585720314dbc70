using WitBindgen.Composition.Resolution;
using WitBindgen.Composition.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition;

/// <summary>
/// Reads a WAC composition file (the subset described in docs/composition.md) and resolves it against a folder of
/// component binaries into a <see cref="CompositionPlan"/>. Nothing is instantiated. Never throws on bad input:
/// syntax errors (the first one), resolution errors (all of them) and unreadable files are diagnostics.
/// </summary>
public static class WacComposition
{
    /// <summary>Reads and resolves the composition file <paramref name="path"/> against the packages in <paramref name="packageDirectory"/>.</summary>
    /// <param name="path">The <c>.wac</c> file; diagnostics name it as given.</param>
    /// <param name="packageDirectory">The folder of component binaries (see <see cref="PackageDirectory"/>).</param>
    public static CompositionResult Load(string path, string packageDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(packageDirectory);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CompositionResult(null, [CompositionDiagnostic.General($"cannot read `{path}`: {e.Message}")]);
        }

        return Resolve(path, text, new PackageDirectory(packageDirectory));
    }

    /// <summary>Parses and resolves composition text.</summary>
    /// <param name="path">The name diagnostics give the file.</param>
    /// <param name="text">The WAC text.</param>
    /// <param name="packages">Where package names are looked up.</param>
    public static CompositionResult Resolve(string path, string text, PackageDirectory packages)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(packages);
        var sources = new SourceMap();
        var file = sources.Add(path, text);
        var (document, error) = WacParser.Parse(sources, file);
        return document is null
            ? new CompositionResult(null, [error!])
            : CompositionResolver.Resolve(sources, file, document, packages);
    }
}
