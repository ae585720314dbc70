using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition;

/// <summary>
/// An error in a composition file, as data: what went wrong, where, and the rendered text in the same layout as a
/// WIT diagnostic (message, <c>--&gt; file:line:col</c>, the source line and a caret run under the offending token).
/// </summary>
public sealed class CompositionDiagnostic
{
    private CompositionDiagnostic(string message, SourceLocation? location, TextSpan? span, string rendered)
    {
        Message = message;
        Location = location;
        Span = span;
        Rendered = rendered;
    }

    /// <summary>The bare message, e.g. <c>instance `a` has no export `run`</c>.</summary>
    public string Message { get; }

    /// <summary>The 1-based file, line and column of the offending token (columns in UTF-8 bytes, as for WIT); null for an error that is not in the file.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The character range of the offending token in the file; null for an error that is not in the file.</summary>
    public TextSpan? Span { get; }

    /// <summary>The complete text: the message, the location, the source line and the caret run.</summary>
    public string Rendered { get; }

    /// <inheritdoc />
    public override string ToString() => Rendered;

    /// <summary>A diagnostic pointing at <paramref name="span"/> of a file in <paramref name="sources"/>.</summary>
    internal static CompositionDiagnostic At(SourceMap sources, TextSpan span, string message) =>
        new(message, sources.Locate(span), span, sources.Highlight(span, message));

    /// <summary>A diagnostic about something outside the file (e.g. an unreadable package folder).</summary>
    internal static CompositionDiagnostic General(string message) => new(message, null, null, message);
}
