namespace WitBindgen.Composition.Syntax;

/// <summary>The kinds of WAC tokens.</summary>
internal enum WacTokenKind
{
    Eof,
    Colon,
    Semicolon,
    Comma,
    Period,
    Ellipsis,
    Equals,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    At,
    Slash,
    StringLiteral,

    /// <summary>A semantic version, lexed as one token right after <c>@</c>.</summary>
    Version,
    Id,

    /// <summary>A <c>%</c>-escaped identifier (never a keyword); its text is the name without the <c>%</c>.</summary>
    ExplicitId,
    Package,
    Let,
    New,
    Export,
    As,

    // Keywords of WAC statements this subset does not support; recognised so that the error can say so.
    Import,
    Interface,
    World,
    Type,
    Use,
    Include,
    Targets,

    /// <summary>Lexing failed here; the token's text is the error message.</summary>
    Error,
}
