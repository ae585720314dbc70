using System.Text;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Syntax;

/// <summary>
/// Turns WIT text into tokens. Whitespace is dropped; comments are attached to the next token as
/// its leading comments. The token list always ends with an <see cref="TokenKind.Eof"/> token.
/// </summary>
internal static class Lexer
{
    public static Token[] Tokenize(SourceFile file)
    {
        var text = file.Text;
        int offset = file.Offset;
        RejectInvalidCodepoints(text, offset);

        var tokens = new List<Token>();
        var comments = new List<Comment>();
        int i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        try
        {
            LexAll(text, offset, ref i, tokens, comments);
        }
        catch (WitError e) when (e.Span is { } span)
        {
            // Like the reference's on-demand lexer, a lexical error surfaces only when the parser
            // reaches it: earlier syntax errors win.
            tokens.Add(new Token(TokenKind.LexError, span, e.Message, TakeComments(comments)));
        }

        tokens.Add(new Token(TokenKind.Eof, new TextSpan(offset + text.Length, offset + text.Length), string.Empty, TakeComments(comments)));
        return tokens.ToArray();
    }

    private static void LexAll(string text, int offset, ref int i, List<Token> tokens, List<Comment> comments)
    {
        while (i < text.Length)
        {
            int start = i;
            char ch = text[i];
            TokenKind kind;
            switch (ch)
            {
                case ' ':
                case '\t':
                case '\n':
                    i++;
                    continue;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i += 2;
                    continue;
                case '/':
                    if (i + 1 < text.Length && text[i + 1] == '/')
                    {
                        int nl = text.IndexOf('\n', i + 2);
                        i = nl < 0 ? text.Length : nl + 1;
                        comments.Add(new Comment(text.Substring(start, i - start), new TextSpan(offset + start, offset + i)));
                        continue;
                    }

                    if (i + 1 < text.Length && text[i + 1] == '*')
                    {
                        i = SkipBlockComment(text, i, offset);
                        comments.Add(new Comment(text.Substring(start, i - start), new TextSpan(offset + start, offset + i)));
                        continue;
                    }

                    i++;
                    kind = TokenKind.Slash;
                    break;
                case '=': i++; kind = TokenKind.Equals; break;
                case ',': i++; kind = TokenKind.Comma; break;
                case ':': i++; kind = TokenKind.Colon; break;
                case '.': i++; kind = TokenKind.Period; break;
                case ';': i++; kind = TokenKind.Semicolon; break;
                case '(': i++; kind = TokenKind.LeftParen; break;
                case ')': i++; kind = TokenKind.RightParen; break;
                case '{': i++; kind = TokenKind.LeftBrace; break;
                case '}': i++; kind = TokenKind.RightBrace; break;
                case '<': i++; kind = TokenKind.LessThan; break;
                case '>': i++; kind = TokenKind.GreaterThan; break;
                case '*': i++; kind = TokenKind.Star; break;
                case '@': i++; kind = TokenKind.At; break;
                case '+': i++; kind = TokenKind.Plus; break;
                case '-':
                    if (i + 1 < text.Length && text[i + 1] == '>')
                    {
                        i += 2;
                        kind = TokenKind.RArrow;
                    }
                    else
                    {
                        i++;
                        kind = TokenKind.Minus;
                    }

                    break;
                case '%':
                    i++;
                    if (i < text.Length && CharFacts.IsKeylikeStart(CharFacts.CodePointAt(text, i, out _)))
                    {
                        i = SkipKeylike(text, i);
                    }

                    kind = TokenKind.ExplicitId;
                    break;
                case '"':
                    i = SkipString(text, i, offset);
                    kind = TokenKind.StringLiteral;
                    break;
                default:
                {
                    int cp = CharFacts.CodePointAt(text, i, out _);
                    if (CharFacts.IsKeylikeStart(cp))
                    {
                        i = SkipKeylike(text, i);
                        kind = Keywords.Classify(text.Substring(start, i - start));
                    }
                    else if (ch >= '0' && ch <= '9')
                    {
                        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                        {
                            i++;
                        }

                        kind = TokenKind.Integer;
                    }
                    else
                    {
                        throw new WitError("unexpected character " + CharFacts.RustDebug(cp), new TextSpan(offset + start, offset + start + 1));
                    }

                    break;
                }
            }

            string tokenText = kind is TokenKind.Id or TokenKind.ExplicitId or TokenKind.Integer or TokenKind.StringLiteral
                ? text.Substring(start, i - start)
                : string.Empty;
            tokens.Add(new Token(kind, new TextSpan(offset + start, offset + i), tokenText, TakeComments(comments)));
        }
    }

    private static Comment[]? TakeComments(List<Comment> comments)
    {
        if (comments.Count == 0)
        {
            return null;
        }

        var result = comments.ToArray();
        comments.Clear();
        return result;
    }

