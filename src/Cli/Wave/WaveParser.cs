using System.Globalization;
using System.Numerics;
using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Cli.Wave;

/// <summary>
/// Reads WAVE, the WebAssembly Value Encoding (the text <c>wasmtime run --invoke</c> takes), against a type:
/// <c>true</c>, <c>-7</c>, <c>1.5e3</c>, <c>nan</c>, <c>'x'</c>, <c>"a\tb"</c> (and <c>"""</c> multi-line strings),
/// <c>[1, 2]</c>, <c>(1, "a")</c>, <c>{x: 1, y: 2}</c> (option fields may be left out), <c>case(payload)</c>,
/// <c>some(x)</c>/<c>none</c> (or the payload alone), <c>ok(x)</c>/<c>err(e)</c> (or the ok payload alone),
/// <c>{read, write}</c>. Labels may start with <c>%</c> (a case named like a keyword must). Whitespace and
/// <c>//</c> comments may stand between tokens. Errors are <see cref="WaveSyntaxException"/>s with a 1-based column.
/// </summary>
internal sealed class WaveParser
{
    private readonly string _text;
    private int _position;

    private WaveParser(string text, int position)
    {
        _text = text;
        _position = position;
    }

    /// <summary>Parses <paramref name="text"/> as one value of <paramref name="type"/> (whitespace around it allowed).</summary>
    public static WitValue Parse(string text, WaveType type)
    {
        var parser = new WaveParser(text, 0);
        var value = parser.Value(type);
        parser.SkipSpace();
        parser.ExpectEnd();
        return value;
    }

    /// <summary>
    /// Parses a parenthesised, comma-separated argument list starting at <paramref name="start"/> of
    /// <paramref name="text"/> (columns count from the start of <paramref name="text"/>): <c>(1, "a")</c>. Nothing
    /// but whitespace may follow it.
    /// </summary>
    public static WitValue[] ParseArguments(string text, int start, IReadOnlyList<WaveType> types)
    {
        var parser = new WaveParser(text, start);
        parser.SkipSpace();
        parser.Expect('(');
        var values = parser.Items(')', types.Count, i => types[i], what: "argument");
        parser.SkipSpace();
        parser.ExpectEnd();
        return values;
    }

    private WitValue Value(WaveType type)
    {
        SkipSpace();
        switch (type)
        {
            case WavePrimitive { Kind: WavePrimitiveKind.Bool }:
                var at = _position;
                return Label() switch
                {
                    ("true", false) => WitValue.Bool(true),
                    ("false", false) => WitValue.Bool(false),
                    _ => throw Error("expected `true` or `false`", at),
                };
            case WavePrimitive { Kind: WavePrimitiveKind.F32 or WavePrimitiveKind.F64 } floating:
                return Float(floating.Kind);
            case WavePrimitive { Kind: WavePrimitiveKind.Char }:
                return Char();
            case WavePrimitive { Kind: WavePrimitiveKind.String }:
                return WitValue.String(String());
            case WavePrimitive integer:
                return Integer(integer.Kind);
            case WaveList list:
                Expect('[');
                var items = Items(']', list.Length, _ => list.Element, what: "element", exact: list.Length is not null);
                return WitValue.List(items);
            case WaveTuple tuple:
                Expect('(');
                return WitValue.Tuple(Items(')', tuple.Elements.Count, i => tuple.Elements[i], what: "element"));
            case WaveRecord record:
                return Record(record);
            case WaveFlags flags:
                return Flags(flags);
            case WaveEnum enumeration:
                {
                    var start = _position;
                    var name = CaseLabel();
                    var index = IndexOf(enumeration.Cases, name);
                    return index >= 0
                        ? WitValue.Enum(index)
                        : throw Error($"`{name}` is not a case of {enumeration.Describe()}", start);
                }

            case WaveVariant variant:
                return Variant(variant);
            case WaveOption option:
                return Option(option);
            case WaveResult result:
                return Result(result);
            case WaveHandle handle:
                throw Error($"a resource handle ({handle.Describe()}) cannot be written in WAVE", _position);
            default:
                throw Error($"values of type {type.Describe()} cannot be written in WAVE", _position);
        }
    }

    private WitValue[] Items(char close, int? count, Func<int, WaveType> typeAt, string what, bool exact = true)
    {
        var values = new List<WitValue>();
        SkipSpace();
        var end = _position;
        while (!TryConsume(close))
        {
            if (count is { } max && values.Count == max)
            {
                throw Error($"too many {what}s: expected {max}", _position);
            }

            values.Add(Value(typeAt(values.Count)));
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                end = _position;
                Expect(close);
                break;
            }

            SkipSpace();
            end = _position;
        }

