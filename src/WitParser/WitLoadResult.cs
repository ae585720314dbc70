using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;

namespace WitBindgen.WitParser;

/// <summary>The outcome of loading WIT: a resolved model, or a diagnostic.</summary>
public sealed class WitLoadResult
{
    private WitLoadResult(WitResolve? resolve, PackageId? main, WitDiagnostic? diagnostic)
    {
        Resolve = resolve;
        MainPackage = main;
        Diagnostic = diagnostic;
    }

    /// <summary>True when the input resolved without errors.</summary>
    public bool Success => Diagnostic is null;

    /// <summary>The resolved packages (null on failure).</summary>
    public WitResolve? Resolve { get; }

    /// <summary>The package that was asked for (as opposed to its dependencies).</summary>
    public PackageId? MainPackage { get; }

    /// <summary>The error, when loading failed.</summary>
    public WitDiagnostic? Diagnostic { get; }

    /// <summary>Returns the resolve, or throws <see cref="WitException"/> with the diagnostic.</summary>
    public WitResolve GetResolveOrThrow() => Resolve ?? throw new WitException(Diagnostic!);

    internal static WitLoadResult Ok(WitResolve resolve, PackageId main) => new(resolve, main, null);

    internal static WitLoadResult Failed(WitDiagnostic diagnostic) => new(null, null, diagnostic);
}
