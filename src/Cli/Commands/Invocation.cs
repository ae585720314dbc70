using WitBindgen.Cli.Inspect;
using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// The function an <c>invoke</c> names: <c>name</c> (a top-level export, or the only exported interface function of
/// that name), <c>ns:pkg/iface@1.0.0#name</c> or <c>iface#name</c> (a function of an exported interface).
/// </summary>
internal sealed record Invocation(string? Instance, string Function, FuncDef Type)
{
    /// <summary>Finds <paramref name="name"/> among <paramref name="component"/>'s exports; null with the reason when it is not one.</summary>
    public static (Invocation? Found, string? Error) Find(ComponentDef component, string name)
    {
        var hash = name.LastIndexOf('#');
        if (hash >= 0)
        {
            var instanceName = name[..hash];
            var function = name[(hash + 1)..];
            var instances = component.Exports
                .Where(e => e.Entity is InstanceEntity && (e.Name == instanceName || (InterfaceId.TryParse(e.Name, out var id) && id.Interface == instanceName)))
                .ToList();
            if (instances.Count == 0)
            {
                return (null, $"the component exports no interface `{instanceName}` (exports: {Exports(component)})");
            }

            if (instances.Count > 1)
            {
                return (null, $"`{instanceName}` names {instances.Count} exported interfaces: write one in full ({string.Join(", ", instances.Select(i => i.Name))})");
            }

            var (exportName, entity) = instances[0];
            return ((InstanceEntity)entity).Type.Export(function) is FuncEntity f
                ? (new Invocation(exportName, function, f.Type), null)
                : (null, $"`{exportName}` has no function `{function}`");
        }

        if (component.Exports.FirstOrDefault(e => e.Name == name).Entity is FuncEntity top)
        {
            return (new Invocation(null, name, top.Type), null);
        }

        var matches = component.Exports
            .Where(e => e.Entity is InstanceEntity i && i.Type.Export(name) is FuncEntity)
            .Select(e => new Invocation(e.Name, name, ((FuncEntity)((InstanceEntity)e.Entity).Type.Export(name)!).Type))
            .ToList();
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, $"the component exports no function `{name}` (exports: {Exports(component)})"),
            _ => (null, $"`{name}` is exported by {matches.Count} interfaces: write `interface#{name}` ({string.Join(", ", matches.Select(m => m.Instance))})"),
        };
    }

    private static string Exports(ComponentDef component) =>
        component.Exports.Count == 0 ? "none" : string.Join(", ", component.Exports.Select(e => e.Name));
}
