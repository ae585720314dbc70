namespace WitBindgen.WitParser.Text;

/// <summary>
/// Where an item of the model is declared: a range of characters in one source file (for tools that point at WIT
/// items, such as the source generator's diagnostics).
/// </summary>
/// <param name="Path">The file path as it was given to the loader.</param>
/// <param name="Start">The 0-based offset of the first character in the file, in UTF-16 code units.</param>
/// <param name="Length">The number of UTF-16 code units covered.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, in UTF-16 code units (unlike <see cref="SourceLocation"/>, which counts UTF-8 bytes as the reference parser does).</param>
public readonly record struct SourceSpan(string Path, int Start, int Length, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
