using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// Type-checks a component as the specification does (Explainer.md, "Type Checking" and "External Visibility of
/// Types"): builds the type of every definition in index-space order — value types structurally, resources by
/// identity (generative definitions, abstract imports, fresh per instantiation) — and checks that each
/// instantiation's arguments are subtypes of the instantiated component's imports (binding its type imports), that
/// each alias names an export that exists with the right sort, that each ascribed export type is a supertype of what
/// is exported, and that the types of imports and exports only use externally visible names.
/// </summary>
internal sealed class TypeChecker
{
    private TypeChecker()
    {
    }

    /// <summary>Checks <paramref name="root"/> and everything nested in it.</summary>
    /// <exception cref="ComponentFormatException">A rule is broken.</exception>
    public static void Check(ComponentDefinition root) => TypeOf(root);

    /// <summary>
    /// Checks <paramref name="root"/> as <see cref="Check"/> does and returns its type: its imports and exports with
    /// their types, where every type has one <see cref="TypeId"/> identity however often it is aliased (the
    /// <c>witbindgen inspect</c> and <c>invoke</c> commands read names and shapes from it).
    /// </summary>
    /// <exception cref="ComponentFormatException">A rule is broken.</exception>
    public static ComponentDef TypeOf(ComponentDefinition root)
    {
        try
        {
            return new TypeChecker().Component(root, null);
        }
        catch (InsufficientExecutionStackException)
        {
            throw ComponentValidator.Invalid("types are nested too deeply to check", root.Offset);
        }
    }

    private ComponentDef Component(ComponentDefinition definition, Scope? parent)
    {
        var scope = new Scope(parent, "component");
        foreach (var item in definition.Items)
        {
            Item(item, scope);
        }

        return Result(scope);
    }

    private static ComponentDef Result(Scope scope)
    {
        var named = new HashSet<TypeId>(scope.ImportNamed, ReferenceEqualityComparer.Instance);
        named.UnionWith(scope.ExportNamed);
        return new ComponentDef(scope.Imports.ToList(), scope.Exports.ToList(), scope.ImportedResources.ToList(), scope.ImportIds.ToList(), named);
    }

    private void Item(ComponentItem item, Scope scope)
    {
        switch (item)
        {
            case TypeItem t:
                scope.Types.Add(new TypeId(Define(t.Type, scope, t.Offset)));
                break;
            case ImportItem i:
                Import(i.Name.Name, i.Type, scope, i.Offset);
                break;
            case ExportItem e:
                Export(e, scope);
                break;
            case AliasItem a:
                Alias(a.Alias, scope, a.Offset);
                break;
            case NestedComponentItem n:
                scope.Components.Add(Component(n.Component, scope));
                break;
            case InstantiationItem instantiation:
                scope.Instances.Add(Instantiate(instantiation, scope));
                break;
            case InlineInstanceItem inline:
                scope.Instances.Add(Inline(inline, scope));
                break;
            case CanonLiftItem lift:
                scope.Funcs.Add(FuncType(scope, lift.TypeIndex, lift.Offset));
                break;
            case StartItem start:
                var function = At<FuncEntity>(scope, Sort.Function, start.FunctionIndex, start.Offset).Type;
                for (var i = 0; i < start.ResultCount; i++)
                {
                    scope.Values.Add(function.Result ?? new PrimValType(PrimitiveType.Bool));
                }

                break;
            case ValueItem value:
                scope.Values.Add(Value(value.Type, scope, value.Offset));
                break;
        }
    }

    private void Import(string name, ExternType type, Scope scope, int offset)
    {
        var entity = Extern(type, scope, offset, imported: true);
        if (Visibility.Unnamed(entity, scope.ImportNamed) is { } unnamedImport)
        {
            throw ComponentValidator.Invalid($"{Kind(entity)} not valid to be used as import: its type uses {unnamedImport}, which no import names", offset);
        }

        foreach (var id in Names(entity))
        {
            scope.ImportNamed.Add(id);
            scope.ImportIds.Add(id);
        }

        scope.Imports.Add((name, entity));
        scope.Add(entity);
    }

