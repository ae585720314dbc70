using System.Text;

namespace WitBindgen.Cli.Wast;

/// <summary>
/// A node of a <c>.wast</c> script: an atom (keyword, identifier, number or string) or a parenthesised list,
/// with its place in the source so that a component's text can be handed on exactly as written.
/// </summary>
internal sealed class SExpression
{
    private SExpression(int start, int end, int line, string? atom, bool isString, IReadOnlyList<SExpression>? items)
    {
        Start = start;
        End = end;
        Line = line;
        Atom = atom;
        IsString = isString;
        Items = items ?? [];
    }

    /// <summary>Offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Offset just past the last character.</summary>
    public int End { get; }

    /// <summary>1-based line of the first character.</summary>
    public int Line { get; }

    /// <summary>The atom's text (a string's decoded UTF-8 text), or null for a list.</summary>
    public string? Atom { get; }

    /// <summary>Whether the atom was a quoted string.</summary>
    public bool IsString { get; }

    /// <summary>The string's raw bytes (escapes decoded), for <c>binary</c> modules.</summary>
    public byte[] Bytes { get; private init; } = [];

    /// <summary>A list's items.</summary>
    public IReadOnlyList<SExpression> Items { get; }

    public bool IsList => Atom is null;

    /// <summary>The list's first item when it is a keyword (<c>component</c>, <c>invoke</c>, …), else null.</summary>
    public string? Head => IsList && Items.Count > 0 && Items[0] is { IsString: false, Atom: { } a } ? a : null;

    /// <summary>Parses every top-level expression of a script.</summary>
    /// <exception cref="FormatException">The script is not well-formed.</exception>
    public static List<SExpression> ParseAll(string text)
    {
        var parser = new Parser(text);
        var all = new List<SExpression>();
        while (parser.SkipSpace())
        {
            all.Add(parser.Next());
        }

        return all;
    }

    public override string ToString() => Atom ?? $"({string.Join(' ', Items)})";

    private sealed class Parser(string text)
    {
        private int _pos;
        private int _line = 1;

        /// <summary>Skips white space and comments; false at the end.</summary>
        public bool SkipSpace()
        {
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '\n')
                {
                    _line++;
                    _pos++;
                }
                else if (char.IsWhiteSpace(c))
                {
                    _pos++;
                }
                else if (c == ';' && Peek(1) == ';')
                {
                    while (_pos < text.Length && text[_pos] != '\n')
                    {
                        _pos++;
                    }
                }
                else if (c == '(' && Peek(1) == ';')
                {
                    SkipBlockComment();
                }
                else
                {
                    return true;
                }
            }

            return false;
        }

        public SExpression Next()
        {
            var start = _pos;
            var line = _line;
            var c = text[_pos];
            if (c == '(')
            {
                _pos++;
                var items = new List<SExpression>();
                while (true)
                {
                    if (!SkipSpace())
                    {
                        throw new FormatException($"line {line}: unclosed parenthesis");
                    }

                    if (text[_pos] == ')')
                    {
                        _pos++;
                        return new SExpression(start, _pos, line, null, false, items);
                    }

                    items.Add(Next());
                }
            }

            if (c == ')')
            {
                throw new FormatException($"line {line}: unexpected ')'");
            }

            if (c == '"')
            {
                var bytes = ReadString();
                return new SExpression(start, _pos, line, Encoding.UTF8.GetString(bytes), true, null) { Bytes = bytes };
            }

            while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not ('(' or ')' or '"' or ';'))
            {
                _pos++;
            }

            return new SExpression(start, _pos, line, text[start.._pos], false, null);
        }

        private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

        private void SkipBlockComment()
        {
            var depth = 0;
            while (_pos < text.Length)
            {
                if (text[_pos] == '(' && Peek(1) == ';')
                {
                    depth++;
                    _pos += 2;
                }
                else if (text[_pos] == ';' && Peek(1) == ')')
                {
                    _pos += 2;
                    if (--depth == 0)
                    {
                        return;
                    }
                }
                else
                {
                    if (text[_pos] == '\n')
                    {
                        _line++;
                    }

                    _pos++;
                }
            }

            throw new FormatException($"line {_line}: unclosed block comment");
        }

        /// <summary>A string's bytes: <c>\hh</c>, <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\"</c>, <c>\'</c>, <c>\\</c>, <c>\u{…}</c>.</summary>
        private byte[] ReadString()
        {
            var bytes = new List<byte>();
            _pos++;
            Span<byte> utf8 = stackalloc byte[4];
            while (true)
            {
                if (_pos >= text.Length)
                {
                    throw new FormatException($"line {_line}: unclosed string");
                }

                var c = text[_pos++];
                if (c == '"')
                {
                    return bytes.ToArray();
                }

                if (c == '\n')
                {
                    _line++;
                }

                if (c != '\\')
                {
                    var rune = char.IsHighSurrogate(c) && _pos < text.Length ? new Rune(c, text[_pos++]) : new Rune(c);
                    bytes.AddRange(utf8[..rune.EncodeToUtf8(utf8)].ToArray());
                    continue;
                }

                var e = text[_pos++];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case '"': bytes.Add((byte)'"'); break;
                    case '\'': bytes.Add((byte)'\''); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case 'u':
                        var close = text.IndexOf('}', _pos);
                        var scalar = new Rune(Convert.ToInt32(text[(_pos + 1)..close].Replace("_", string.Empty), 16));
                        bytes.AddRange(utf8[..scalar.EncodeToUtf8(utf8)].ToArray());
                        _pos = close + 1;
                        break;
                    default:
                        bytes.Add(Convert.ToByte(text.Substring(_pos - 1, 2), 16));
                        _pos++;
                        break;
                }
            }
        }
    }
}
