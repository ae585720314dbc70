using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SourceSpan = WitBindgen.WitParser.Text.SourceSpan;

namespace WitBindgen.Generator.Specs;

/// <summary>A diagnostic to report, as plain data (a Roslyn <see cref="Location"/> is not equatable).</summary>
/// <param name="Id">The descriptor id (see <see cref="DiagnosticDescriptors"/>).</param>
/// <param name="Message">The message argument.</param>
/// <param name="Path">The .wit file, or null for no location.</param>
/// <param name="Start">The character offset in the file.</param>
/// <param name="Length">The length in characters.</param>
/// <param name="Line">The 0-based line.</param>
/// <param name="Column">The 0-based character column.</param>
internal sealed record DiagnosticSpec(string Id, string Message, string? Path, int Start, int Length, int Line, int Column)
{
    /// <summary>A diagnostic with no location.</summary>
    public static DiagnosticSpec Unlocated(string id, string message) => new(id, message, null, 0, 0, 0, 0);

    /// <summary>
    /// A diagnostic at a declaration of the model (a function's or world's name), in the AdditionalFile of
    /// <paramref name="unit"/> it came from; unlocated when there is no location or the file is not one of the unit's.
    /// </summary>
    public static DiagnosticSpec At(string id, string message, SourceSpan? location, WitUnit unit)
    {
        if (location is not { } at)
        {
            return Unlocated(id, message);
        }

        var file = unit.Files.FirstOrDefault(f => NormalizePath(f.Path) == NormalizePath(at.Path));
        if (file is null || at.Start + at.Length > file.Text.Length)
        {
            return Unlocated(id, message);
        }

        return new DiagnosticSpec(id, message, file.Path, at.Start, at.Length, at.Line - 1, at.Column - 1);
    }

    /// <summary>The path as the generator hands it to the WIT loader (forward slashes).</summary>
    public static string NormalizePath(string path) => path.Replace('\\', '/');

    /// <summary>Creates the Roslyn diagnostic.</summary>
    public Diagnostic ToDiagnostic()
    {
        var location = Path is null
            ? Location.None
            : Location.Create(Path, new TextSpan(Start, Length), new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(Line, Column + Length)));
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, Message);
    }
}
