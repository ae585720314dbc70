using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Syntax;

/// <summary>The rules for WIT identifiers (kebab-case words, each all-lowercase or all-uppercase).</summary>
internal static class Identifiers
{
    /// <summary>Validates an identifier, raising the reference's lexer error at <paramref name="at"/>.</summary>
    public static void Validate(string id, int at)
    {
        var error = Check(id);
        if (error is not null)
        {
            throw new WitError(error, new TextSpan(at, at + 1));
        }
    }

    /// <summary>Returns the error message for an invalid identifier, or null when it is valid.</summary>
    public static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "identifiers must have characters between '-'s";
        }

        var parts = id.Split('-');
        for (int p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            if (part.Length == 0)
            {
                return "identifiers must have characters between '-'s";
            }

            int first = CharFacts.CodePointAt(part, 0, out _);
            if (p == 0 && !(first < 128 && char.IsAsciiLetter((char)first)))
            {
                return "invalid character in identifier " + CharFacts.RustDebug(first);
            }

            bool? upper = null;
            for (int i = 0; i < part.Length; i++)
            {
                int c = CharFacts.CodePointAt(part, i, out int width);
                i += width - 1;
                if (c < 128 && char.IsAsciiDigit((char)c))
                {
                    continue;
                }

                if (c < 128 && char.IsAsciiLetterUpper((char)c))
                {
                    if (upper == false)
                    {
                        return "invalid character in identifier " + CharFacts.RustDebug(c);
                    }

                    upper = true;
                }
                else if (c < 128 && char.IsAsciiLetterLower((char)c))
                {
                    if (upper == true)
                    {
                        return "invalid character in identifier " + CharFacts.RustDebug(c);
                    }

                    upper = false;
                }
                else
                {
                    return "invalid character in identifier " + CharFacts.RustDebug(c);
                }
            }
        }

        return null;
    }
}