        if (exact && count is { } expected && values.Count != expected)
        {
            throw Error($"expected {expected} {what}{(expected == 1 ? "" : "s")}, found {values.Count}", end);
        }

        return [.. values];
    }

    private WitValue Record(WaveRecord record)
    {
        Expect('{');
        var values = new WitValue?[record.Fields.Count];
        SkipSpace();
        while (!TryConsume('}'))
        {
            var start = _position;
            var (name, _) = Label();
            var index = -1;
            for (var i = 0; i < record.Fields.Count; i++)
            {
                if (record.Fields[i].Name == name)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                throw Error($"the record has no field `{name}`", start);
            }

            if (values[index] is not null)
            {
                throw Error($"field `{name}` is given twice", start);
            }

            SkipSpace();
            Expect(':');
            values[index] = Value(record.Fields[index].Type);
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect('}');
                break;
            }

            SkipSpace();
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                values[i] = record.Fields[i].Type is WaveOption
                    ? WitValue.None
                    : throw Error($"field `{record.Fields[i].Name}` is missing", _position - 1);
            }
        }

        return WitValue.Record(values.Select(v => v!).ToArray());
    }

    private WitValue Flags(WaveFlags flags)
    {
        Expect('{');
        var set = new List<int>();
        SkipSpace();
        while (!TryConsume('}'))
        {
            var start = _position;
            var (name, _) = Label();
            var index = IndexOf(flags.Names, name);
            if (index < 0)
            {
                throw Error($"`{name}` is not a flag of {flags.Describe()}", start);
            }

            if (set.Contains(index))
            {
                throw Error($"flag `{name}` is given twice", start);
            }

            set.Add(index);
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect('}');
                break;
            }

            SkipSpace();
        }

        return WitValue.Flags(flags.Names.Count, [.. set]);
    }

    private WitValue Variant(WaveVariant variant)
    {
        var start = _position;
        var name = CaseLabel();
        var index = -1;
        for (var i = 0; i < variant.Cases.Count; i++)
        {
            if (variant.Cases[i].Name == name)
            {
                index = i;
            }
        }

        if (index < 0)
        {
            throw Error($"`{name}` is not a case of {variant.Describe()}", start);
        }

        var payload = variant.Cases[index].Payload;
        return WitValue.Variant(index, Payload(name, payload));
    }

    private WitValue Option(WaveOption option)
    {
        var start = _position;
        if (PeekKeyword() is { } keyword && keyword is "some" or "none")
        {
            Label();
            return keyword == "none" ? WitValue.None : WitValue.Some(Payload(keyword, option.Payload)!);
        }

        // "Flat" some: the payload alone, unless it could itself be read as an option or result.
        return option.Payload is WaveOption or WaveResult
            ? throw Error("expected `some(...)` or `none`", start)
            : WitValue.Some(Value(option.Payload));
    }

    private WitValue Result(WaveResult result)
    {
        var start = _position;
        if (PeekKeyword() is { } keyword && keyword is "ok" or "err")
        {
            Label();
            return keyword == "ok" ? WitValue.Ok(Payload(keyword, result.Ok)) : WitValue.Err(Payload(keyword, result.Error));
        }

        // "Flat" ok: the ok payload alone, unless it could itself be read as an option or result.
        return result.Ok is null or WaveOption or WaveResult
            ? throw Error("expected `ok`, `ok(...)`, `err` or `err(...)`", start)
            : WitValue.Ok(Value(result.Ok));
    }

    private WitValue? Payload(string name, WaveType? type)
    {
        SkipSpace();
        if (type is null)
        {
            return Peek() == '(' ? throw Error($"`{name}` has no payload", _position) : null;
        }

        if (Peek() != '(')
        {
            throw Error($"`{name}` needs a payload: `{name}(...)`", _position);
        }

        _position++;
        var value = Value(type);
        SkipSpace();
        Expect(')');
        return value;
    }

    private WitValue Integer(WavePrimitiveKind kind)
    {
        var start = _position;
        var token = NumberToken();
        if (token.Length == 0 || token.Contains('.') || token.Contains('e') || token.Contains('E') || !BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected an integer ({kind.ToString().ToLowerInvariant()})", start);
        }

        var (min, max) = kind switch
        {
            WavePrimitiveKind.S8 => ((BigInteger)sbyte.MinValue, (BigInteger)sbyte.MaxValue),
            WavePrimitiveKind.U8 => (BigInteger.Zero, (BigInteger)byte.MaxValue),
            WavePrimitiveKind.S16 => (short.MinValue, short.MaxValue),
            WavePrimitiveKind.U16 => (BigInteger.Zero, ushort.MaxValue),
            WavePrimitiveKind.S32 => (int.MinValue, int.MaxValue),
            WavePrimitiveKind.U32 => (BigInteger.Zero, uint.MaxValue),
            WavePrimitiveKind.S64 => (long.MinValue, long.MaxValue),
            _ => (BigInteger.Zero, (BigInteger)ulong.MaxValue),
        };
        if (value < min || value > max)
        {
            throw Error($"{token} is out of range for {kind.ToString().ToLowerInvariant()}", start);
        }

        return kind switch
        {
            WavePrimitiveKind.S8 => WitValue.S8((sbyte)value),
            WavePrimitiveKind.U8 => WitValue.U8((byte)value),
            WavePrimitiveKind.S16 => WitValue.S16((short)value),
            WavePrimitiveKind.U16 => WitValue.U16((ushort)value),
            WavePrimitiveKind.S32 => WitValue.S32((int)value),
            WavePrimitiveKind.U32 => WitValue.U32((uint)value),
            WavePrimitiveKind.S64 => WitValue.S64((long)value),
            _ => WitValue.U64((ulong)value),
        };
    }

    private WitValue Float(WavePrimitiveKind kind)
    {
        var start = _position;
        var negative = TryConsume('-');
        if (char.IsAsciiLetter(Peek()))
        {
            var (word, _) = Label();
            double special = (word, negative) switch
            {
                ("inf", false) => double.PositiveInfinity,
                ("inf", true) => double.NegativeInfinity,
                ("nan", false) => double.NaN,
                _ => throw Error($"expected a number ({kind.ToString().ToLowerInvariant()})", start),
            };
            return kind == WavePrimitiveKind.F32 ? WitValue.F32((float)special) : WitValue.F64(special);
        }

        _position = start;
        var token = NumberToken();
        if (token.Length == 0)
        {
            throw Error($"expected a number ({kind.ToString().ToLowerInvariant()})", start);
        }

        if (kind == WavePrimitiveKind.F32)
        {
            return float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single)
                ? WitValue.F32(single)
                : throw Error($"{token} is out of range for f32", start);
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? WitValue.F64(number)
            : throw Error($"{token} is out of range for f64", start);
    }

    /// <summary>Reads <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>; empty when nothing of the kind is here.</summary>
    private string NumberToken()
    {
        var start = _position;
        TryConsume('-');
        if (!char.IsAsciiDigit(Peek()))
        {
            _position = start;
            return "";
        }

        if (Peek() == '0')
        {
            _position++;
            if (char.IsAsciiDigit(Peek()))
            {
                throw Error("a number cannot have leading zeros", start);
            }
        }
        else
        {
            Digits();
        }

        if (Peek() == '.')
        {
            _position++;
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error("expected digits after `.`", _position);
            }

            Digits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error("expected digits in the exponent", _position);
            }

            Digits();
        }

        if (char.IsAsciiLetter(Peek()) || Peek() == '_')
        {
            throw Error("unexpected character in a number", _position);
        }

        return _text[start.._position];
    }

    private void Digits()
    {
        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }
    }

    private WitValue Char()
    {
        var start = _position;
        Expect('\'');
        if (Peek() == '\'')
        {
            throw Error("a char holds exactly one Unicode scalar value", start);
        }

        var rune = Character(quote: '\'');
        if (Peek() != '\'')
        {
            throw Error("a char holds exactly one Unicode scalar value", start);
        }

        _position++;
        return WitValue.Char(rune);
    }

    private string String()
    {
        if (string.CompareOrdinal(_text, _position, "\"\"\"", 0, 3) == 0)
        {
            return MultilineString();
        }

        var start = _position;
        Expect('"');
        var builder = new StringBuilder();
        while (Peek() != '"')
        {
            if (AtEnd)
            {
                throw Error("the string is not closed", start);
            }

            builder.Append(Character(quote: '"').ToString());
        }

        _position++;
        return builder.ToString();
    }

    /// <summary>
    /// <c>"""</c>, a line break, lines, then <c>"""</c> on a line of its own: the closing line's indentation is taken
    /// off every line, and the line break before the closing quotes is not part of the string.
    /// </summary>
    private string MultilineString()
    {
        var start = _position;
        _position += 3;
        if (!TryLineBreak())
        {
            throw Error("a multi-line string starts with a line break after `\"\"\"`", _position);
        }

        var lines = new List<(int Start, int End)>();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("the multi-line string is not closed", start);
            }

            var lineStart = _position;
            while (!AtEnd && _text[_position] is not ('\n' or '\r'))
            {
                _position++;
            }

            var content = _text[lineStart.._position];
            var trimmed = content.TrimStart(' ');
            if (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                var indent = content.Length - trimmed.Length;
                _position = lineStart + indent + 3;
                var builder = new StringBuilder();
                for (var i = 0; i < lines.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append('\n');
                    }

                    var (from, to) = lines[i];
                    for (var k = 0; k < indent && from < to && _text[from] == ' '; k++)
                    {
                        from++;
                    }

                    var saved = _position;
                    _position = from;
                    while (_position < to)
                    {
                        builder.Append(Character(quote: null).ToString());
                    }

                    _position = saved;
                }

                return builder.ToString();
            }

            lines.Add((lineStart, _position));
            if (!TryLineBreak())
            {
                throw Error("the multi-line string is not closed", start);
            }
        }
    }

    private bool TryLineBreak()
    {
        if (string.CompareOrdinal(_text, _position, "\r\n", 0, 2) == 0)
        {
            _position += 2;
            return true;
        }

        return TryConsume('\n');
    }

    /// <summary>One character of a char or string, escapes decoded; <paramref name="quote"/> must be escaped.</summary>
    private Rune Character(char? quote)
    {
        var at = _position;
        if (AtEnd)
        {
            throw Error("unexpected end of input", at);
        }

        var c = _text[_position];
        if (c == '\\')
        {
            _position++;
            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '\'':
                    return new Rune('\'');
                case '"':
                    return new Rune('"');
                case '\\':
                    return new Rune('\\');
                case 't':
                    return new Rune('\t');
                case 'n':
                    return new Rune('\n');
                case 'r':
                    return new Rune('\r');
                case 'u':
                    Expect('{');
                    var digits = _position;
                    while (char.IsAsciiHexDigit(Peek()))
                    {
                        _position++;
                    }

                    var hex = _text[digits.._position];
                    Expect('}');
                    if (hex.Length == 0 || hex.Length > 6
                        || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var scalar)
                        || !Rune.IsValid(scalar))
                    {
                        throw Error($"`\\u{{{hex}}}` is not a Unicode scalar value", at);
                    }

                    return new Rune(scalar);
                default:
                    throw Error($"unknown escape `\\{escape}`", at);
            }
        }

        if (c == quote || (quote is not null && c is '\n' or '\r'))
        {
            throw Error(c == quote ? $"`{c}` must be escaped here" : "a line break must be escaped in a string", at);
        }

        if (Rune.DecodeFromUtf16(_text.AsSpan(_position), out var rune, out var length) != System.Buffers.OperationStatus.Done)
        {
            throw Error("the text is not valid UTF-16", at);
        }

        _position += length;
        return rune;
    }

    /// <summary>Reads a label (<c>%</c> allowed first); returns it without the <c>%</c>, and whether it had one.</summary>
    private (string Name, bool Escaped) Label()
    {
        var start = _position;
        var escaped = TryConsume('%');
        var nameStart = _position;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '-')
        {
            _position++;
        }

        if (_position == nameStart)
        {
            throw Error(AtEnd ? "unexpected end of input" : $"unexpected `{_text[_position]}`", start);
        }

        var name = _text[nameStart.._position];
        if (!IsLabel(name))
        {
            throw Error($"`{name}` is not a label (kebab-case words, each starting with a letter)", start);
        }

        return (name, escaped);
    }

    /// <summary>A variant or enum case: one named like a WAVE keyword must be written with <c>%</c>.</summary>
    private string CaseLabel()
    {
        var start = _position;
        var (name, escaped) = Label();
        return !escaped && Keywords.Contains(name)
            ? throw Error($"`{name}` is a keyword: a case of that name is written `%{name}`", start)
            : name;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "true", "false", "inf", "nan", "some", "none", "ok", "err" };

    /// <summary>The keyword at the position (a label without <c>%</c>), without consuming it.</summary>
    private string? PeekKeyword()
    {
        var end = _position;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '-'))
        {
            end++;
        }

        return end > _position ? _text[_position..end] : null;
    }

    internal static bool IsLabel(string text) =>
        text.Length > 0 && text.Split('-').All(word =>
            word.Length > 0 && char.IsAsciiLetter(word[0])
            && (word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))));

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void SkipSpace()
    {
        while (!AtEnd)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (!AtEnd && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool AtEnd => _position >= _text.Length;

    private char Peek() => AtEnd ? '\0' : _text[_position];

    private bool TryConsume(char c)
    {
        if (Peek() == c && !AtEnd)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error(AtEnd ? $"expected `{c}`, found the end of the input" : $"expected `{c}`, found `{_text[_position]}`", _position);
        }
    }

    private void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error($"unexpected `{_text[_position]}` after the value", _position);
        }
    }

    private static WaveSyntaxException Error(string reason, int position) => new(reason, position + 1);
}
