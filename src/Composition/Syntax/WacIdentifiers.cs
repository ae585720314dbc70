namespace WitBindgen.Composition.Syntax;

/// <summary>
/// The identifier rule WAC shares with WIT: kebab-case words separated by single dashes, each word starting with
/// a letter and either all lowercase or all uppercase (digits allowed after the first character).
/// </summary>
internal static class WacIdentifiers
{
    /// <summary>Returns why <paramref name="id"/> is not a valid identifier, or null when it is.</summary>
    public static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "an identifier cannot be empty";
        }

        foreach (var word in id.Split('-'))
        {
            if (word.Length == 0)
            {
                return $"invalid identifier `{id}`: words must have characters between '-'s";
            }

            if (!char.IsAsciiLetter(word[0]))
            {
                return $"invalid identifier `{id}`: each word must start with a letter";
            }

            bool hasLower = word.Any(char.IsAsciiLetterLower);
            bool hasUpper = word.Any(char.IsAsciiLetterUpper);
            if (hasLower && hasUpper)
            {
                return $"invalid identifier `{id}`: a word is either all lowercase or all uppercase";
            }

            if (word.Any(c => !char.IsAsciiLetterOrDigit(c)))
            {
                return $"invalid identifier `{id}`: only ASCII letters, digits and '-' are allowed";
            }
        }

        return null;
    }
}
