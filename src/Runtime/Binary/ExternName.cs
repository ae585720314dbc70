namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The name of an import or export with its attributes (<c>nameattributes</c>), and the structure of the
/// name (<c>externname</c>): a plain name (label, <c>[constructor]</c>, <c>[method]</c>, <c>[static]</c>)
/// or an interface name such as <c>wasi:io/streams@0.2.0</c>.
/// </summary>
internal sealed record ExternName
{
    /// <summary>Creates a name without attributes and parses its structure.</summary>
    /// <param name="name">The name as written, e.g. <c>wasi:io/streams@0.2</c> or <c>[method]r.f</c>.</param>
    public ExternName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Interface = InterfaceName.TryParse(name);
        if (Interface is not null)
        {
            Kind = ExternNameKind.Interface;
            return;
        }

        (Kind, ResourceName, Label) = ParsePlain(name);
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    /// <summary>What kind of name this is.</summary>
    public ExternNameKind Kind { get; }

    /// <summary>
    /// For a plain name, the function or item label: <c>f</c> in <c>[method]r.f</c> and <c>[static]r.f</c>,
    /// <c>r</c> in <c>[constructor]r</c>, the whole name for a label. Null for interface names.
    /// </summary>
    public string? Label { get; }

    /// <summary>For <c>[constructor]r</c>, <c>[method]r.f</c> and <c>[static]r.f</c>, the resource label <c>r</c>.</summary>
    public string? ResourceName { get; }

    /// <summary>For an interface name, its parts.</summary>
    public InterfaceName? Interface { get; }

    /// <summary>The <c>(implements "i")</c> attribute, if present.</summary>
    public string? Implements { get; init; }

    /// <summary>The <c>(versionsuffix "s")</c> attribute, if present.</summary>
    public string? VersionSuffix { get; init; }

    /// <summary>The <c>(external-id "n")</c> attribute, if present.</summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// For an interface name with a version, the full version: the version in the name followed by the
    /// <see cref="VersionSuffix"/> (e.g. <c>0.2</c> + <c>.6</c> is <c>0.2.6</c>).
    /// </summary>
    public string? FullVersion => Interface?.Version is { } v ? v + VersionSuffix : null;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static (ExternNameKind Kind, string? Resource, string? Label) ParsePlain(string name)
    {
        if (name.StartsWith("[constructor]", StringComparison.Ordinal))
        {
            var resource = name["[constructor]".Length..];
            return IsLabel(resource) ? (ExternNameKind.Constructor, resource, resource) : (ExternNameKind.Other, null, null);
        }

        foreach (var (prefix, kind) in new[] { ("[method]", ExternNameKind.Method), ("[static]", ExternNameKind.Static) })
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name[prefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || !IsLabel(rest[..dot]) || !IsLabel(rest[(dot + 1)..]))
            {
                return (ExternNameKind.Other, null, null);
            }

            return (kind, rest[..dot], rest[(dot + 1)..]);
        }

        return IsLabel(name) ? (ExternNameKind.Label, null, name) : (ExternNameKind.Other, null, null);
    }

    /// <summary>Whether <paramref name="text"/> is a kebab-case label (<c>word(-word)*</c>, words of one case).</summary>
    internal static bool IsLabel(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var fragment in text.Split('-'))
        {
            if (fragment.Length == 0)
            {
                return false;
            }

            var lower = fragment.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
            var upper = fragment.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));
            if (!lower && !upper)
            {
                return false;
            }
        }

        return !char.IsAsciiDigit(text[0]);
    }
}

/// <summary>The kinds of <see cref="ExternName"/>.</summary>
internal enum ExternNameKind
{
    /// <summary>A plain kebab-case label, e.g. <c>get-JSON</c>.</summary>
    Label,

    /// <summary><c>[constructor]r</c>.</summary>
    Constructor,

    /// <summary><c>[method]r.f</c>.</summary>
    Method,

    /// <summary><c>[static]r.f</c>.</summary>
    Static,

    /// <summary>An interface name, e.g. <c>wasi:io/streams@0.2.0</c>.</summary>
    Interface,

    /// <summary>A name that matches none of the forms (validation would reject it).</summary>
    Other,
}
