namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The parts of an interface name <c>ns:pkg/iface@version</c> (with nested namespaces and projections
/// allowed: <c>a:b:pkg/x/y</c>).
/// </summary>
/// <param name="Namespaces">The namespaces, outermost first (usually one, e.g. <c>wasi</c>).</param>
/// <param name="Package">The package, e.g. <c>io</c>.</param>
/// <param name="Projections">The projections, outermost first (usually one interface, e.g. <c>streams</c>).</param>
/// <param name="Version">The version after <c>@</c>, if any (e.g. <c>0.2.0</c>, or the canonical <c>0.2</c>).</param>
internal sealed record InterfaceName(IReadOnlyList<string> Namespaces, string Package, IReadOnlyList<string> Projections, string? Version)
{
    /// <summary>The projections, outermost first (usually one interface, e.g. <c>streams</c>).</summary>
    public IReadOnlyList<string> Projections { get; init; } = ValueList.Of(Projections);

    /// <summary>The namespaces, outermost first (usually one, e.g. <c>wasi</c>).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ValueList.Of(Namespaces);

    /// <summary>The package name with its namespaces, e.g. <c>wasi:io</c>.</summary>
    public string PackageName => string.Join(":", Namespaces.Append(Package));

    /// <summary>The innermost projection: the interface, e.g. <c>streams</c>.</summary>
    public string Interface => Projections[^1];

    /// <summary>The name without version, e.g. <c>wasi:io/streams</c>.</summary>
    public string NameWithoutVersion => $"{PackageName}/{string.Join("/", Projections)}";

    /// <inheritdoc/>
    public override string ToString() => Version is null ? NameWithoutVersion : $"{NameWithoutVersion}@{Version}";

    /// <summary>Parses <paramref name="name"/> as an interface name; null when it is not one.</summary>
    /// <param name="name">The candidate name.</param>
    public static InterfaceName? TryParse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? version = null;
        var path = name;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            version = name[(at + 1)..];
            path = name[..at];
            if (version.Length == 0 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+'))
            {
                return null;
            }
        }

        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var packageParts = parts[0].Split(':');
        if (packageParts.Length < 2 || !packageParts.All(ExternName.IsLabel) || !parts.Skip(1).All(ExternName.IsLabel))
        {
            return null;
        }

        return new InterfaceName(packageParts[..^1], packageParts[^1], parts[1..], version);
    }
}
