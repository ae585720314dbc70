using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime;

public sealed partial class HostImports
{
    /// <summary>
    /// Defines every import of <paramref name="component"/> that is not defined yet so that the
    /// component can be instantiated, with implementations that fail only when called: a function
    /// import becomes a host function that throws a <see cref="NotImplementedException"/> ("import X
    /// is not implemented"); an instance import becomes a host instance whose functions throw likewise,
    /// whose <c>(sub resource)</c> type exports are host resource types without a destructor and whose
    /// instance exports are filled the same way; a <c>(sub resource)</c> type import becomes a host
    /// resource type. Type imports bounded by <c>(eq i)</c> need nothing: their bound gives the type.
    /// </summary>
    /// <remarks>
    /// An instance that is already defined (by exact name or, as for instantiation, by semver
    /// compatibility) keeps its definitions and only gets the functions, resource types and nested
    /// instances it lacks, so a host can implement part of an interface and leave the rest to trap.
    /// Definitions made after this call replace the trapping ones. Imports of core modules, components
    /// and values cannot be made up and are left undefined.
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
                    DefineResource(name);
                    break;
                case InstanceExternType instanceType when existing is null or HostInstance:
                    var instance = existing as HostInstance ?? DefineInstance(name);
                    instance.DefineMissingAsTraps(definition.ResolveType(instanceType.TypeIndex));
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
    /// <summary>
    /// Defines the functions, <c>(sub resource)</c> types and instances of the instance type <paramref name="type"/>
    /// that are not defined yet, as traps (nested instances completed the same way).
    /// </summary>
    internal void DefineMissingAsTraps(ResolvedType type)
    {
        if (type.Definition is not InstanceType instanceType)
        {
            return;
        }

        foreach (var export in instanceType.Exports)
        {
            var exportName = export.Name.Name;
            Exports.TryGetValue(exportName, out var existing);
            switch (export.Type)
            {
                case FunctionExternType when existing is null:
                    DefineFunction(exportName, HostImports.Trap(Name + "#" + exportName));
                    break;
                case TypeExternType { Bound.IsSubResource: true } when existing is null:
                    Set(exportName, new State.ResourceType(Name + "#" + exportName, null, (Action<int>?)null));
                    break;
                case InstanceExternType nested when existing is null or HostInstance:
                    var inner = existing as HostInstance ?? DefineInstance(exportName);
                    inner.DefineMissingAsTraps(type.Scope.Enter(instanceType).ResolveType(nested.TypeIndex));
                    break;
            }
        }
    }
}
