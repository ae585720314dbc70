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

        // Other_ID_Start code points are XID_Start without being letters.
        if (c is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C)
        {
            return true;
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

        // Other_ID_Continue code points and the joiners are XID_Continue.
        if (IsXidStart(c) || c is 0x00B7 or 0x0387 or 0x19DA or 0x200C or 0x200D or 0x30FB or 0xFF65 || (c >= 0x1369 && c <= 0x1371))
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
            _ when NeedsEscape(c) => EscapeUnicode(c),
            _ => char.ConvertFromUtf32(c),
        };
        return "'" + inner + "'";
    }

    /// <summary>
    /// True for code points Rust prints as <c>\u{…}</c> in debug output: non-printable ones
    /// (controls, format characters, separators other than the space, unassigned and private-use
    /// code points) and grapheme extenders such as combining marks.
    /// </summary>
    private static bool NeedsEscape(int c)
    {
        if (c == ' ')
        {
            return false;
        }

        if (c >= 0xD800 && c <= 0xDFFF)
        {
            return true;
        }

        if (c is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x200C or 0x200D || (c >= 0xE0100 && c <= 0xE01EF))
        {
            return true;
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
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
