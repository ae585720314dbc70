using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>What guest bindings (<c>Mode="Guest"</c>) decide differently from host bindings.</summary>
internal sealed partial class SpecBuilder
{
    /// <summary>
    /// The members the guest bindings give a resource class besides its functions (an imported resource's handle, an
    /// exported one's destructor hook): functions are named around them.
    /// </summary>
    private static readonly string[] GuestResourceMembers = { "New", "IsBorrowed", "IsDisposed", "Drop", "OnDrop", "InvokeOnDrop", "MoveHandle" };

    /// <summary>
    /// An interface both imported and exported has one C# type per resource but two resource types in the component:
    /// guest bindings keep the imported side, and leave out (WIT0004) the exported side's resource functions and each
    /// export passing one of those handles.
    /// </summary>
    private WorldBindingsSpec LeaveOutResourcesOfBothDirections(WorldBindingsSpec spec)
    {
        var imported = new HashSet<string>(spec.Imports.SelectMany(i => i.Resources).Select(r => r.FullName), StringComparer.Ordinal);
        if (!spec.Exports.SelectMany(i => i.Resources).Any(r => imported.Contains(r.FullName)))
        {
            return spec;
        }

        const string Why = "is left out of the guest bindings: its interface is both imported and exported, and guest bindings give its resource '{0}' one class, the imported one";
        InterfaceBindingSpec Filter(InterfaceBindingSpec i)
        {
            var owner = i.InstanceName is null ? $"world '{spec.WorldName}'" : $"interface '{i.InstanceName}'";
            foreach (var r in i.Resources.Where(r => imported.Contains(r.FullName)))
            {
                foreach (var f in r.Functions)
                {
                    _diagnostics.Add(DiagnosticSpec.Unlocated(DiagnosticDescriptors.UnsupportedType.Id, $"the function '{f.WitName}' of {owner} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Why, r.WitName)));
                }
            }

            var kept = new List<FunctionSpec>();
            foreach (var f in i.Functions)
            {
                if (f.Params.Select(p => p.Shape).Append(f.Result).FirstOrDefault(s => s is not null && HandleTo(s, imported) is not null) is { } shape)
                {
                    _diagnostics.Add(DiagnosticSpec.Unlocated(DiagnosticDescriptors.UnsupportedType.Id, $"the function '{f.WitName}' of {owner} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Why, HandleTo(shape, imported))));
                    continue;
                }

                kept.Add(f);
            }

            return i with { Functions = kept.ToEquatableArray(), Resources = i.Resources.Where(r => !imported.Contains(r.FullName)).ToEquatableArray() };
        }

        return spec with { Exports = spec.Exports.Select(Filter).ToEquatableArray() };
    }

    /// <summary>The WIT name of the first resource among <paramref name="classes"/> a shape holds a handle to, if any.</summary>
    private static string? HandleTo(ShapeSpec shape, HashSet<string> classes)
    {
        if (!shape.HasHandles)
        {
            return null;
        }

        if (shape.Kind is ShapeKind.Own or ShapeKind.Borrow)
        {
            return classes.Contains(shape.Type) ? shape.Members[0].Name : null;
        }

        return shape.Members.Select(m => m.Shape is null ? null : HandleTo(m.Shape, classes)).FirstOrDefault(n => n is not null);
    }

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
