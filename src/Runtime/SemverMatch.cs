namespace WitBindgen.Runtime;

/// <summary>
/// Semver-compatible matching of interface names, as Wasmtime links them: the same
/// <c>ns:pkg/iface</c>, and a provided version on the same compatibility track (same major, or
/// same minor for 0.x, or same patch for 0.0.x) that is at least the requested one.
/// </summary>
internal static class SemverMatch
{
    public static string? Best(string requested, IEnumerable<string> provided)
    {
        if (!Split(requested, out var baseName, out var version))
        {
            return null;
        }

        string? best = null;
        Version? bestVersion = null;
        foreach (var candidate in provided)
        {
            if (!Split(candidate, out var candidateBase, out var candidateVersion) || candidateBase != baseName)
            {
                continue;
            }

            if (Track(candidateVersion) == Track(version) && candidateVersion >= version && (bestVersion is null || candidateVersion > bestVersion))
            {
                best = candidate;
                bestVersion = candidateVersion;
            }
        }

        return best;
    }

    private static (int, int, int) Track(Version v) =>
        v.Major != 0 ? (v.Major, -1, -1) : v.Minor != 0 ? (0, v.Minor, -1) : (0, 0, v.Build);

    private static bool Split(string name, out string baseName, out Version version)
    {
        baseName = name;
        version = new Version(0, 0, 0);
        int at = name.LastIndexOf('@');
        if (at < 0 || name.IndexOf('/') < 0)
        {
            return false;
        }

        var text = name[(at + 1)..];
        if (text.IndexOfAny(new[] { '-', '+' }) >= 0 || !Version.TryParse(text, out var parsed) || parsed.Build < 0)
        {
            return false;
        }

        baseName = name[..at];
        version = parsed;
        return true;
    }
}
