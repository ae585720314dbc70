namespace WitBindgen.Generator;

/// <summary>The names of the generator's tracked pipeline steps (for incrementality tests).</summary>
public static class TrackingNames
{
    /// <summary>Each .wit AdditionalFile with its metadata.</summary>
    public const string InputFiles = "WitInputFiles";

    /// <summary>The files grouped into loads.</summary>
    public const string Units = "WitUnits";

    /// <summary>Whether the project references the runtime (host bindings on).</summary>
    public const string Runtime = "WitRuntime";

    /// <summary>The WIT interfaces whose types referenced assemblies hold.</summary>
    public const string Provided = "WitProvided";

    /// <summary>Each load resolved into what to generate.</summary>
    public const string Specs = "WitSpecs";

    /// <summary>All loads together, for emission with duplicates removed.</summary>
    public const string AllSpecs = "WitAllSpecs";

    /// <summary>One item per generated source (an <c>OutputSpec</c>): each is rendered only when it changed.</summary>
    public const string Outputs = "WitOutputs";

    /// <summary>The diagnostics of all loads, reported on their own.</summary>
    public const string Diagnostics = "WitDiagnostics";
}
