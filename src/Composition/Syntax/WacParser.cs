using Pidgin;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Syntax;

/// <summary>
/// Parses a WAC file into a <see cref="WacDocument"/>, or returns the first syntax error as a located diagnostic.
/// Never throws on any input.
/// </summary>
internal static class WacParser
{
    /// <summary>Brackets nested deeper than this are refused before parsing, so hostile input cannot exhaust the stack.</summary>
    public const int MaxNesting = 64;

    public static (WacDocument? Document, CompositionDiagnostic? Error) Parse(SourceMap sources, SourceFile file)
    {
        var tokens = WacLexer.Tokenize(file);
        if (TooDeep(tokens) is { } deep)
        {
            return (null, CompositionDiagnostic.At(sources, deep.Span, $"brackets are nested more than {MaxNesting} levels deep"));
        }

        var result = WacGrammar.Document.Parse(tokens);
        if (result.Success)
        {
            return (result.Value, null);
        }

        var error = result.Error!;
        var found = error.Unexpected.HasValue
            ? error.Unexpected.Value
            : tokens[Math.Clamp(error.ErrorOffset, 0, tokens.Length - 1)];
        return (null, CompositionDiagnostic.At(sources, found.Span, Message(found, error.Expected)));
    }

    private static string Message(WacToken found, IEnumerable<Pidgin.Expected<WacToken>> expected)
    {
        if (found.Kind == WacTokenKind.Error)
        {
            return found.Text;
        }

        if (found.Kind == WacTokenKind.Targets)
        {
            return "`targets` clauses are not supported yet";
        }

        if (WacKeywords.IsUnsupported(found.Kind))
        {
            return $"`{WacKeywords.TextOf(found.Kind)}` statements are not supported yet (this subset has `let` and `export` statements)";
        }

        var labels = expected
            .Select(e => e.Label ?? (e.IsEof ? "end of file" : null))
            .OfType<string>()
            .Distinct()
            .ToList();
        var what = labels.Count switch
        {
            0 => "something else",
            1 => labels[0],
            _ => string.Join(", ", labels.Take(labels.Count - 1)) + " or " + labels[^1],
        };
        return $"expected {what}, found {found.Describe()}";
    }

    private static WacToken? TooDeep(WacToken[] tokens)
    {
        int depth = 0;
        foreach (var token in tokens)
        {
            if (token.Kind is WacTokenKind.LeftBrace or WacTokenKind.LeftBracket or WacTokenKind.LeftParen)
            {
                if (++depth > MaxNesting)
                {
                    return token;
                }
            }
            else if (token.Kind is WacTokenKind.RightBrace or WacTokenKind.RightBracket or WacTokenKind.RightParen)
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
    }
}
