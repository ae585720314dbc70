using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Syntax;

/// <summary>
/// A significant WIT token. Comments are not tokens: the comments that precede a token are kept
/// on it (<see cref="LeadingComments"/>) because WIT treats them as documentation.
/// </summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, Comment[]? LeadingComments)
{
    /// <summary>The text the reference parser uses to describe a token kind in errors.</summary>
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.Eof => "eof",
        TokenKind.Equals => "'='",
        TokenKind.Comma => "','",
        TokenKind.Colon => "':'",
        TokenKind.Period => "'.'",
        TokenKind.Semicolon => "';'",
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.LeftBrace => "'{'",
        TokenKind.RightBrace => "'}'",
        TokenKind.LessThan => "'<'",
        TokenKind.GreaterThan => "'>'",
        TokenKind.RArrow => "`->`",
        TokenKind.Star => "`*`",
        TokenKind.At => "`@`",
        TokenKind.Slash => "`/`",
        TokenKind.Plus => "`+`",
        TokenKind.Minus => "`-`",
        TokenKind.StringLiteral => "a string literal",
        TokenKind.Id => "an identifier",
        TokenKind.ExplicitId => "an '%' identifier",
        TokenKind.Integer => "an integer",
        TokenKind.LexError => "an invalid token",
        _ => "keyword `" + Keywords.TextOf(kind) + "`",
    };
}

/// <summary>A comment's raw text (delimiters included) and span.</summary>
internal readonly record struct Comment(string Text, TextSpan Span);