    private void Export(ExportItem export, Scope scope)
    {
        var entity = At<Entity>(scope, export.Sort, export.Index, export.Offset);
        if (export.Type is { } ascription)
        {
            var ascribed = Extern(ascription, scope, export.Offset, imported: false);
            if (TypeRelations.Entity(entity, ascribed, new Bindings()) is { } difference)
            {
                throw ComponentValidator.Invalid($"ascribed type of export is not compatible with item type: {difference}", export.Offset);
            }

            entity = ascribed;
        }

        entity = Rename(entity);
        var named = new HashSet<TypeId>(scope.ImportNamed, ReferenceEqualityComparer.Instance);
        named.UnionWith(scope.ExportNamed);
        named.UnionWith(Names(entity));
        if (Visibility.Unnamed(entity, named) is { } unnamed)
        {
            throw ComponentValidator.Invalid($"{Kind(entity)} not valid to be used as export: its type uses {unnamed}, which no import or export names", export.Offset);
        }

        scope.ExportNamed.UnionWith(Names(entity));
        scope.Exports.Add((export.Name.Name, entity));
        scope.Add(entity);
    }

    /// <summary>
    /// A type export is a new id (only it is named by the export, not the id passed in); other entities keep their
    /// ids, and an exported instance names the ids of its type exports.
    /// </summary>
    private static Entity Rename(Entity entity) => entity is TypeEntity t ? new TypeEntity(new TypeId(t.Id.Type)) : entity;

    /// <summary>The ids an import or export of <paramref name="entity"/> gives a name.</summary>
    private static IEnumerable<TypeId> Names(Entity entity) => entity switch
    {
        TypeEntity t => [t.Id],
        InstanceEntity i => i.Type.Named,
        _ => [],
    };

    private void Alias(Alias alias, Scope scope, int offset)
    {
        switch (alias)
        {
            case InstanceExportAlias a:
                var instance = At<InstanceEntity>(scope, Sort.Instance, a.InstanceIndex, offset).Type;
                var export = instance.Export(a.Name)
                    ?? throw ComponentValidator.Invalid($"instance {a.InstanceIndex} has no export named `{a.Name}`", offset);
                if (export.Sort != a.Sort)
                {
                    throw ComponentValidator.Invalid($"export `{a.Name}` of instance {a.InstanceIndex} is a {Kind(export)}, not a {a.Sort.ToText()}", offset);
                }

                scope.Add(export);
                break;
            case OuterAlias a when a.Sort is Sort.Type or Sort.Component:
                var outer = scope.Outer(a.Count) ?? throw ComponentValidator.Invalid("invalid outer alias count", offset);
                scope.Add(At<Entity>(outer, a.Sort, a.Index, offset));
                break;
        }
    }

    private InstanceDef Instantiate(InstantiationItem instantiation, Scope scope)
    {
        var component = At<ComponentEntity>(scope, Sort.Component, instantiation.ComponentIndex, instantiation.Offset).Type;
        var arguments = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var argument in instantiation.Arguments)
        {
            if (!arguments.TryAdd(argument.Name, At<Entity>(scope, argument.Sort, argument.Index, instantiation.Offset)))
            {
                throw ComponentValidator.Invalid($"instantiation argument `{argument.Name}` conflicts with previous argument", instantiation.Offset);
            }
        }

        var bindings = new Bindings(component.ImportIds, component.ImportedResources);
        foreach (var (name, expected) in component.Imports)
        {
            if (!arguments.TryGetValue(name, out var actual))
            {
                throw ComponentValidator.Invalid($"missing import named `{name}`", instantiation.Offset);
            }

            if (TypeRelations.Entity(actual, Substitution.Apply(expected, bindings), bindings) is { } difference)
            {
                throw ComponentValidator.Invalid($"type mismatch for component instantiation argument `{name}`: {difference}", instantiation.Offset);
            }
        }

