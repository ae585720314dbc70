using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>What guest bindings (<c>Mode="Guest"</c>) decide differently from host bindings.</summary>
internal sealed partial class SpecBuilder
{
    /// <summary>
    /// Resources are not bound in guest mode yet: each of their functions is reported (WIT0004, at its declaration)
    /// and left out, and the resource keeps its placeholder class. Returns no resource bindings.
    /// </summary>
    private List<ResourceBindingSpec> GuestResources(IEnumerable<TypeId> resources, IEnumerable<WitFunction> functions, string owner)
    {
        foreach (var f in functions.Where(f => f.Resource is not null))
        {
            ReportSkipped(f, owner, "guest bindings do not support resources yet");
        }

        _ = resources;
        return new List<ResourceBindingSpec>();
    }

    /// <summary>Why guest bindings cannot pass <paramref name="shape"/> yet, or null when they can.</summary>
    private static string? GuestUnsupported(ShapeSpec shape) => shape.Kind switch
    {
        ShapeKind.Own or ShapeKind.Borrow => $"passes the handle '{shape.WitName}': guest bindings do not support resources yet",
        ShapeKind.Map => $"has the type '{shape.WitName}': guest bindings do not support maps yet",
        ShapeKind.FixedList => $"has the type '{shape.WitName}': guest bindings do not support fixed-length lists yet",
        _ => shape.Members.Select(m => m.Shape is null ? null : GuestUnsupported(m.Shape)).FirstOrDefault(why => why is not null),
    };

    /// <summary>True for UTF-16 strings (<c>StringEncoding="utf16"</c>); UTF-8 otherwise (the default), an unknown value reported.</summary>
    private bool GuestStringEncoding()
    {
        var encoding = _unit.StringEncoding;
        if (encoding is null || encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase) || encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (encoding.Equals("utf16", StringComparison.OrdinalIgnoreCase) || encoding.Equals("utf-16", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var message = $"unknown StringEncoding \"{encoding}\": expected \"utf8\" (the default) or \"utf16\"; UTF-8 is used";
        _diagnostics.Add(_unit.Project is { } project
            ? new DiagnosticSpec(DiagnosticDescriptors.UnsupportedMode.Id, message, project, 0, 0, 0, 0)
            : DiagnosticSpec.Unlocated(DiagnosticDescriptors.UnsupportedMode.Id, message));
        return false;
    }
}
