using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime;

public sealed partial class HostImports
{
    /// <summary>
    /// Defines every import of <paramref name="component"/> that is not defined yet so that the
    /// component can be instantiated, with implementations that fail only when called: a function
    /// import becomes a host function that throws a <see cref="NotImplementedException"/> ("import X
    /// is not implemented"); an instance import becomes a host instance whose functions throw likewise
    /// and whose <c>(sub resource)</c> type exports are host resource types without a destructor; a
    /// <c>(sub resource)</c> type import becomes a host resource type.
    /// </summary>
    /// <remarks>
    /// An instance that is already defined (by exact name or, as for instantiation, by semver
    /// compatibility) keeps its definitions and only gets the functions and resource types it lacks,
    /// so a host can implement part of an interface and leave the rest to trap. Definitions made
    /// after this call replace the trapping ones. Imports of other kinds (core modules, components,
    /// values, nested instances) are left undefined.
    /// </remarks>
    /// <param name="component">The component whose imports to cover.</param>
    /// <returns>This set, for chaining.</returns>
    public HostImports DefineUnknownAsTraps(LoadedComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var definition = component.Definition;
        foreach (var import in definition.Imports)
        {
            var name = import.Name.Name;
            var existing = Find(name);
            switch (import.Type)
            {
                case FunctionExternType when existing is null:
                    DefineFunction(name, Trap(name));
                    break;
                case TypeExternType { Bound.IsSubResource: true } when existing is null:
                    _items[name] = new State.ResourceType(name, null, null);
                    break;
                case InstanceExternType instanceType when existing is null or HostInstance:
                    var instance = existing as HostInstance ?? DefineInstance(name);
                    if (definition.ResolveType(instanceType.TypeIndex).Definition is InstanceType type)
                    {
                        instance.DefineMissingAsTraps(type);
                    }

                    break;
            }
        }

        return this;
    }

    /// <summary>A host function that fails with "import <paramref name="name"/> is not implemented".</summary>
    internal static HostFunction Trap(string name) =>
        _ => throw new NotImplementedException($"import '{name}' is not implemented");
}

/// <content>Completing an instance with traps, for <see cref="HostImports.DefineUnknownAsTraps"/>.</content>
public sealed partial class HostInstance
{
    /// <summary>Defines the functions and <c>(sub resource)</c> types of <paramref name="type"/> that are not defined yet, as traps.</summary>
    internal void DefineMissingAsTraps(InstanceType type)
    {
        foreach (var export in type.Exports)
        {
            var exportName = export.Name.Name;
            if (Exports.ContainsKey(exportName))
            {
                continue;
            }

            switch (export.Type)
            {
                case FunctionExternType:
                    DefineFunction(exportName, HostImports.Trap(Name + "#" + exportName));
                    break;
                case TypeExternType { Bound.IsSubResource: true }:
                    Exports[exportName] = new State.ResourceType(Name + "#" + exportName, null, null);
                    break;
            }
        }
    }
}
