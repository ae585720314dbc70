namespace WitBindgen.WitParser.Text;

/// <summary>One WIT source file inside a <see cref="SourceMap"/>.</summary>
public sealed class SourceFile
{
    private int[]? _lineStarts;

    internal SourceFile(string path, string text, int offset)
    {
        Path = path;
        Text = text;
        Offset = offset;
    }

    /// <summary>The path as it was given (used verbatim in diagnostics).</summary>
    public string Path { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The global offset of the file's first character.</summary>
    public int Offset { get; }

    /// <summary>Returns the 0-based line and column (in characters) of a file-relative offset.</summary>
    public (int Line, int Column) LineColumn(int relativeOffset)
    {
        var starts = LineStarts();
        int index = Array.BinarySearch(starts, relativeOffset);
        int line = index >= 0 ? index : ~index - 1;
        if (line < 0)
        {
            line = 0;
        }

        return (line, relativeOffset - starts[line]);
    }

    /// <summary>Returns the text of a 0-based line without its line terminator.</summary>
    public string LineText(int line)
    {
        var starts = LineStarts();
        if (line < 0 || line >= starts.Length)
        {
            return string.Empty;
        }

        int start = starts[line];
        int end = line + 1 < starts.Length ? starts[line + 1] - 1 : Text.Length;
        if (end < start)
        {
            end = start;
        }

        var text = Text.Substring(start, end - start);
        return text.EndsWith('\r') ? text[..^1] : text;
    }

    private int[] LineStarts()
    {
        if (_lineStarts is null)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < Text.Length; i++)
            {
                if (Text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = starts.ToArray();
        }

        return _lineStarts;
    }
}