    private static int SkipKeylike(string text, int i)
    {
        CharFacts.CodePointAt(text, i, out int width);
        i += width;
        while (i < text.Length)
        {
            int cp = CharFacts.CodePointAt(text, i, out width);
            if (!CharFacts.IsKeylikeContinue(cp))
            {
                break;
            }

            i += width;
        }

        return i;
    }

    private static int SkipBlockComment(string text, int start, int offset)
    {
        int depth = 1;
        int i = start + 2;
        while (depth > 0)
        {
            if (i >= text.Length)
            {
                throw new WitError("unterminated block comment", new TextSpan(offset + start, offset + start + 1));
            }

            char c = text[i++];
            if (c == '/' && i < text.Length && text[i] == '*')
            {
                i++;
                depth++;
            }
            else if (c == '*' && i < text.Length && text[i] == '/')
            {
                i++;
                depth--;
            }
        }

        return i;
    }

    private static int SkipString(string text, int start, int offset)
    {
        _ = DecodeString(text, start, offset, out int end);
        return end;
    }

    /// <summary>Decodes a string literal starting at the opening quote.</summary>
    public static string DecodeString(string text, int start, int offset, out int end)
    {
        var sb = new StringBuilder();
        int i = start + 1;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new WitError("unterminated string literal", new TextSpan(offset + start, offset + start + 1));
            }

            int pos = i;
            char c = text[i++];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                if (i >= text.Length)
                {
                    throw new WitError("unexpected end of file", new TextSpan(offset + text.Length, offset + text.Length + 1));
                }

                char e = text[i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\'': sb.Append('\''); break;
                    case 't': sb.Append('\t'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'u':
                    {
                        if (i >= text.Length || text[i] != '{')
                        {
                            throw new WitError("expected character '{'", new TextSpan(offset + i, offset + i + 1));
                        }

                        i++;
                        uint value = 0;
                        int digits = 0;
                        while (i < text.Length && (Uri.IsHexDigit(text[i]) || text[i] == '_'))
                        {
                            if (text[i] != '_')
                            {
                                value = checked(value * 16 + (uint)Convert.ToInt32(text[i].ToString(), 16));
                                digits++;
                            }

                            i++;
                        }

                        if (digits == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                        {
                            throw new WitError($"invalid unicode value 0x{value:x}", new TextSpan(offset + pos, offset + pos + 1));
                        }

                        if (i >= text.Length || text[i] != '}')
                        {
                            throw new WitError("expected character '}'", new TextSpan(offset + i, offset + i + 1));
                        }

                        i++;
                        sb.Append(char.ConvertFromUtf32((int)value));
                        break;
                    }

                    default:
                        if (Uri.IsHexDigit(e) && i < text.Length && Uri.IsHexDigit(text[i]))
                        {
                            sb.Append((char)Convert.ToInt32(text.Substring(i - 1, 2), 16));
                            i++;
                            break;
                        }

                        throw new WitError("invalid string escape " + CharFacts.RustDebug(e), new TextSpan(offset + pos, offset + pos + 1));
                }

                continue;
            }

            if (c < 0x20 || c == 0x7f)
            {
                throw new WitError("invalid string character " + CharFacts.RustDebug(c), new TextSpan(offset + pos, offset + pos + 1));
            }

            sb.Append(c);
        }

        end = i;
        return sb.ToString();
    }

    private static void RejectInvalidCodepoints(string text, int offset)
    {
        for (int i = 0; i < text.Length; i++)
        {
            int cp = CharFacts.CodePointAt(text, i, out int width);
            var span = new TextSpan(offset + i, offset + i + 1);
            switch (cp)
            {
                case '\n' or '\r' or '\t':
                    break;
                case 0x202a or 0x202b or 0x202c or 0x202d or 0x202e or 0x2066 or 0x2067 or 0x2068 or 0x2069:
                    throw new WitError($"Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('{CharFacts.EscapeUnicode(cp)}'))", span);
                case 0x149 or 0x673 or 0xf77 or 0xf79 or 0x17a3 or 0x17a4 or 0x17b4 or 0x17b5:
                    throw new WitError($"Codepoint EscapeUnicode(EscapeIterInner('{CharFacts.EscapeUnicode(cp)}')) is discouraged by Unicode", span);
                default:
                    if (CharFacts.IsControl(cp))
                    {
                        throw new WitError($"Control code '{CharFacts.EscapeUnicode(cp)}'", span);
                    }

                    if (cp >= 0xD800 && cp <= 0xDFFF)
                    {
                        throw new WitError("invalid UTF-8 input", span);
                    }

                    break;
            }

            i += width - 1;
        }
    }
}
