namespace WitBindgen.Generator.Specs;

/// <summary>
/// What one WIT load reads: a single file, or all files of one package directory (with <c>deps/</c>).
/// </summary>
/// <param name="Root">The directory to load, or null to parse the single file in <paramref name="Files"/>.</param>
/// <param name="Files">The files, ordered by path.</param>
/// <param name="World">The world to generate, if given.</param>
/// <param name="Namespace">The C# namespace for the main package, if given.</param>
/// <param name="Features">The enabled features, if given.</param>
/// <param name="Mode">The bindings to generate (<c>Host</c> by default), if given.</param>
/// <param name="With">Where interfaces' types come from (see <see cref="WithMap"/>), if given.</param>
/// <param name="StringEncoding">The string encoding of guest bindings, if given.</param>
/// <param name="Project">The project file that defines the item, if known.</param>
internal sealed record WitUnit(string? Root, EquatableArray<WitInputFile> Files, string? World, string? Namespace, string? Features, string? Mode = null, string? With = null, string? Project = null, string? StringEncoding = null)
{
    /// <summary>Groups input files into units: one per package directory, one per loose file.</summary>
    public static IEnumerable<WitUnit> Group(IEnumerable<WitInputFile> files)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (var loose in ordered.Where(f => f.Root is null))
        {
            yield return new WitUnit(null, new[] { loose }.ToEquatableArray(), loose.World, loose.Namespace, loose.Features, loose.Mode, loose.With, loose.Project, loose.StringEncoding);
        }

        foreach (var group in ordered.Where(f => f.Root is not null).GroupBy(f => f.Root!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            yield return new WitUnit(
                group.Key,
                list.ToEquatableArray(),
                list.Select(f => f.World).FirstOrDefault(v => v is not null),
                list.Select(f => f.Namespace).FirstOrDefault(v => v is not null),
                list.Select(f => f.Features).FirstOrDefault(v => v is not null),
                list.Select(f => f.Mode).FirstOrDefault(v => v is not null),
                list.Select(f => f.With).FirstOrDefault(v => v is not null),
                list.Select(f => f.Project).FirstOrDefault(v => v is not null),
                list.Select(f => f.StringEncoding).FirstOrDefault(v => v is not null));
        }
    }
}
