using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace WitBindgen.Generator;

/// <summary>Turns WIT kebab-case names into C# identifiers.</summary>
internal static class Naming
{
    /// <summary>Members every record, struct or class already has; generated members avoid them.</summary>
    public static readonly IReadOnlyCollection<string> ObjectMembers = new[]
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals",
        "Finalize", "Deconstruct", "EqualityContract", "PrintMembers",
    };

    /// <summary><c>foo-bar</c> → <c>FooBar</c>, escaped when it is a C# keyword.</summary>
    public static string Pascal(string witName)
    {
        var sb = new StringBuilder(witName.Length);
        foreach (var part in witName.TrimStart('%').Split('-'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            sb.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        var name = sb.Length == 0 ? "_" : sb.ToString();
        if (!SyntaxFacts.IsIdentifierStartCharacter(name[0]))
        {
            name = "_" + name;
        }

        return Escape(name);
    }

    /// <summary><c>foo-bar</c> → <c>fooBar</c>, escaped when it is a C# keyword.</summary>
    public static string Camel(string witName)
    {
        var pascal = Pascal(witName).TrimStart('@');
        var name = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Escape(name);
    }

    /// <summary>
    /// <paramref name="name"/> with <paramref name="suffix"/> appended, unless it already ends with it: the generator's
    /// suffixes never stutter (world <c>plugin</c> → <c>PluginWorld</c>, world <c>plugin-world</c> → <c>PluginWorld</c>, not
    /// <c>PluginWorldWorld</c>). A name that is only the suffix (world <c>world</c>) keeps it once: <c>World</c>.
    /// </summary>
    public static string WithSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) ? name : name + suffix;

    /// <summary>Prefixes <c>@</c> to C# keywords.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>Returns <paramref name="name"/>, suffixed with <c>_</c> (then a number) until it is not taken; records it as taken.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        for (var i = 1; ; i++)
        {
            var candidate = i == 1 ? name + "_" : name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
