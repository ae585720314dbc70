using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// The packages parsed from one file or one directory: the main package plus any nested
/// <c>package a:b { ... }</c> blocks, all sharing one source map.
/// </summary>
internal sealed class PackageGroup
{
    private PackageGroup(UnresolvedPackage main, List<UnresolvedPackage> nested, SourceMap sources)
    {
        Main = main;
        Nested = nested;
        Sources = sources;
    }

    public UnresolvedPackage Main { get; }

    public List<UnresolvedPackage> Nested { get; }

    public SourceMap Sources { get; }

    /// <summary>Parses and resolves the files of a source map (files sorted by path, as the reference does).</summary>
    public static PackageGroup Parse(SourceMap sources)
    {
        try
        {
            var main = new PackageResolver(sources);
            var nested = new List<UnresolvedPackage>();
            foreach (var file in sources.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var ast = WitGrammar.ParseFile(file);
                CollectNested(ast, sources, nested);
                main.Push(ast);
            }

            return new PackageGroup(main.Resolve(), nested, sources);
        }
        catch (WitError e)
        {
            throw e.WithSources(sources);
        }
    }

    private static void CollectNested(PackageFile file, SourceMap sources, List<UnresolvedPackage> nested)
    {
        foreach (var item in file.Items)
        {
            if (item is NestedPackage n)
            {
                // Only one level of nesting resolves: a package inside a nested package is an error
                // (the parser already bounds how deep such text may go).
                if (n.Package.Items.OfType<NestedPackage>().FirstOrDefault() is { } inner)
                {
                    throw new WitError("nested packages must be placed at the top-level", inner.Package.PackageId!.Span);
                }

                var resolver = new PackageResolver(sources);
                resolver.Push(n.Package);
                nested.Add(resolver.Resolve());
            }
        }
    }
}
