namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// External visibility (Explainer.md, "External Visibility of Types"): every resource, record, variant, enum and
/// flags type used in the type of an import must have a name an import gave it, and in the type of an export a name
/// an import or an export gave it, so that a client can write the type down.
/// </summary>
internal static class Visibility
{
    /// <summary>The ids in <paramref name="entity"/>'s type that need a name and have none in <paramref name="named"/>, or null.</summary>
    public static TypeId? Unnamed(Entity entity, IReadOnlySet<TypeId> named)
    {
        var walk = new Walk(named);
        return walk.Entity(entity) ? null : walk.Culprit;
    }

    private sealed class Walk(IReadOnlySet<TypeId> named)
    {
        private readonly HashSet<TypeId> _seen = new(ReferenceEqualityComparer.Instance);
        private readonly List<IReadOnlySet<TypeId>> _scopes = [named];

        public TypeId? Culprit { get; private set; }

        public bool Entity(Entity entity) => entity switch
        {
            FuncEntity f => Def(f.Type),
            TypeEntity t => Def(t.Id.Type), // the export or import names the type itself; what it refers to needs names
            InstanceEntity i => Nested(i.Type.Named, () => i.Type.Exports.All(e => Entity(e.Entity))),
            ComponentEntity c => Nested(c.Type.Named, () => c.Type.Imports.All(e => Entity(e.Entity)) && c.Type.Exports.All(e => Entity(e.Entity))),
            ValueEntity v => Value(v.Type),
            _ => true,
        };

        private bool Nested(IReadOnlySet<TypeId> more, Func<bool> body)
        {
            _scopes.Add(more);
            try
            {
                return body();
            }
            finally
            {
                _scopes.RemoveAt(_scopes.Count - 1);
            }
        }

        private bool Value(ValType? type) => type is not RefValType r || Id(r.Id);

        private bool Id(TypeId id)
        {
            if (id.Type.NeedsName && !_scopes.Any(s => s.Contains(id)))
            {
                Culprit = id;
                return false;
            }

            return !_seen.Add(id) || Def(id.Type);
        }

        private bool Def(DefType def)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            return def switch
            {
                RecordDef r => r.Fields.All(f => Value(f.Type)),
                VariantDef v => v.Cases.All(c => Value(c.Type)),
                ListDef l => Value(l.Element),
                TupleDef t => t.Types.All(Value),
                OptionDef o => Value(o.Type),
                ResultDef r => Value(r.Ok) && Value(r.Error),
                MapDef m => Value(m.Key) && Value(m.Value),
                HandleDef h => Id(h.Resource),
                AsyncValueDef a => Value(a.Element),
                FuncDef f => f.Parameters.All(p => Value(p.Type)) && Value(f.Result),
                InstanceDef i => Nested(i.Named, () => i.Exports.All(e => Entity(e.Entity))),
                ComponentDef c => Nested(c.Named, () => c.Imports.All(e => Entity(e.Entity)) && c.Exports.All(e => Entity(e.Entity))),
                _ => true,
            };
        }
    }
}
