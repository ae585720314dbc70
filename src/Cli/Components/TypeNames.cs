using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Components;

/// <summary>
/// The names a component gives its types: each type identity (<see cref="TypeId"/>) is named by the first import or
/// export that exports it as a type, together with the interface (import or export name) it belongs to; null for a
/// type of the component itself.
/// </summary>
internal sealed class TypeNames
{
    private readonly Dictionary<object, (string? Owner, string Name)> _names = new(ReferenceEqualityComparer.Instance);

    /// <summary>Names the types of <paramref name="component"/>'s imports, then of its exports.</summary>
    public TypeNames(ComponentDef component)
    {
        foreach (var (name, entity) in component.Imports.Concat(component.Exports))
        {
            switch (entity)
            {
                case TypeEntity type:
                    _names.TryAdd(Key(type.Id), (null, name));
                    break;
                case InstanceEntity instance:
                    foreach (var (member, memberEntity) in instance.Type.Exports)
                    {
                        if (memberEntity is TypeEntity memberType)
                        {
                            _names.TryAdd(Key(memberType.Id), (name, member));
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The name of <paramref name="id"/>, or null for a type without one.</summary>
    public string? NameOf(TypeId id) => _names.TryGetValue(Key(id), out var n) ? n.Name : null;

    /// <summary>Where <paramref name="id"/> got its name: the interface and the name; false for a type without one.</summary>
    public bool TryGetOwner(TypeId id, out string? owner, out string name)
    {
        if (_names.TryGetValue(Key(id), out var n))
        {
            (owner, name) = n;
            return true;
        }

        owner = null;
        name = "";
        return false;
    }

    /// <summary>A type's identity: a resource's identity, or the definition another alias of it shares.</summary>
    private static object Key(TypeId id) => id.Type is ResourceDef resource ? resource.Identity : id.Type;
}
