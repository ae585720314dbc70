namespace WitBindgen.Generator;

/// <summary>
/// The <c>With</c> metadata of a <c>Wit</c> item, in the spirit of wasmtime's <c>with</c>: entries
/// <c>interface=target</c> separated by <c>,</c> or <c>;</c>. The interface is <c>ns:pkg/name@version</c>,
/// <c>ns:pkg/name</c> (any version) or <c>ns:pkg/*</c> (every interface of the package, any version); the target is
/// <c>generate</c> (generate the interface's types here even though a referenced assembly has them) or a C#
/// namespace (use the types there, named as the generator names them, and generate none).
/// </summary>
internal sealed class WithMap
{
    /// <summary>The target that generates the interface here.</summary>
    public const string Generate = "generate";

    private readonly List<(string Pattern, string Target)> _entries = new();

    private WithMap()
    {
    }

    /// <summary>The entries in the order written.</summary>
    public IReadOnlyList<(string Pattern, string Target)> Entries => _entries;

    /// <summary>Parses the metadata; each malformed entry is described in <paramref name="errors"/> and left out.</summary>
    public static WithMap Parse(string? text, List<string> errors)
    {
        var map = new WithMap();
        foreach (var raw in (text ?? string.Empty).Split(new[] { ',', ';' }, StringSplitOptions.None))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var eq = entry.IndexOf('=');
            if (eq < 0)
            {
                errors.Add($"the With entry '{entry}' has no '=': write interface=namespace or interface=generate");
                continue;
            }

            var pattern = entry.Substring(0, eq).Trim();
            var target = entry.Substring(eq + 1).Trim();
            if (!IsPattern(pattern))
            {
                errors.Add($"the With entry '{entry}' does not name an interface: write ns:pkg/name@version, ns:pkg/name or ns:pkg/*");
                continue;
            }

            if (!target.Equals(Generate, StringComparison.OrdinalIgnoreCase) && !IsNamespace(target))
            {
                errors.Add($"the With entry '{entry}' maps to '{target}', which is neither 'generate' nor a C# namespace (dotted identifiers)");
                continue;
            }

            if (map._entries.Any(e => e.Pattern == pattern))
            {
                errors.Add($"the With entry '{entry}' names '{pattern}' again");
                continue;
            }

            map._entries.Add((pattern, target.Equals(Generate, StringComparison.OrdinalIgnoreCase) ? Generate : target));
        }

        return map;
    }

    /// <summary>
    /// The target for an interface (<c>ns:pkg/name@version</c>, or without a version), or null when no entry names it:
    /// an exact entry wins over one without a version, which wins over the package's <c>*</c>.
    /// </summary>
    public string? Find(string interfaceName)
    {
        var at = interfaceName.IndexOf('@');
        var unversioned = at < 0 ? interfaceName : interfaceName.Substring(0, at);
        var slash = unversioned.IndexOf('/');
        var package = slash < 0 ? null : unversioned.Substring(0, slash) + "/*";
        return Lookup(interfaceName) ?? Lookup(unversioned) ?? (package is null ? null : Lookup(package));
    }

    private string? Lookup(string pattern) => _entries.FirstOrDefault(e => e.Pattern == pattern).Target;

    private static bool IsPattern(string pattern)
    {
        var colon = pattern.IndexOf(':');
        var slash = pattern.IndexOf('/');
        if (colon <= 0 || slash <= colon + 1 || slash == pattern.Length - 1)
        {
            return false;
        }

        var name = pattern.Substring(slash + 1);
        var at = name.IndexOf('@');
        var item = at < 0 ? name : name.Substring(0, at);
        var version = at < 0 ? null : name.Substring(at + 1);
        if (item == "*")
        {
            return version is null && IsKebab(pattern.Substring(0, colon)) && IsKebab(pattern.Substring(colon + 1, slash - colon - 1));
        }

        return IsKebab(pattern.Substring(0, colon))
            && IsKebab(pattern.Substring(colon + 1, slash - colon - 1))
            && IsKebab(item)
            && (version is null || (version.Length > 0 && version.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '+')));
    }

    private static bool IsKebab(string s) =>
        s.Length > 0 && s.Split('-').All(part => part.Length > 0 && part.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')));

    private static bool IsNamespace(string s) =>
        s.Split('.').All(part => part.Length > 0
            && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierStartCharacter(part[0])
            && part.All(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierPartCharacter)
            && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(part) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None);
}
