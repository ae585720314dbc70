namespace WitBindgen.WitParser.Model;

/// <summary>A package name: <c>namespace:name</c> with an optional version.</summary>
/// <param name="Namespace">The namespace, e.g. <c>wasi</c>.</param>
/// <param name="Name">The package name, e.g. <c>http</c>.</param>
/// <param name="Version">The version, if any.</param>
public sealed record PackageName(string Namespace, string Name, SemVersion? Version) : IComparable<PackageName>
{
    /// <inheritdoc />
    public int CompareTo(PackageName? other)
    {
        if (other is null)
        {
            return 1;
        }

        int c = string.CompareOrdinal(Namespace, other.Namespace);
        if (c == 0) c = string.CompareOrdinal(Name, other.Name);
        if (c == 0)
        {
            c = (Version, other.Version) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                var (a, b) => a.CompareTo(b),
            };
        }

        return c;
    }

    /// <summary>The name without the version, e.g. <c>wasi:http</c>.</summary>
    public string Unversioned => Namespace + ":" + Name;

    /// <inheritdoc />
    public override string ToString() => Version is null ? Unversioned : Unversioned + "@" + Version;
}
