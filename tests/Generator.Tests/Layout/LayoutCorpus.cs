using WitBindgen.Generator.Tests.Infrastructure;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Model;
using Xunit;

namespace WitBindgen.Generator.Tests.Layout;

/// <summary>
/// The WIT the layout agreement tests run over: the generator's snapshot corpus, the repository's <c>wit/</c> folder
/// (WASI 0.2 and wasi-http), the WIT parser's positive corpus (copied from tests/WitParser.Tests) and the layout edge
/// cases next to these tests (<c>layout-edges.wit</c>).
/// </summary>
internal static class LayoutCorpus
{
    /// <summary>The name of the case that loads the repository's <c>wit/</c> folder.</summary>
    public const string Wasi = "wit";

    /// <summary>The name of the case that loads <c>layout-edges.wit</c>.</summary>
    public const string Edges = "layout-edges";

    private const string GeneratorPrefix = "generator/";
    private const string ParserPrefix = "parser/";

    /// <summary>The folder the WIT parser's positive corpus is copied to.</summary>
    private static string ParserCorpus => Path.Combine(AppContext.BaseDirectory, "ParserCorpus");

    /// <summary>Every case name: <c>generator/&lt;file&gt;</c>, <c>wit</c>, <c>layout-edges</c>, <c>parser/&lt;file or directory&gt;</c>.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Corpus, "*.wit").Order(StringComparer.Ordinal))
        {
            data.Add(GeneratorPrefix + Path.GetFileName(file));
        }

        data.Add(Wasi);
        data.Add(Edges);
        foreach (var entry in Directory.EnumerateFileSystemEntries(ParserCorpus).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(entry) || entry.EndsWith(".wit", StringComparison.Ordinal))
            {
                data.Add(ParserPrefix + Path.GetFileName(entry));
            }
        }

        return data;
    }

    /// <summary>Loads and resolves a case.</summary>
    public static WitResolve Load(string name)
    {
        var result = name switch
        {
            Wasi => Wit.Load(TestPaths.Wit),
            Edges => Wit.Load(Path.Combine(AppContext.BaseDirectory, "Layout", Edges + ".wit")),
            _ when name.StartsWith(GeneratorPrefix, StringComparison.Ordinal) => Wit.Load(Path.Combine(TestPaths.Corpus, name[GeneratorPrefix.Length..])),
            _ => Wit.Load(Path.Combine(ParserCorpus, name[ParserPrefix.Length..]), new WitOptions { Features = new[] { "active" } }),
        };

        return result.Resolve ?? throw new InvalidOperationException($"{name} does not resolve: {result.Diagnostic?.Rendered}");
    }
}
