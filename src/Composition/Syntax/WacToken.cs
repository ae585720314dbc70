using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Syntax;

/// <summary>
/// A WAC token: its kind, its span and, for identifiers, strings, versions and errors, its text (an identifier
/// without its <c>%</c>, a string without its quotes, an error's message). Comments are not tokens.
/// </summary>
internal readonly record struct WacToken(WacTokenKind Kind, TextSpan Span, string Text)
{
    /// <summary>How an error message names a token kind.</summary>
    public static string Describe(WacTokenKind kind) => kind switch
    {
        WacTokenKind.Eof => "end of file",
        WacTokenKind.Colon => "`:`",
        WacTokenKind.Semicolon => "`;`",
        WacTokenKind.Comma => "`,`",
        WacTokenKind.Period => "`.`",
        WacTokenKind.Ellipsis => "`...`",
        WacTokenKind.Equals => "`=`",
        WacTokenKind.LeftBrace => "`{`",
        WacTokenKind.RightBrace => "`}`",
        WacTokenKind.LeftBracket => "`[`",
        WacTokenKind.RightBracket => "`]`",
        WacTokenKind.LeftParen => "`(`",
        WacTokenKind.RightParen => "`)`",
        WacTokenKind.At => "`@`",
        WacTokenKind.Slash => "`/`",
        WacTokenKind.StringLiteral => "a string",
        WacTokenKind.Version => "a version",
        WacTokenKind.Id or WacTokenKind.ExplicitId => "an identifier",
        WacTokenKind.Error => "an invalid token",
        _ => "keyword `" + WacKeywords.TextOf(kind) + "`",
    };

    /// <summary>How an error message names this token (identifiers and keywords with their text).</summary>
    public string Describe() => Kind switch
    {
        WacTokenKind.Id => $"identifier `{Text}`",
        WacTokenKind.ExplicitId => $"identifier `%{Text}`",
        WacTokenKind.StringLiteral => $"string \"{Text}\"",
        _ => Describe(Kind),
    };
}
