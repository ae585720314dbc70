namespace WitBindgen.Composition.Resolution;

/// <summary>"Did you mean" hints: the closest candidate by edit distance, when it is close enough.</summary>
internal static class NameSuggestions
{
    /// <summary>The candidate closest to <paramref name="name"/>, or null when none is within a quarter of its length (at least one edit).</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(1, name.Length / 4);
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (candidate == name)
            {
                continue;
            }

            int distance = Distance(name, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>A hint for a message: <c>; did you mean `x`?</c>, or <c>; {listLabel} `a`, `b`</c> (at most eight listed), or nothing.</summary>
    public static string Hint(string name, IReadOnlyCollection<string> candidates, string listLabel)
    {
        if (Closest(name, candidates) is { } closest)
        {
            return $"; did you mean `{closest}`?";
        }

        if (candidates.Count == 0)
        {
            return string.Empty;
        }

        const int MaxListed = 8;
        var listed = string.Join(", ", candidates.Take(MaxListed).Select(c => $"`{c}`"));
        return candidates.Count > MaxListed
            ? $"; {listLabel} {listed}, and {candidates.Count - MaxListed} more"
            : $"; {listLabel} {listed}";
    }

    /// <summary>The Levenshtein distance (insertions, deletions, substitutions).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