        // What the component defines or its instances generate is fresh for each instantiation.
        var fresh = new Dictionary<ResourceIdentity, ResourceIdentity>(bindings.Resources, ReferenceEqualityComparer.Instance);
        foreach (var identity in Resources(component.Exports.Select(e => e.Entity)))
        {
            if (!component.ImportedResources.Contains(identity) && !fresh.ContainsKey(identity))
            {
                fresh[identity] = new ResourceIdentity($"{identity} (instance {scope.Instances.Count})");
            }
        }

        var result = Substitution.Apply(component.Exports, bindings.Ids, fresh);
        return new InstanceDef(result, [], NamesOf(result));
    }

    private static InstanceDef Inline(InlineInstanceItem inline, Scope scope)
    {
        var exports = new List<(string Name, Entity Entity)>();
        foreach (var export in inline.Exports)
        {
            if (exports.Any(e => e.Name == export.Name.Name))
            {
                throw ComponentValidator.Invalid($"export name `{export.Name.Name}` already defined", inline.Offset);
            }

            exports.Add((export.Name.Name, At<Entity>(scope, export.Sort, export.Index, inline.Offset)));
        }

        return new InstanceDef(exports, [], NamesOf(exports));
    }

    /// <summary>The ids of the type exports of an instance's exports, its nested instances' included.</summary>
    private static HashSet<TypeId> NamesOf(IEnumerable<(string Name, Entity Entity)> exports)
    {
        var named = new HashSet<TypeId>(ReferenceEqualityComparer.Instance);
        foreach (var (_, entity) in exports)
        {
            named.UnionWith(Names(entity));
        }

        return named;
    }

    /// <summary>An import's or export's type as an entity; each use of an instance type gets fresh abstract resources.</summary>
    private Entity Extern(ExternType type, Scope scope, int offset, bool imported)
    {
        switch (type)
        {
            case FunctionExternType f:
                return new FuncEntity(FuncType(scope, f.TypeIndex, offset));
            case TypeExternType { Bound.EqualTypeIndex: { } equal }:
                return new TypeEntity(new TypeId(TypeAt(scope, equal, offset).Type));
            case TypeExternType:
                var identity = new ResourceIdentity($"resource imported or exported at offset 0x{offset:x}");
                (imported ? scope.ImportedResources : scope.ExportedResources).Add(identity);
                return new TypeEntity(new TypeId(new ResourceDef(identity)));
            case InstanceExternType i:
                var instance = TypeAt(scope, i.TypeIndex, offset).Type as InstanceDef
                    ?? throw ComponentValidator.Invalid($"type index {i.TypeIndex} is not an instance type", offset);
                var fresh = Substitution.Fresh(instance.AbstractResources, $"at offset 0x{offset:x}");
                (imported ? scope.ImportedResources : scope.ExportedResources).AddRange(fresh.Values);
                return Substitution.Rename(Substitution.Apply(new InstanceEntity(instance), new Dictionary<TypeId, TypeId>(), fresh), instance.Named);
            case ComponentExternType c:
                return new ComponentEntity(TypeAt(scope, c.TypeIndex, offset).Type as ComponentDef
                    ?? throw ComponentValidator.Invalid($"type index {c.TypeIndex} is not a component type", offset));
            case ValueExternType v:
                return new ValueEntity(v.Bound.Type is { } t ? Value(t, scope, offset)
                    : At<ValueEntity>(scope, Sort.Value, v.Bound.EqualValueIndex ?? 0, offset).Type);
            default:
                return CoreModuleEntity.Instance;
        }
    }

    private DefType Define(DefinedType type, Scope scope, int offset)
    {
        switch (type)
        {
            case PrimitiveValueType p:
                return new PrimDef(p.Type);
            case RecordType r:
                return new RecordDef(r.Fields.Select(f => (f.Name, Value(f.Type, scope, offset))).ToList());
            case VariantType v:
                return new VariantDef(v.Cases.Select(c => (c.Name, c.Type is { } t ? Value(t, scope, offset) : null)).ToList());
            case ListType l:
                return new ListDef(Value(l.Element, scope, offset), null);
            case FixedSizeListType l:
                return new ListDef(Value(l.Element, scope, offset), l.Length);
            case TupleType t:
                return new TupleDef(t.Types.Select(x => Value(x, scope, offset)).ToList());
            case FlagsType f:
                return new FlagsDef(f.Names);
            case EnumType e:
                return new EnumDef(e.Cases);
            case OptionType o:
                return new OptionDef(Value(o.Type, scope, offset));
            case ResultType r:
                return new ResultDef(r.Ok is { } ok ? Value(ok, scope, offset) : null, r.Error is { } err ? Value(err, scope, offset) : null);
            case MapType m:
                return new MapDef(Value(m.Key, scope, offset), Value(m.Value, scope, offset));
            case OwnType own:
                return new HandleDef(true, Resource(scope, own.ResourceTypeIndex, offset));
            case BorrowType borrow:
                return new HandleDef(false, Resource(scope, borrow.ResourceTypeIndex, offset));
            case StreamType s:
                return new AsyncValueDef(true, s.Element is { } se ? Value(se, scope, offset) : null);
            case FutureType f:
                return new AsyncValueDef(false, f.Element is { } fe ? Value(fe, scope, offset) : null);
            case Binary.ResourceType:
                return new ResourceDef(new ResourceIdentity($"resource defined at offset 0x{offset:x}"));
            case FunctionType f:
                return new FuncDef(f.Parameters.Select(p => (p.Name, Value(p.Type, scope, offset))).ToList(), f.Result is { } result ? Value(result, scope, offset) : null, f.IsAsync);
            case ComponentType c:
                return ComponentTypeOf(c, scope, offset);
            case InstanceType i:
                return InstanceTypeOf(i, scope, offset);
            default:
                return CoreDef.Instance;
        }
    }

    /// <summary>A component type, checked eagerly: its imports may use only names its imports give, its exports names either gives.</summary>
    private ComponentDef ComponentTypeOf(ComponentType type, Scope parent, int offset)
    {
        var scope = new Scope(parent, "component type");
        foreach (var declaration in type.Declarations)
        {
            var at = declaration.Offset == 0 ? offset : declaration.Offset;
            switch (declaration)
            {
                case ImportDeclaration i:
                    Import(i.Name.Name, i.Type, scope, at);
                    break;
                case ExportDeclaration e:
                    Declare(e, scope, at, checkNames: true);
                    break;
                default:
                    Declaration(declaration, scope, at);
                    break;
            }
        }

        return Result(scope);
    }

    /// <summary>An instance type; the names its exports use are checked when it is used for an import or export.</summary>
    private InstanceDef InstanceTypeOf(InstanceType type, Scope parent, int offset)
    {
        var scope = new Scope(parent, "instance type");
        foreach (var declaration in type.Declarations)
        {
            var at = declaration.Offset == 0 ? offset : declaration.Offset;
            if (declaration is ExportDeclaration e)
            {
                Declare(e, scope, at, checkNames: false);
            }
            else
            {
                Declaration(declaration, scope, at);
            }
        }

        return new InstanceDef(scope.Exports.ToList(), scope.ExportedResources.ToList(), NamesOf(scope.Exports));
    }

    private void Declare(ExportDeclaration export, Scope scope, int offset, bool checkNames)
    {
        var entity = Extern(export.Type, scope, offset, imported: false);
        if (checkNames)
        {
            var named = new HashSet<TypeId>(scope.ImportNamed, ReferenceEqualityComparer.Instance);
            named.UnionWith(scope.ExportNamed);
            named.UnionWith(Names(entity));
            if (Visibility.Unnamed(entity, named) is { } unnamed)
            {
                throw ComponentValidator.Invalid($"{Kind(entity)} not valid to be used as export: its type uses {unnamed}, which no import or export names", offset);
            }
        }

        scope.ExportNamed.UnionWith(Names(entity));
        scope.Exports.Add((export.Name.Name, entity));
        scope.Add(entity);
    }

    private void Declaration(Declaration declaration, Scope scope, int offset)
    {
        switch (declaration)
        {
            case TypeDeclaration t:
                scope.Types.Add(new TypeId(Define(t.Type, scope, offset)));
                break;
            case AliasDeclaration a:
                Alias(a.Alias, scope, offset);
                break;
        }
    }

    private ValType Value(ValueTypeReference reference, Scope scope, int offset)
    {
        if (reference.Primitive is { } primitive)
        {
            return new PrimValType(primitive);
        }

        var id = TypeAt(scope, reference.TypeIndex, offset);
        return id.Type switch
        {
            ResourceDef => throw ComponentValidator.Invalid("expected defined type, found resource", offset),
            FuncDef or InstanceDef or ComponentDef or CoreDef => throw ComponentValidator.Invalid($"type index {reference.TypeIndex} is not a defined value type", offset),
            _ => new RefValType(id),
        };
    }

    private static TypeId Resource(Scope scope, uint index, int offset)
    {
        var id = TypeAt(scope, index, offset);
        return id.Type is ResourceDef ? id : throw ComponentValidator.Invalid($"type index {index} is not a resource type", offset);
    }

    private static FuncDef FuncType(Scope scope, uint index, int offset) =>
        TypeAt(scope, index, offset).Type as FuncDef ?? throw ComponentValidator.Invalid($"type index {index} is not a function type", offset);

    private static TypeId TypeAt(Scope scope, uint index, int offset) =>
        index < scope.Types.Count ? scope.Types[(int)index] : throw ComponentValidator.Invalid("type index out of bounds", offset);

    private static T At<T>(Scope scope, Sort sort, uint index, int offset)
        where T : Entity =>
        scope.At(sort, index) switch
        {
            T found => found,
            null => throw ComponentValidator.Invalid($"{sort.ToText()} index {index} out of bounds", offset),
            var other => throw ComponentValidator.Invalid($"{sort.ToText()} index {index} is a {Kind(other)}", offset),
        };

    /// <summary>Every resource identity in the types of <paramref name="entities"/>.</summary>
    private static IEnumerable<ResourceIdentity> Resources(IEnumerable<Entity> entities)
    {
        var found = new HashSet<ResourceIdentity>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entity in entities)
        {
            Collect(entity);
        }

        return found;

        void Collect(object node)
        {
            if (!seen.Add(node))
            {
                return;
            }

            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (node)
            {
                case FuncEntity f: Collect(f.Type); break;
                case TypeEntity t: Collect(t.Id.Type); break;
                case InstanceEntity i: Collect(i.Type); break;
                case ComponentEntity c: Collect(c.Type); break;
                case ValueEntity v: Collect(v.Type); break;
                case RefValType r: Collect(r.Id.Type); break;
                case ResourceDef r: found.Add(r.Identity); break;
                case RecordDef r: r.Fields.ToList().ForEach(f => Collect(f.Type)); break;
                case VariantDef v: v.Cases.Where(c => c.Type is not null).ToList().ForEach(c => Collect(c.Type!)); break;
                case ListDef l: Collect(l.Element); break;
                case TupleDef t: t.Types.ToList().ForEach(Collect); break;
                case OptionDef o: Collect(o.Type); break;
                case ResultDef r:
                    if (r.Ok is { } ok) Collect(ok);
                    if (r.Error is { } err) Collect(err);
                    break;
                case MapDef m: Collect(m.Key); Collect(m.Value); break;
                case HandleDef h: Collect(h.Resource.Type); break;
                case AsyncValueDef a when a.Element is { } e: Collect(e); break;
                case FuncDef f:
                    f.Parameters.ToList().ForEach(p => Collect(p.Type));
                    if (f.Result is { } fr) Collect(fr);
                    break;
                case InstanceDef i: i.Exports.ToList().ForEach(e => Collect(e.Entity)); break;
                case ComponentDef c: c.Exports.ToList().ForEach(e => Collect(e.Entity)); break;
            }
        }
    }

    private static string Kind(Entity entity) => entity.Sort switch
    {
        Sort.Function => "func",
        Sort.Type => "type",
        Sort.Instance => "instance",
        Sort.Component => "component",
        Sort.Value => "value",
        _ => "core module",
    };
}
