namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The versions of interface names (Explainer.md, "Import and Export Definitions"): a <c>valid semver</c> as
/// Semantic Versioning 2.0 defines it (<c>major.minor.patch</c>, then an optional <c>-pre-release</c> and an
/// optional <c>+build</c>), or a <c>canonversion</c> (<c>1</c>, <c>0.2</c>, <c>0.0.3</c>).
/// </summary>
internal static class SemanticVersion
{
    /// <summary>Why <paramref name="version"/> is not a valid semver; null when it is one.</summary>
    public static string? Check(string version)
    {
        if (version.Length == 0)
        {
            return "empty string, expected a semver version";
        }

        var position = 0;
        var error = Number(version, ref position, "major")
            ?? Dot(version, ref position, "major", "minor")
            ?? Number(version, ref position, "minor")
            ?? Dot(version, ref position, "minor", "patch")
            ?? Number(version, ref position, "patch");
        if (error is null && position < version.Length && version[position] == '-')
        {
            position++;
            error = Identifiers(version, ref position, "pre-release identifier", '+');
        }

        if (error is null && position < version.Length && version[position] == '+')
        {
            position++;
            error = Identifiers(version, ref position, "build metadata", null);
        }

        if (error is null && position < version.Length)
        {
            error = $"unexpected character {Quote(version[position])} after patch version number";
        }

        return error;
    }

    /// <summary>
    /// Whether <paramref name="version"/> is a <c>canonversion</c>: <c>[1-9][0-9]*</c>, <c>0.[1-9][0-9]*</c>,
    /// <c>0.0.[1-9][0-9]*</c> or <c>0.0.0</c>.
    /// </summary>
    public static bool IsCanonical(string version)
    {
        if (version == "0.0.0")
        {
            return true;
        }

        var rest = version;
        for (var zeros = 0; zeros < 2 && rest.StartsWith("0.", StringComparison.Ordinal); zeros++)
        {
            rest = rest[2..];
        }

        return rest.Length > 0 && rest[0] is >= '1' and <= '9' && rest.All(char.IsAsciiDigit);
    }

    private static string? Number(string text, ref int position, string part)
    {
        if (position == text.Length)
        {
            return $"unexpected end of input while parsing {part} version number";
        }

        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        if (position == start)
        {
            return $"unexpected character {Quote(text[position])} while parsing {part} version number";
        }

        return position - start > 1 && text[start] == '0' ? $"invalid leading zero in {part} version number" : null;
    }

    private static string? Dot(string text, ref int position, string after, string next)
    {
        if (position == text.Length)
        {
            return $"unexpected end of input while parsing {next} version number";
        }

        if (text[position] != '.')
        {
            return $"unexpected character {Quote(text[position])} after {after} version number";
        }

        position++;
        return null;
    }

    /// <summary>Dot-separated identifiers of <c>[0-9A-Za-z-]</c>, up to <paramref name="end"/> or the end of the text.</summary>
    private static string? Identifiers(string text, ref int position, string what, char? end)
    {
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] != '.' && text[position] != end)
            {
                var c = text[position];
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return $"unexpected character {Quote(c)} in {what}";
                }

                position++;
            }

            var segment = text[start..position];
            if (segment.Length == 0)
            {
                return $"empty identifier segment in {what}";
            }

            if (end is not null && segment.Length > 1 && segment[0] == '0' && segment.All(char.IsAsciiDigit))
            {
                return $"invalid leading zero in {what}";
            }

            if (position == text.Length || text[position] != '.')
            {
                return null;
            }

            position++;
        }
    }

    private static string Quote(char c) => $"'{c}'";
}
