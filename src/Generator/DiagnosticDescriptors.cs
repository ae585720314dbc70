using Microsoft.CodeAnalysis;

namespace WitBindgen.Generator;

/// <summary>Every diagnostic the generator reports. Ids are stable; see docs/type-mapping.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "WitBindgen";

    /// <summary>WIT0001: the WIT input does not parse or resolve.</summary>
    public static readonly DiagnosticDescriptor WitError = new(
        "WIT0001", "WIT error", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>WIT0002: the package has several worlds and none was chosen.</summary>
    public static readonly DiagnosticDescriptor AmbiguousWorld = new(
        "WIT0002", "WIT world not chosen", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>WIT0003: the chosen world does not exist.</summary>
    public static readonly DiagnosticDescriptor WorldNotFound = new(
        "WIT0003", "WIT world not found", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>
    /// WIT0004: a function cannot be bound yet (async, or it passes a type host bindings do not support) and is left out
    /// of the bindings, one diagnostic per function at its declaration; or a type with no C# mapping yet is generated as
    /// <c>object</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "WIT0004", "WIT function or type cannot be bound yet", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>WIT0005: the <c>Mode</c> metadata asks for bindings that are not generated (yet).</summary>
    public static readonly DiagnosticDescriptor UnsupportedMode = new(
        "WIT0005", "WitBindgen mode not supported", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>WIT0006: the world's bindings have nothing to call (or, for a world without exports, nothing to implement).</summary>
    public static readonly DiagnosticDescriptor NothingBound = new(
        "WIT0006", "WIT world has nothing to bind", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>WIT0007: a WIT type maps to a runtime helper type (<c>Result</c>, <c>Option</c>, <c>Unit</c>), but the project does not reference the runtime.</summary>
    public static readonly DiagnosticDescriptor RuntimeRequired = new(
        "WIT0007", "WitBindgen.Runtime required", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>WIT0011: an entry of the <c>With</c> metadata is malformed (reported at the project that defines the item, and left out).</summary>
    public static readonly DiagnosticDescriptor MalformedWith = new(
        "WIT0011", "WitBindgen With entry malformed", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>
    /// WIT0012: the bindings a referenced assembly holds for an interface cannot serve this world (its resource classes
    /// are for the other direction, or its types do not match the WIT here).
    /// </summary>
    public static readonly DiagnosticDescriptor ReuseConflict = new(
        "WIT0012", "WIT interface bindings cannot be reused", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>WIT9999: a bug in the generator; it reports instead of throwing.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        "WIT9999", "WitBindgen internal error", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>All descriptors.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[] { WitError, AmbiguousWorld, WorldNotFound, UnsupportedType, UnsupportedMode, NothingBound, RuntimeRequired, MalformedWith, ReuseConflict, InternalError };

    /// <summary>The descriptor with <paramref name="id"/> (the internal-error one for an unknown id).</summary>
    public static DiagnosticDescriptor ById(string id) => All.FirstOrDefault(d => d.Id == id) ?? InternalError;
}
