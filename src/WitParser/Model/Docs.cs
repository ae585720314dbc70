namespace WitBindgen.WitParser.Model;

/// <summary>Documentation attached to a WIT item (from the comments preceding it).</summary>
/// <param name="Contents">The normalised text, or null when there is none.</param>
public sealed record Docs(string? Contents)
{
    /// <summary>No documentation.</summary>
    public static readonly Docs None = new((string?)null);

    /// <summary>True when there is no documentation.</summary>
    public bool IsEmpty => Contents is null;
}
