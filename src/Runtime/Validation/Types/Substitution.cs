namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// Replaces type ids and resource identities in a type: an instantiation's arguments for the types its imports
/// introduce, fresh identities for the resources each instantiation or import of a type generates, fresh ids for the
/// types an import or export names. Types that mention nothing replaced are kept as they are, so shared structure
/// stays shared.
/// </summary>
internal sealed class Substitution
{
    private readonly IReadOnlyDictionary<TypeId, TypeId> _replacedIds;
    private readonly IReadOnlyDictionary<ResourceIdentity, ResourceIdentity> _map;
    private readonly IReadOnlySet<TypeId> _renamed;
    private readonly Dictionary<TypeId, TypeId> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DefType, DefType> _defs = new(ReferenceEqualityComparer.Instance);

    private Substitution(IReadOnlyDictionary<TypeId, TypeId> ids, IReadOnlyDictionary<ResourceIdentity, ResourceIdentity> map, IReadOnlySet<TypeId>? renamed = null)
    {
        _replacedIds = ids;
        _map = map;
        _renamed = renamed ?? new HashSet<TypeId>();
    }

    /// <summary>The entity with each id of <paramref name="renamed"/> made a new id (references to it included).</summary>
    public static Entity Rename(Entity entity, IReadOnlySet<TypeId> renamed) =>
        renamed.Count == 0 ? entity : new Substitution(new Dictionary<TypeId, TypeId>(), new Dictionary<ResourceIdentity, ResourceIdentity>(), renamed).Entity(entity);

    /// <summary>The entity with what <paramref name="bindings"/> bound replaced.</summary>
    public static Entity Apply(Entity entity, Bindings bindings) => Apply(entity, bindings.Ids, bindings.Resources);

    /// <summary>The entity with the ids and identities of the maps replaced.</summary>
    public static Entity Apply(Entity entity, IReadOnlyDictionary<TypeId, TypeId> ids, IReadOnlyDictionary<ResourceIdentity, ResourceIdentity> resources) =>
        ids.Count == 0 && resources.Count == 0 ? entity : new Substitution(ids, resources).Entity(entity);

    /// <summary>
    /// Named entities with the ids and identities of the maps replaced by one substitution, so that an id each of them
    /// mentions is replaced by the same new id in all.
    /// </summary>
    public static List<(string Name, Entity Entity)> Apply(
        IEnumerable<(string Name, Entity Entity)> entities,
        IReadOnlyDictionary<TypeId, TypeId> ids,
        IReadOnlyDictionary<ResourceIdentity, ResourceIdentity> resources)
    {
        var substitution = new Substitution(ids, resources);
        return entities.Select(e => (e.Name, substitution.Entity(e.Entity))).ToList();
    }

    /// <summary>Fresh identities for <paramref name="identities"/>.</summary>
    public static Dictionary<ResourceIdentity, ResourceIdentity> Fresh(IEnumerable<ResourceIdentity> identities, string why)
    {
        var map = new Dictionary<ResourceIdentity, ResourceIdentity>(ReferenceEqualityComparer.Instance);
        foreach (var identity in identities)
        {
            map.TryAdd(identity, new ResourceIdentity($"{identity} ({why})"));
        }

        return map;
    }

    private Entity Entity(Entity entity) => entity switch
    {
        FuncEntity f => new FuncEntity((FuncDef)Def(f.Type)),
        TypeEntity t => new TypeEntity(Id(t.Id)),
        InstanceEntity i => new InstanceEntity((InstanceDef)Def(i.Type)),
        ComponentEntity c => new ComponentEntity((ComponentDef)Def(c.Type)),
        ValueEntity v => new ValueEntity(Value(v.Type)),
        _ => entity,
    };

    private TypeId Id(TypeId id)
    {
        if (_replacedIds.TryGetValue(id, out var given))
        {
            return given;
        }

        if (!_ids.TryGetValue(id, out var replaced))
        {
            var def = Def(id.Type);
            replaced = ReferenceEquals(def, id.Type) && !_renamed.Contains(id) ? id : new TypeId(def);
            _ids[id] = replaced;
        }

        return replaced;
    }

    private ValType Value(ValType type) => type is RefValType r && Id(r.Id) is var id && !ReferenceEquals(id, r.Id) ? new RefValType(id) : type;

    private ValType? Optional(ValType? type) => type is null ? null : Value(type);

    private DefType Def(DefType def)
    {
        if (_defs.TryGetValue(def, out var done))
        {
            return done;
        }

        DefType result = def switch
        {
            RecordDef r => Keep(r, r.Fields.Select(f => (f.Name, Value(f.Type))).ToList(), r.Fields, fs => new RecordDef(fs)),
            VariantDef v => Keep(v, v.Cases.Select(c => (c.Name, Optional(c.Type))).ToList(), v.Cases, cs => new VariantDef(cs)),
            ListDef l => Value(l.Element) is var e && !ReferenceEquals(e, l.Element) ? new ListDef(e, l.Length) : l,
            TupleDef t => Keep(t, t.Types.Select(Value).ToList(), t.Types, ts => new TupleDef(ts)),
            OptionDef o => Value(o.Type) is var ot && !ReferenceEquals(ot, o.Type) ? new OptionDef(ot) : o,
            ResultDef r => (Optional(r.Ok), Optional(r.Error)) is var (ok, err) && (!ReferenceEquals(ok, r.Ok) || !ReferenceEquals(err, r.Error)) ? new ResultDef(ok, err) : r,
            MapDef m => (Value(m.Key), Value(m.Value)) is var (k, val) && (!ReferenceEquals(k, m.Key) || !ReferenceEquals(val, m.Value)) ? new MapDef(k, val) : m,
            HandleDef h => Id(h.Resource) is var rid && !ReferenceEquals(rid, h.Resource) ? new HandleDef(h.Own, rid) : h,
            AsyncValueDef a => Optional(a.Element) is var el && !ReferenceEquals(el, a.Element) ? new AsyncValueDef(a.Stream, el) : a,
            ResourceDef r => _map.TryGetValue(r.Identity, out var to) ? new ResourceDef(to) : r,
            FuncDef f => Keep(f, f.Parameters.Select(p => (p.Name, Value(p.Type))).ToList(), f.Parameters, ps => new FuncDef(ps, Optional(f.Result), f.IsAsync), !ReferenceEquals(Optional(f.Result), f.Result)),
            InstanceDef i => new InstanceDef(
                i.Exports.Select(e => (e.Name, Entity(e.Entity))).ToList(),
                i.AbstractResources.Select(r => _map.TryGetValue(r, out var to) ? to : r).ToList(),
                i.Named.Select(Id).ToHashSet()),
            ComponentDef c => new ComponentDef(
                c.Imports.Select(e => (e.Name, Entity(e.Entity))).ToList(),
                c.Exports.Select(e => (e.Name, Entity(e.Entity))).ToList(),
                c.ImportedResources.Select(r => _map.TryGetValue(r, out var to) ? to : r).ToList(),
                c.ImportIds.Select(Id).ToList(),
                c.Named.Select(Id).ToHashSet()),
            _ => def,
        };
        _defs[def] = result;
        return result;
    }

    /// <summary>The new definition when any part changed, else the original.</summary>
    private static DefType Keep<T>(DefType original, List<T> parts, IReadOnlyList<T> before, Func<List<T>, DefType> make, bool changedElsewhere = false)
    {
        var changed = changedElsewhere;
        for (var i = 0; i < parts.Count && !changed; i++)
        {
            changed = !EqualityComparer<T>.Default.Equals(parts[i], before[i]);
        }

        return changed ? make(parts) : original;
    }
}
