using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// The component-level index spaces of a component, component type or instance type being checked, as types
/// (core sorts are left to Wasmtime and the other rule families), with what its imports and exports name.
/// </summary>
internal sealed class Scope(Scope? parent, string what)
{
    public Scope? Parent { get; } = parent;

    /// <summary>What the scope is (for messages): a component, a component type or an instance type.</summary>
    public string What { get; } = what;

    public List<TypeId> Types { get; } = [];

    public List<FuncDef> Funcs { get; } = [];

    public List<InstanceDef> Instances { get; } = [];

    public List<ComponentDef> Components { get; } = [];

    public List<ValType> Values { get; } = [];

    /// <summary>Ids that have an externally visible name through an import.</summary>
    public HashSet<TypeId> ImportNamed { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Ids that have an externally visible name through an export.</summary>
    public HashSet<TypeId> ExportNamed { get; } = new(ReferenceEqualityComparer.Instance);

    public List<(string Name, Entity Entity)> Imports { get; } = [];

    public List<(string Name, Entity Entity)> Exports { get; } = [];

    /// <summary>The ids the imports introduce (bound when the component is instantiated).</summary>
    public List<TypeId> ImportIds { get; } = [];

    /// <summary>The abstract resources the imports introduce.</summary>
    public List<ResourceIdentity> ImportedResources { get; } = [];

    /// <summary>For an instance type: the abstract resources its exports introduce.</summary>
    public List<ResourceIdentity> ExportedResources { get; } = [];

    /// <summary>The enclosing scope <paramref name="count"/> levels out (0: this one), or null.</summary>
    public Scope? Outer(uint count)
    {
        var scope = this;
        for (var i = 0u; i < count && scope is not null; i++)
        {
            scope = scope.Parent;
        }

        return scope;
    }

    /// <summary>Adds an entity to the index space of its sort.</summary>
    public void Add(Entity entity)
    {
        switch (entity)
        {
            case FuncEntity f:
                Funcs.Add(f.Type);
                break;
            case TypeEntity t:
                Types.Add(t.Id);
                break;
            case InstanceEntity i:
                Instances.Add(i.Type);
                break;
            case ComponentEntity c:
                Components.Add(c.Type);
                break;
            case ValueEntity v:
                Values.Add(v.Type);
                break;
        }
    }

    /// <summary>The entity at <paramref name="index"/> of <paramref name="sort"/>, or null when the index is out of bounds.</summary>
    public Entity? At(Sort sort, uint index) => sort switch
    {
        Sort.Function => index < Funcs.Count ? new FuncEntity(Funcs[(int)index]) : null,
        Sort.Type => index < Types.Count ? new TypeEntity(Types[(int)index]) : null,
        Sort.Instance => index < Instances.Count ? new InstanceEntity(Instances[(int)index]) : null,
        Sort.Component => index < Components.Count ? new ComponentEntity(Components[(int)index]) : null,
        Sort.Value => index < Values.Count ? new ValueEntity(Values[(int)index]) : null,
        Sort.CoreModule => CoreModuleEntity.Instance,
        _ => null,
    };
}
