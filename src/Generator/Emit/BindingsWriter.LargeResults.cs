using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator.Emit;

/// <summary>
/// The large-result form of an exported function whose result is a <c>string</c> or a <c>list&lt;u8&gt;</c>: next
/// to the ordinary method, two overloads with a destination parameter that receive the result's bytes straight from
/// guest memory (strings as UTF-8), with no .NET string or array in between. <c>int M(..., Span&lt;byte&gt;)</c>
/// copies into the caller's buffer and returns the byte count (a buffer too small throws once the call has
/// completed); <c>int M(..., IBufferWriter&lt;byte&gt;)</c> writes to a writer, which grows as needed.
/// </summary>
internal sealed partial class BindingsWriter
{
    /// <summary>The destination of a large-result form.</summary>
    private enum LargeResult
    {
        /// <summary>The caller's <c>Span&lt;byte&gt;</c>.</summary>
        Span,

        /// <summary>The caller's <c>IBufferWriter&lt;byte&gt;</c>.</summary>
        Writer,
    }

    /// <summary>The large-result calls (span form, writer form) of the functions that have them, by owner and WIT name.</summary>
    private readonly Dictionary<(string? Owner, string WitName), (string Span, string Writer)> _largeCallNames = new();

    /// <summary>
    /// Whether a function has the large-result form: a synchronous freestanding or static exported function whose
    /// result is a <c>string</c> or a <c>list&lt;u8&gt;</c> (resource methods and async functions have none).
    /// </summary>
    private static bool HasLargeResult(FunctionSpec f) =>
        !f.IsAsync
        && f.Kind is FunctionSpecKind.Freestanding or FunctionSpecKind.Static
        && f.Result is { } r
        && (r.Kind == ShapeKind.String || IsByteList(r));

    private static bool IsByteList(ShapeSpec shape) =>
        shape.Kind == ShapeKind.List && shape.Members.Count == 1 && shape.Members[0].Shape?.Kind == ShapeKind.U8;

    /// <summary>Adds the two large-result calls of every function that has them, which share the ordinary call's function field.</summary>
    private void RegisterLargeResultCalls()
    {
        foreach (var (instance, owner, f) in ExportOrder(_world))
        {
            if (HasLargeResult(f))
            {
                _currentInstance = instance;
                var id = _callNames[(owner, f.WitName)].Substring("Call".Length);
                _largeCallNames[(owner, f.WitName)] = (AddExportCall(f, (LargeResult.Span, id)), AddExportCall(f, (LargeResult.Writer, id)));
            }
        }
    }

    private static string DestinationType(LargeResult form) => form == LargeResult.Span
        ? "global::System.Span<byte>"
        : "global::System.Buffers.IBufferWriter<byte>";

    /// <summary>The destination parameter's name: <c>utf8Destination</c> for text, <c>destination</c> for bytes (distinct from the WIT parameters).</summary>
    private static string DestinationName(FunctionSpec f)
    {
        var name = f.Result?.Kind == ShapeKind.String ? "utf8Destination" : "destination";
        while (f.Params.Any(p => p.Name == name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>The expression that copies the result whose pointer and length are at <paramref name="results"/> into <c>dst</c>.</summary>
    private static string LargeResultCopy(ShapeSpec result, LargeResult form, string results) =>
        $"_C::ResultBytes.{(form == LargeResult.Span ? "Copy" : "Write")}{(result.Kind == ShapeKind.String ? "String" : "Bytes")}(cx, {MarshalWriter.Abi}.LoadSlice(cx, {results}), dst)";

    /// <summary>Writes the two large-result overloads of an exported function's method, if it has them.</summary>
    private void WriteLargeResultMethods(SourceWriter w, string? owner, FunctionSpec f, string name)
    {
        if (!_largeCallNames.TryGetValue((owner, f.WitName), out var calls))
        {
            return;
        }

        var destination = DestinationName(f);
        var what = f.Result!.Kind == ShapeKind.String ? "as UTF-8 " : "";
        var wit = Docs.Escape(f.WitName);
        var parameters = string.Join(string.Empty, f.Params.Select(p => $"{p.Shape.Type} {p.Name}, "));
        var arguments = string.Join(string.Empty, f.Params.Select(p => p.Name + ", "));

        w.WriteLine();
        w.WriteLine($"/// <summary>The WIT function <c>{wit}</c>, its result copied {what}into <paramref name=\"{destination}\"/> straight from the component's memory, instead of returned as a new {(what.Length > 0 ? "string" : "array")} (the large-result form of <c>{name}</c>).</summary>");
        w.WriteLine("/// <returns>The number of bytes written.</returns>");
        w.WriteLine($"/// <exception cref=\"global::System.ArgumentException\">The result is longer than <paramref name=\"{destination}\"/>: the call completed and its result was discarded.</exception>");
        WriteObsolete(w, f);
        w.WriteLine($"public int {name}({parameters}global::System.Span<byte> {destination}) => _abi.{calls.Span}({arguments}{destination});");

        w.WriteLine();
        w.WriteLine($"/// <summary>The WIT function <c>{wit}</c>, its result written {what}to <paramref name=\"{destination}\"/> straight from the component's memory, instead of returned as a new {(what.Length > 0 ? "string" : "array")} (the large-result form of <c>{name}</c>).</summary>");
        w.WriteLine("/// <returns>The number of bytes written.</returns>");
        WriteObsolete(w, f);
        w.WriteLine($"public int {name}({parameters}global::System.Buffers.IBufferWriter<byte> {destination}) => _abi.{calls.Writer}({arguments}{destination});");
    }
}
