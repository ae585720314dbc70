namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The lexical grammar of import and export names (Explainer.md, "Import and Export Definitions"):
/// <c>externname ::= plainname | interfacename</c>, where a <c>plainname</c> is a kebab-case <c>label</c>,
/// <c>[constructor]label</c>, <c>[method]label.label</c> or <c>[static]label.label</c>, and an
/// <c>interfacename</c> is <c>namespace:package/interface@version</c> (namespace and package are lowercase
/// <c>words</c>, the interface a <c>label</c>, the version a valid semver or a <c>canonversion</c>; nested
/// namespaces and projections, 🪺, are not enabled). Also the strong-uniqueness canonical form of a name.
/// </summary>
internal static class ExternNameGrammar
{
    private const string Constructor = "[constructor]";
    private const string Method = "[method]";
    private const string Static = "[static]";

    /// <summary>Why <paramref name="name"/> is not an <c>externname</c>; null when it is one.</summary>
    public static string? Check(string name)
    {
        if (name.StartsWith(Constructor, StringComparison.Ordinal))
        {
            return Label(name[Constructor.Length..]);
        }

        foreach (var prefix in new[] { Method, Static })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = name[prefix.Length..];
                var dot = rest.IndexOf('.', StringComparison.Ordinal);
                return dot < 0
                    ? $"failed to find `.` character between the resource label and the function label after `{prefix}`"
                    : Label(rest[..dot]) ?? Label(rest[(dot + 1)..]);
            }
        }

        return name.Contains(':', StringComparison.Ordinal) ? CheckInterfaceName(name) : Label(name);
    }

    /// <summary>Why <paramref name="name"/> is not an <c>interfacename</c>; null when it is one.</summary>
    public static string? CheckInterfaceName(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "expected `:` after the namespace";
        }

        var error = Words(name[..colon], "namespace");
        if (error is not null)
        {
            return error;
        }

        var rest = name[(colon + 1)..];
        var packageEnd = rest.IndexOfAny([':', '/', '@']);
        error = Words(packageEnd < 0 ? rest : rest[..packageEnd], "package");
        if (error is not null)
        {
            return error;
        }

        if (packageEnd < 0 || rest[packageEnd] != '/')
        {
            return packageEnd >= 0 && rest[packageEnd] == ':'
                ? "expected `/` after package name (nested namespaces are not enabled)"
                : "expected `/` after package name";
        }

        rest = rest[(packageEnd + 1)..];
        var interfaceEnd = rest.IndexOfAny(['/', '@']);
        error = Label(interfaceEnd < 0 ? rest : rest[..interfaceEnd]);
        if (error is not null || interfaceEnd < 0)
        {
            return error;
        }

        if (rest[interfaceEnd] == '/')
        {
            return $"trailing characters found: `{rest[interfaceEnd..]}` (nested projections are not enabled)";
        }

        var version = rest[(interfaceEnd + 1)..];
        return SemanticVersion.IsCanonical(version) || SemanticVersion.Check(version) is not { } versionError
            ? null
            : $"invalid version `{version}`: {versionError}";
    }

    /// <summary>Whether <paramref name="text"/> is a <c>label</c>: kebab case, each word all lowercase or all uppercase, the first starting with a letter.</summary>
    public static bool IsLabel(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('-', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end == start)
            {
                return false;
            }

            var lower = false;
            var upper = false;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                lower |= char.IsAsciiLetterLower(c);
                upper |= char.IsAsciiLetterUpper(c);
                if (!char.IsAsciiLetterOrDigit(c) || (lower && upper))
                {
                    return false;
                }
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>Why <paramref name="text"/> is not a <c>label</c>; null when it is one.</summary>
    public static string? Label(string text) => IsLabel(text) ? null : $"`{text}` is not in kebab case";

    /// <summary>
    /// The canonical form of a valid name for strong uniqueness: acronyms lowercased, <c>[method]l.l</c> and
    /// <c>[static]l.l</c> replaced by <c>l</c>, and any annotation other than <c>[constructor]</c> stripped. Two
    /// names are strongly-unique when their canonical forms differ.
    /// </summary>
    public static string Canonical(string name)
    {
        // Letters outside labels appear only in an interface name's version, which is not lowercased.
        var at = name.Contains(':', StringComparison.Ordinal) ? name.IndexOf('@', StringComparison.Ordinal) : -1;
        var lowered = at < 0 ? name.ToLowerInvariant() : name[..at].ToLowerInvariant() + name[at..];
        foreach (var prefix in new[] { Method, Static })
        {
            if (lowered.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = lowered[prefix.Length..];
                var dot = rest.IndexOf('.', StringComparison.Ordinal);
                return rest[..dot] == rest[(dot + 1)..] ? rest[..dot] : rest;
            }
        }

        return lowered;
    }

    private static string? Words(string text, string what)
    {
        if (!IsLabel(text))
        {
            return $"`{text}` is not in kebab case";
        }

        return text.Any(char.IsAsciiLetterUpper)
            ? $"{what} `{text}` is not lowercase words (`[a-z][0-9a-z]*` joined by `-`)"
            : null;
    }
}
