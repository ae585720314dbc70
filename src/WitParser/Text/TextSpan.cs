namespace WitBindgen.WitParser.Text;

/// <summary>
/// A half-open range of UTF-16 offsets into a <see cref="SourceMap"/>. Offsets are global:
/// every file added to a source map occupies its own range, so a span alone identifies the file.
/// </summary>
/// <param name="Start">The first offset covered by the span.</param>
/// <param name="End">The offset one past the last covered position.</param>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The number of offsets covered.</summary>
    public int Length => End - Start;

    /// <summary>A span covering both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static TextSpan Union(TextSpan a, TextSpan b) => new(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));

    /// <inheritdoc />
    public override string ToString() => $"{Start}..{End}";
}
