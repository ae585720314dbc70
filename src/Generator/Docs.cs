namespace WitBindgen.Generator;

/// <summary>Writes WIT documentation as XML doc comments.</summary>
internal static class Docs
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Markdown code spans (<c>`x`</c>) in WIT docs become <c>&lt;c&gt;x&lt;/c&gt;</c>.</summary>
    public static string Code(string escapedLine) => CodeSpan.Replace(escapedLine, "<c>$1</c>");

    private static readonly System.Text.RegularExpressions.Regex CodeSpan = new("`([^`]+)`", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static void Summary(SourceWriter w, string? docs, string fallback) => Element(w, "summary", null, docs, fallback);

    public static void Param(SourceWriter w, string name, string? docs, string fallback) =>
        Element(w, "param", name.TrimStart('@'), docs, fallback);

    private static void Element(SourceWriter w, string tag, string? name, string? docs, string fallback)
    {
        var open = name is null ? $"<{tag}>" : $"<{tag} name=\"{name}\">";
        var lines = string.IsNullOrWhiteSpace(docs)
            ? new[] { fallback }
            : docs!.Replace("\r\n", "\n").Trim('\n').Split('\n').Select(l => Code(Escape(l.TrimEnd()))).ToArray();
        if (lines.Length == 1)
        {
            w.WriteLine($"/// {open}{lines[0]}</{tag}>");
            return;
        }

        w.WriteLine("/// " + open);
        foreach (var line in lines)
        {
            w.WriteLine(line.Length == 0 ? "///" : "/// " + line);
        }

        w.WriteLine($"/// </{tag}>");
    }
}
