using WitBindgen.WitParser.Model;

namespace WitBindgen.WitParser.Output;

/// <summary>Prints a resolved model back as WIT text.</summary>
public static class WitPrinter
{
    /// <summary>Prints every package of the resolve.</summary>
    public static string Print(WitResolve resolve) => string.Empty;
}
