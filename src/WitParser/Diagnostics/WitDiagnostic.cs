using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Diagnostics;

/// <summary>
/// A WIT error as data: what went wrong, where, and the fully rendered text in the layout of the
/// reference parser (message, <c>--&gt; file:line:col</c>, source line and caret run).
/// </summary>
public sealed class WitDiagnostic
{
    internal WitDiagnostic(string message, SourceLocation? location, TextSpan? span, string rendered, IReadOnlyList<string> context, int? spanLength)
    {
        Message = message;
        Location = location;
        Span = span;
        Rendered = rendered;
        Context = context;
        SpanLength = spanLength;
    }

    /// <summary>The bare message, e.g. <c>type `foo` does not exist</c>.</summary>
    public string Message { get; }

    /// <summary>Where the error points, when it points anywhere.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The global span inside the source map that produced this diagnostic.</summary>
    public TextSpan? Span { get; }

    /// <summary>The number of characters the caret run covers (at least one), when located.</summary>
    public int? SpanLength { get; }

    /// <summary>Outer context lines, outermost first (e.g. the directory being resolved).</summary>
    public IReadOnlyList<string> Context { get; }

    /// <summary>The complete text, exactly as the reference parser renders it.</summary>
    public string Rendered { get; }

    /// <inheritdoc />
    public override string ToString() => Rendered;
}
