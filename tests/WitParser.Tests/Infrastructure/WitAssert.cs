using WitBindgen.WitParser.Model;
using Xunit;

namespace WitBindgen.WitParser.Tests.Infrastructure;

/// <summary>Helpers to load WIT text in tests.</summary>
public static class WitAssert
{
    /// <summary>Parses text that must resolve.</summary>
    public static WitResolve Resolves(string text, params string[] features)
    {
        var result = Wit.Parse("test.wit", text, new WitOptions { Features = features });
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        return result.Resolve!;
    }

    /// <summary>Parses text that must fail; returns the rendered diagnostic.</summary>
    public static string Fails(string text, string path = "test.wit")
    {
        var result = Wit.Parse(path, text);
        Assert.False(result.Success, "expected an error");
        return result.Diagnostic!.Rendered;
    }
}
