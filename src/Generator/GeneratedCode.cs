namespace WitBindgen.Generator;

/// <summary>
/// The <c>[GeneratedCode]</c> attribute every generated type carries, so analyzers, coverage tools and readers can tell
/// generated code from the project's own. Its version is the generator assembly's.
/// </summary>
internal static class GeneratedCode
{
    /// <summary>The tool name in the attribute.</summary>
    public const string Tool = "WitBindgen";

    /// <summary>The generator assembly's version (<c>major.minor.build.revision</c>).</summary>
    public static readonly string Version = typeof(GeneratedCode).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The attribute line: <c>[global::System.CodeDom.Compiler.GeneratedCode("WitBindgen", "1.0.0.0")]</c>.</summary>
    public static readonly string Line = $"[global::System.CodeDom.Compiler.GeneratedCode(\"{Tool}\", \"{Version}\")]";

    /// <summary>Writes the attribute line.</summary>
    public static void Write(SourceWriter w) => w.WriteLine(Line);
}
