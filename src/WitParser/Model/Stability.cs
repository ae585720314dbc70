namespace WitBindgen.WitParser.Model;

/// <summary>The feature gate of an item: unknown (none), stable since a version, or unstable behind a feature.</summary>
public abstract record Stability
{
    /// <summary>No gate.</summary>
    public static readonly Stability Unknown = new UnknownStability();

    /// <summary>True when the item carries no gate.</summary>
    public bool IsUnknown => this is UnknownStability;

    private sealed record UnknownStability : Stability;
}

/// <summary><c>@since(version = …)</c>, possibly with <c>@deprecated</c>.</summary>
/// <param name="Since">The version the item appeared in.</param>
/// <param name="Deprecated">The version it was deprecated in, if any.</param>
public sealed record StableStability(SemVersion Since, SemVersion? Deprecated) : Stability;

/// <summary><c>@unstable(feature = …)</c>, possibly with <c>@deprecated</c>.</summary>
/// <param name="Feature">The feature that enables the item.</param>
/// <param name="Deprecated">The version it was deprecated in, if any.</param>
public sealed record UnstableStability(string Feature, SemVersion? Deprecated) : Stability;
