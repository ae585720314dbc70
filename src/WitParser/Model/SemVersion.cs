using System.Globalization;

namespace WitBindgen.WitParser.Model;

/// <summary>A semantic version (<c>major.minor.patch[-pre][+build]</c>) as used by WIT packages.</summary>
public sealed class SemVersion : IComparable<SemVersion>, IEquatable<SemVersion>
{
    private SemVersion(ulong major, ulong minor, ulong patch, string pre, string build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = pre;
        Build = build;
    }

    /// <summary>The major version.</summary>
    public ulong Major { get; }

    /// <summary>The minor version.</summary>
    public ulong Minor { get; }

    /// <summary>The patch version.</summary>
    public ulong Patch { get; }

    /// <summary>The pre-release part without the leading <c>-</c>, or empty.</summary>
    public string Prerelease { get; }

    /// <summary>The build metadata without the leading <c>+</c>, or empty.</summary>
    public string Build { get; }

    /// <summary>Parses a version, or returns an error message in the style of Rust's <c>semver</c> crate.</summary>
    public static bool TryParse(string text, out SemVersion? version, out string? error)
    {
        version = null;
        int pos = 0;
        if (!Number(text, ref pos, "major", out var major, out error)
            || !Dot(text, ref pos, "minor", out error)
            || !Number(text, ref pos, "minor", out var minor, out error)
            || !Dot(text, ref pos, "patch", out error)
            || !Number(text, ref pos, "patch", out var patch, out error))
        {
            return false;
        }

        string pre = string.Empty, build = string.Empty;
        string last = "patch version number";
        if (pos < text.Length && text[pos] == '-')
        {
            pos++;
            if (!Identifiers(text, ref pos, true, out pre, out error))
            {
                return false;
            }

            last = "pre-release identifier";
        }

        if (pos < text.Length && text[pos] == '+')
        {
            pos++;
            if (!Identifiers(text, ref pos, false, out build, out error))
            {
                return false;
            }

            last = "build metadata";
        }

        if (pos < text.Length)
        {
            error = $"unexpected character {Describe(text[pos])} after {last}";
            return false;
        }

        version = new SemVersion(major, minor, patch, pre, build);
        error = null;
        return true;
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/>.</summary>
    public static SemVersion Parse(string text) =>
        TryParse(text, out var v, out var error) ? v! : throw new FormatException(error);

    /// <summary>
    /// The version that names this version's compatibility track: <c>1.2.3</c> → <c>1.0.0</c>,
    /// <c>0.2.3</c> → <c>0.2.0</c>, <c>0.0.3</c> → itself; pre-releases are their own track.
    /// </summary>
    public SemVersion CompatTrack()
    {
        if (Prerelease.Length != 0)
        {
            return new SemVersion(Major, Minor, Patch, Prerelease, string.Empty);
        }

        if (Major != 0)
        {
            return new SemVersion(Major, 0, 0, string.Empty, string.Empty);
        }

        if (Minor != 0)
        {
            return new SemVersion(0, Minor, 0, string.Empty, string.Empty);
        }

        return new SemVersion(0, 0, Patch, string.Empty, string.Empty);
    }

    /// <inheritdoc />
    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c == 0) c = ComparePre(Prerelease, other.Prerelease);
        if (c == 0) c = CompareBuild(Build, other.Build);
        return c;
    }

    /// <inheritdoc />
    public bool Equals(SemVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SemVersion v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, Prerelease, Build);

    /// <inheritdoc />
    public override string ToString()
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (Prerelease.Length != 0) s += "-" + Prerelease;
        if (Build.Length != 0) s += "+" + Build;
        return s;
    }

    private static int ComparePre(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            // A release sorts after any pre-release of the same version.
            return (a.Length == 0 ? 1 : 0) - (b.Length == 0 ? 1 : 0);
        }

        return CompareIdentifiers(a, b);
    }

    private static int CompareBuild(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return (a.Length == 0 ? 0 : 1) - (b.Length == 0 ? 0 : 1);
        }

        return CompareIdentifiers(a, b);
    }

    private static int CompareIdentifiers(string a, string b)
    {
        var xs = a.Split('.');
        var ys = b.Split('.');
        for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            bool xn = xs[i].All(char.IsAsciiDigit), yn = ys[i].All(char.IsAsciiDigit);
            int c;
            if (xn && yn)
            {
                c = xs[i].Length != ys[i].Length ? xs[i].Length.CompareTo(ys[i].Length) : string.CompareOrdinal(xs[i], ys[i]);
            }
            else if (xn != yn)
            {
                c = xn ? -1 : 1;
            }
            else
            {
                c = string.CompareOrdinal(xs[i], ys[i]);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return xs.Length.CompareTo(ys.Length);
    }

    private static bool Number(string text, ref int pos, string what, out ulong value, out string? error)
    {
        value = 0;
        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            error = pos >= text.Length
                ? $"unexpected end of input while parsing {what} version number"
                : $"unexpected character {Describe(text[pos])} while parsing {what} version number";
            return false;
        }

        if (pos - start > 1 && text[start] == '0')
        {
            error = $"invalid leading zero in {what} version number";
            return false;
        }

        if (!ulong.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = $"value of {what} version number exceeds u64::MAX";
            return false;
        }

        error = null;
        return true;
    }

    private static bool Dot(string text, ref int pos, string what, out string? error)
    {
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            error = null;
            return true;
        }

        error = pos >= text.Length
            ? $"unexpected end of input while parsing {what} version number"
            : $"unexpected character {Describe(text[pos])} while parsing {what} version number";
        return false;
    }

    private static bool Identifiers(string text, ref int pos, bool pre, out string value, out string? error)
    {
        int start = pos;
        string part = pre ? "pre-release identifier" : "build metadata";
        while (true)
        {
            int s = pos;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '-'))
            {
                pos++;
            }

            if (pos == s)
            {
                value = string.Empty;
                error = $"empty identifier segment in {part}";
                return false;
            }

            if (pre && pos - s > 1 && text[s] == '0' && text.AsSpan(s, pos - s).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                value = string.Empty;
                error = "invalid leading zero in pre-release identifier";
                return false;
            }

            if (pos < text.Length && text[pos] == '.')
            {
                pos++;
                continue;
            }

            break;
        }

        value = text.Substring(start, pos - start);
        error = null;
        return true;
    }

    private static string Describe(char c) => "'" + c + "'";
}
