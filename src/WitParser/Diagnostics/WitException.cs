using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Diagnostics;

/// <summary>
/// Thrown by the front end's entry points when WIT input is invalid. The structured error is in
/// <see cref="Diagnostic"/>; the exception message is its rendered text.
/// </summary>
public sealed class WitException : Exception
{
    /// <summary>Creates an exception carrying a diagnostic.</summary>
    public WitException(WitDiagnostic diagnostic)
        : base(diagnostic.Rendered)
    {
        Diagnostic = diagnostic;
    }

    /// <summary>The diagnostic describing the failure.</summary>
    public WitDiagnostic Diagnostic { get; }
}

/// <summary>
/// The internal error used while lexing, parsing and resolving. It unwinds to the public entry
/// points, which turn it into a <see cref="WitDiagnostic"/> rendered against the right source map.
/// </summary>
internal sealed class WitError : Exception
{
    private readonly List<string> _context = new();

    public WitError(string message, TextSpan? span = null)
        : base(message)
    {
        Span = span;
    }

    /// <summary>The span the message points at, if any.</summary>
    public TextSpan? Span { get; }

    /// <summary>The source map the span belongs to, set by the first boundary that knows it.</summary>
    public SourceMap? Sources { get; private set; }

    /// <summary>Context prefixes, outermost first.</summary>
    public IReadOnlyList<string> ContextChain => _context;

    /// <summary>Attaches the source map if none is attached yet.</summary>
    public WitError WithSources(SourceMap sources)
    {
        Sources ??= sources;
        return this;
    }

    /// <summary>Adds an outer context line (rendered as <c>context: inner</c>).</summary>
    public WitError WithContext(string context)
    {
        _context.Insert(0, context);
        return this;
    }

    public WitDiagnostic ToDiagnostic()
    {
        string body;
        SourceLocation? location = null;
        int? length = null;
        if (Span is { } span && Sources is { } sources && sources.Files.Count > 0)
        {
            body = sources.Highlight(span, Message);
            location = sources.Locate(span);
            length = Math.Max(1, span.Length);
        }
        else
        {
            body = Message;
        }

        var rendered = _context.Count == 0 ? body : string.Join(": ", _context) + ": " + body;
        return new WitDiagnostic(Message, location, Span, rendered, _context.ToArray(), length);
    }
}
