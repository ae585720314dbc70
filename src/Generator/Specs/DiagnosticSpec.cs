using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

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

    /// <summary>Creates the Roslyn diagnostic.</summary>
    public Diagnostic ToDiagnostic()
    {
        var location = Path is null
            ? Location.None
            : Location.Create(Path, new TextSpan(Start, Length), new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(Line, Column + Length)));
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, Message);
    }
}
