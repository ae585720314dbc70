namespace WitBindgen.Composition;

/// <summary>The outcome of reading a composition: a plan, or the diagnostics that explain why there is none.</summary>
public sealed class CompositionResult
{
    internal CompositionResult(CompositionPlan? plan, IReadOnlyList<CompositionDiagnostic> diagnostics)
    {
        Plan = plan;
        Diagnostics = diagnostics;
    }

    /// <summary>The plan; null when there are diagnostics.</summary>
    public CompositionPlan? Plan { get; }

    /// <summary>The errors, in source order (a syntax error stops at the first; resolution reports them all).</summary>
    public IReadOnlyList<CompositionDiagnostic> Diagnostics { get; }

    /// <summary>Whether the composition resolved.</summary>
    public bool Success => Plan is not null;

    /// <summary>All diagnostics rendered, separated by blank lines.</summary>
    public override string ToString() =>
        Plan is not null ? Plan.ToString() : string.Join("\n\n", Diagnostics.Select(d => d.Rendered));
}
