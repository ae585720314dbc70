namespace WitBindgen.Composition;

/// <summary>What an import or export of a component is (its sort in the component model).</summary>
public enum PackageItemKind
{
    /// <summary>A component function.</summary>
    Function,

    /// <summary>An instance, e.g. an interface such as <c>wasi:cli/stdout@0.2.0</c>.</summary>
    Instance,

    /// <summary>A type, e.g. a resource type.</summary>
    Type,

    /// <summary>A component.</summary>
    Component,

    /// <summary>A core module.</summary>
    Module,

    /// <summary>A value.</summary>
    Value,
}

/// <summary>An import or export of a package's component: its name as in the binary and its kind.</summary>
/// <param name="Name">The name, e.g. <c>wasi:cli/stdout@0.2.0</c> or <c>run</c>.</param>
/// <param name="Kind">What it is.</param>
public sealed record PackageItem(string Name, PackageItemKind Kind)
{
    /// <summary>
    /// The name a WAC access or argument may use for it: the interface of a path (<c>stdout</c> for
    /// <c>wasi:cli/stdout@0.2.0</c>), or the whole name when it is not a path.
    /// </summary>
    public string ShortName => ShortNameOf(Name);

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}";

    internal static string ShortNameOf(string name)
    {
        int slash = name.LastIndexOf('/');
        if (slash < 0)
        {
            return name;
        }

        var rest = name[(slash + 1)..];
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? rest : rest[..at];
    }
}
