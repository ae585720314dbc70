using System.Globalization;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Syntax;

/// <summary>
/// Turns WAC text into tokens. Whitespace and comments (<c>//</c>, nested <c>/* */</c>, and the doc forms
/// <c>///</c> and <c>/** */</c>, which this subset accepts and ignores) are dropped. The first lexical error ends
/// the stream with an <see cref="WacTokenKind.Error"/> token carrying the message, so that an earlier syntax error
/// is reported first; the stream always ends with <see cref="WacTokenKind.Eof"/>. Never throws.
/// </summary>
internal static class WacLexer
{
    public static WacToken[] Tokenize(SourceFile file)
    {
        var text = file.Text;
        int offset = file.Offset;
        var tokens = new List<WacToken>();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            int start = i;
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                int newline = text.IndexOf('\n', i);
                i = newline < 0 ? text.Length : newline + 1;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                if (!SkipBlockComment(text, ref i))
                {
                    return End(tokens, Error("unterminated block comment", offset, start, 2), offset + text.Length);
                }

                continue;
            }

            WacTokenKind kind;
            string tokenText = string.Empty;
            switch (c)
            {
                case ':': i++; kind = WacTokenKind.Colon; break;
                case ';': i++; kind = WacTokenKind.Semicolon; break;
                case ',': i++; kind = WacTokenKind.Comma; break;
                case '=': i++; kind = WacTokenKind.Equals; break;
                case '{': i++; kind = WacTokenKind.LeftBrace; break;
                case '}': i++; kind = WacTokenKind.RightBrace; break;
                case '[': i++; kind = WacTokenKind.LeftBracket; break;
                case ']': i++; kind = WacTokenKind.RightBracket; break;
                case '(': i++; kind = WacTokenKind.LeftParen; break;
                case ')': i++; kind = WacTokenKind.RightParen; break;
                case '/': i++; kind = WacTokenKind.Slash; break;
                case '.':
                    if (i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
                    {
                        i += 3;
                        kind = WacTokenKind.Ellipsis;
                    }
                    else
                    {
                        i++;
                        kind = WacTokenKind.Period;
                    }

                    break;
                case '@':
                    tokens.Add(new WacToken(WacTokenKind.At, Span(offset, i, i + 1), string.Empty));
                    i++;
                    if (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        start = i;
                        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or '+'))
                        {
                            i++;
                        }

                        tokens.Add(new WacToken(WacTokenKind.Version, Span(offset, start, i), text[start..i]));
                    }

                    continue;
                case '"':
                {
                    int close = i + 1;
                    while (close < text.Length && text[close] != '"' && text[close] != '\n' && !char.IsControl(text[close]))
                    {
                        close++;
                    }

                    if (close >= text.Length || text[close] != '"')
                    {
                        return End(tokens, Error("unterminated string", offset, start, 1), offset + text.Length);
                    }

                    tokenText = text[(i + 1)..close];
                    i = close + 1;
                    kind = WacTokenKind.StringLiteral;
                    break;
                }

                case '%':
                    i++;
                    if (i >= text.Length || !IsWordChar(text[i]))
                    {
                        return End(tokens, Error("expected an identifier after `%`", offset, start, 1), offset + text.Length);
                    }

                    i = SkipWord(text, i);
                    tokenText = text[(start + 1)..i];
                    if (WacIdentifiers.Check(tokenText) is { } explicitError)
                    {
                        return End(tokens, Error(explicitError, offset, start, i - start), offset + text.Length);
                    }

                    kind = WacTokenKind.ExplicitId;
                    break;
                default:
                    if (!IsWordChar(c))
                    {
                        return End(tokens, Error("unexpected character " + Quote(text, i), offset, start, char.IsSurrogatePair(text, i) ? 2 : 1), offset + text.Length);
                    }

                    i = SkipWord(text, i);
                    tokenText = text[start..i];
                    kind = WacKeywords.Classify(tokenText);
                    if (kind == WacTokenKind.Id && WacIdentifiers.Check(tokenText) is { } error)
                    {
                        return End(tokens, Error(error, offset, start, i - start), offset + text.Length);
                    }

                    if (kind != WacTokenKind.Id)
                    {
                        tokenText = string.Empty;
                    }

                    break;
            }

            tokens.Add(new WacToken(kind, Span(offset, start, i), tokenText));
        }

        return End(tokens, null, offset + text.Length);
    }

    private static WacToken[] End(List<WacToken> tokens, WacToken? error, int end)
    {
        if (error is { } e)
        {
            tokens.Add(e);
        }

        tokens.Add(new WacToken(WacTokenKind.Eof, new TextSpan(end, end), string.Empty));
        return tokens.ToArray();
    }

    private static WacToken Error(string message, int offset, int start, int length) =>
        new(WacTokenKind.Error, Span(offset, start, start + length), message);

    private static TextSpan Span(int offset, int start, int end) => new(offset + start, offset + end);

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static int SkipWord(string text, int i)
    {
        while (i < text.Length && IsWordChar(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Skips a (nested) block comment starting at <paramref name="i"/>; false when it is not closed.</summary>
    private static bool SkipBlockComment(string text, ref int i)
    {
        int depth = 0;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return true;
                }
            }
            else
            {
                i++;
            }
        }

        return false;
    }

    /// <summary>Quotes the character at <paramref name="i"/>, escaping what would not print.</summary>
    private static string Quote(string text, int i)
    {
        int codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
        if (char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i))
        {
            return $"'\\u{{{(int)text[i]:x}}}'";
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        bool printable = category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
        return printable ? $"'{char.ConvertFromUtf32(codePoint)}'" : $"'\\u{{{codePoint:x}}}'";
    }
}
