using WitBindgen.Composition.Syntax;
using WitBindgen.WitParser.Text;
using Xunit;

namespace WitBindgen.Composition.Tests;

/// <summary>Parsing helpers for the syntax tests.</summary>
internal static class Syntax
{
    public static (WacDocument? Document, CompositionDiagnostic? Error) Parse(string text, string path = "app.wac")
    {
        var sources = new SourceMap();
        var file = sources.Add(path, text);
        return WacParser.Parse(sources, file);
    }

    public static WacDocument ParseOk(string text)
    {
        var (document, error) = Parse(text);
        Assert.True(document is not null, error?.Rendered);
        return document!;
    }

    public static CompositionDiagnostic ParseError(string text)
    {
        var (document, error) = Parse(text);
        Assert.Null(document);
        return error!;
    }

    /// <summary>The source text a span covers.</summary>
    public static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
