using System.Globalization;
using System.Text;

namespace WitBindgen.WitParser.Syntax;

/// <summary>Character classes and formatting used by the lexer and its error messages.</summary>
internal static class CharFacts
{
    public static bool IsXidStart(int c)
    {
        if (c < 128)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
    }

    public static bool IsXidContinue(int c)
    {
        if (c < 128)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        if (IsXidStart(c))
        {
            return true;
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
    }

    public static bool IsKeylikeStart(int c) => IsXidStart(c) || c == '_' || c == '-';

    public static bool IsKeylikeContinue(int c) => IsXidContinue(c) || c == '-';

    /// <summary>Unicode "Cc" control characters, as Rust's <c>char::is_control</c>.</summary>
    public static bool IsControl(int c) => c < 0x20 || (c >= 0x7f && c <= 0x9f);

    /// <summary>Formats a code point the way Rust's <c>{:?}</c> formats a <c>char</c>.</summary>
    public static string RustDebug(int c)
    {
        string inner = c switch
        {
            '\'' => "\\'",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\0' => "\\0",
            _ when IsControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0xD800 && c <= 0xDFFF) => EscapeUnicode(c),
            _ => char.ConvertFromUtf32(c),
        };
        return "'" + inner + "'";
    }

    /// <summary>Formats a code point as Rust's <c>char::escape_unicode</c>.</summary>
    public static string EscapeUnicode(int c) => "\\u{" + c.ToString("x", CultureInfo.InvariantCulture) + "}";

    public static int CodePointAt(string text, int index, out int width)
    {
        char ch = text[index];
        if (char.IsHighSurrogate(ch) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(ch, text[index + 1]);
        }

        width = 1;
        return ch;
    }

    /// <summary>The number of UTF-8 bytes of a string (used where the reference counts bytes).</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
