namespace WitBindgen.Composition.Syntax;

/// <summary>The WAC keywords this front end knows, including those of statements it does not support yet.</summary>
internal static class WacKeywords
{
    private static readonly Dictionary<string, WacTokenKind> Kinds = new(StringComparer.Ordinal)
    {
        ["package"] = WacTokenKind.Package,
        ["let"] = WacTokenKind.Let,
        ["new"] = WacTokenKind.New,
        ["export"] = WacTokenKind.Export,
        ["as"] = WacTokenKind.As,
        ["import"] = WacTokenKind.Import,
        ["interface"] = WacTokenKind.Interface,
        ["world"] = WacTokenKind.World,
        ["type"] = WacTokenKind.Type,
        ["use"] = WacTokenKind.Use,
        ["include"] = WacTokenKind.Include,
        ["targets"] = WacTokenKind.Targets,
    };

    /// <summary>The keyword kind of a word, or <see cref="WacTokenKind.Id"/>.</summary>
    public static WacTokenKind Classify(string word) => Kinds.TryGetValue(word, out var kind) ? kind : WacTokenKind.Id;

    /// <summary>The text of a keyword kind.</summary>
    public static string TextOf(WacTokenKind kind) => Kinds.First(k => k.Value == kind).Key;

    /// <summary>Whether a kind is the keyword of a statement or clause the subset does not support.</summary>
    public static bool IsUnsupported(WacTokenKind kind) =>
        kind is WacTokenKind.Import or WacTokenKind.Interface or WacTokenKind.World or WacTokenKind.Type
            or WacTokenKind.Use or WacTokenKind.Include or WacTokenKind.Targets;
}
