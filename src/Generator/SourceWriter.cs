using System.Text;

namespace WitBindgen.Generator;

/// <summary>Builds generated source text line by line with four-space indentation and <c>\n</c> line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public void WriteLine()
    {
        _sb.Append('\n');
    }

    public void WriteLine(string line)
    {
        _sb.Append(' ', _indent * 4).Append(line).Append('\n');
    }

    /// <summary>Writes a line exactly as given (already indented).</summary>
    public void WriteVerbatim(string line)
    {
        _sb.Append(line).Append('\n');
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public override string ToString() => _sb.ToString();
}
