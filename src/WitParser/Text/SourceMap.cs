using System.Text;

namespace WitBindgen.WitParser.Text;

/// <summary>
/// The set of files that make up one WIT package (or a nested group of packages). Each file gets
/// a distinct range of global offsets so that a <see cref="TextSpan"/> can be traced back to its file.
/// </summary>
public sealed class SourceMap
{
    private readonly List<SourceFile> _files = new();
    private int _nextOffset;

    /// <summary>The files in the order they were added.</summary>
    public IReadOnlyList<SourceFile> Files => _files;

    /// <summary>Adds a file and returns it.</summary>
    public SourceFile Add(string path, string text)
    {
        var file = new SourceFile(path, text, _nextOffset);
        _files.Add(file);

        // One extra position past the end lets an end-of-file span still point into this file.
        _nextOffset += text.Length + 1;
        return file;
    }

    /// <summary>Finds the file that holds a global offset.</summary>
    public SourceFile FileAt(int offset)
    {
        SourceFile result = _files[0];
        foreach (var file in _files)
        {
            if (file.Offset <= offset)
            {
                result = file;
            }
            else
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Returns the 1-based location of a span: file path, line and column.</summary>
    public SourceLocation Locate(TextSpan span)
    {
        var file = FileAt(span.Start);
        var (line, column) = file.LineColumn(span.Start - file.Offset);
        return new SourceLocation(file.Path, line + 1, Utf8Column(file, line, column) + 1);
    }

    /// <summary>The file, character offset, line and character column of a span (for model items' locations).</summary>
    public SourceSpan SpanOf(TextSpan span)
    {
        var file = FileAt(span.Start);
        var start = Math.Clamp(span.Start - file.Offset, 0, file.Text.Length);
        var length = Math.Clamp(span.End - file.Offset, start, file.Text.Length) - start;
        var (line, column) = file.LineColumn(start);
        return new SourceSpan(file.Path, start, length, line + 1, column + 1);
    }

    /// <summary>Renders <c>path:line:col</c> for a span.</summary>
    public string RenderLocation(TextSpan span) => Locate(span).ToString();

    /// <summary>
    /// Renders a message with the location and the source line underlined, in the same layout
    /// as the reference WIT parser.
    /// </summary>
    public string Highlight(TextSpan span, string message)
    {
        var file = FileAt(span.Start);
        int start = span.Start - file.Offset;
        var (line, column) = file.LineColumn(start);
        var snippet = file.LineText(line);
        column = Utf8Column(file, line, column);
        if (System.Text.Encoding.UTF8.GetByteCount(snippet) > MaxSnippetLength)
        {
            return $"{file.Path}:{line + 1}:{column + 1}: {message}";
        }

        var sb = new StringBuilder();
        sb.Append(message).Append('\n');
        sb.Append("     --> ").Append(file.Path).Append(':').Append(line + 1).Append(':').Append(column + 1).Append('\n');
        sb.Append("      |\n");
        sb.Append(' ').Append((line + 1).ToString().PadLeft(4)).Append(" | ").Append(snippet).Append('\n');
        sb.Append("      | ").Append(' ', column).Append('^');
        int end = Math.Min(span.End - file.Offset, file.Text.Length);
        if (end > start)
        {
            int chars = CountChars(file.Text, start, end);
            sb.Append('-', Math.Max(0, chars - 1));
        }

        return sb.ToString();
    }

    /// <summary>Lines longer than this many UTF-8 bytes are not echoed; the location is given inline.</summary>
    internal const int MaxSnippetLength = 500;

    // The reference parser counts columns in UTF-8 bytes; mirror that so locations agree.
    private static int Utf8Column(SourceFile file, int line, int charColumn)
    {
        var text = file.LineText(line);
        if (charColumn > text.Length)
        {
            return charColumn;
        }

        return Encoding.UTF8.GetByteCount(text.AsSpan(0, charColumn));
    }

    private static int CountChars(string text, int start, int end)
    {
        int count = 0;
        for (int i = start; i < end; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>A 1-based position in a named file.</summary>
/// <param name="Path">The file path as given.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, in characters.</param>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
