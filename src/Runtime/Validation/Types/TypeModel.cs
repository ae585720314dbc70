using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// The identity of a resource type. Resource types are the one non-structural kind of type: every resource
/// definition, every <c>(sub resource)</c> import, and every instantiation of a component that exports one makes a
/// new identity, equal only to itself.
/// </summary>
internal sealed class ResourceIdentity(string description)
{
    public override string ToString() => description;
}

/// <summary>
/// One entry of a type index space. A definition, an import and an export each make a new id (even for a type
/// structurally equal to an earlier one); an alias refers to the id it aliases. Ids matter for one rule only —
/// which types have an externally visible name — since type equality is structural (<see cref="TypeRelations"/>).
/// </summary>
internal sealed class TypeId(DefType type)
{
    public DefType Type { get; } = type;

    public override string ToString() => Type.ToString() ?? string.Empty;
}

/// <summary>A value type: a primitive, or a reference to a defined type by its id.</summary>
internal abstract record ValType
{
    private protected ValType()
    {
    }
}

/// <summary>A primitive value type (<c>u32</c>, <c>string</c>, …).</summary>
internal sealed record PrimValType(PrimitiveType Kind) : ValType
{
    public override string ToString() => Kind.ToText();
}

/// <summary>A value type defined elsewhere (<c>record</c>, <c>list</c>, <c>own</c>, …), referred to by index.</summary>
internal sealed record RefValType(TypeId Id) : ValType
{
    public override string ToString() => Id.ToString();
}

/// <summary>The types a type index can name.</summary>
internal abstract class DefType
{
    /// <summary>Whether a value of this type needs an externally visible name in an import's or export's type.</summary>
    public virtual bool NeedsName => false;
}

internal sealed class PrimDef(PrimitiveType kind) : DefType
{
    public PrimitiveType Kind { get; } = kind;

    public override string ToString() => Kind.ToText();
}

internal sealed class RecordDef(IReadOnlyList<(string Name, ValType Type)> fields) : DefType
{
    public IReadOnlyList<(string Name, ValType Type)> Fields { get; } = fields;

    public override bool NeedsName => true;

    public override string ToString() => $"(record {string.Join(" ", Fields.Select(f => $"(field \"{f.Name}\" {f.Type})"))})";
}

internal sealed class VariantDef(IReadOnlyList<(string Name, ValType? Type)> cases) : DefType
{
    public IReadOnlyList<(string Name, ValType? Type)> Cases { get; } = cases;

    public override bool NeedsName => true;

    public override string ToString() => $"(variant {string.Join(" ", Cases.Select(c => c.Type is { } t ? $"(case \"{c.Name}\" {t})" : $"(case \"{c.Name}\")"))})";
}

internal sealed class ListDef(ValType element, uint? length) : DefType
{
    public ValType Element { get; } = element;

    public uint? Length { get; } = length;

    public override string ToString() => Length is { } n ? $"(list {Element} {n})" : $"(list {Element})";
}

internal sealed class TupleDef(IReadOnlyList<ValType> types) : DefType
{
    public IReadOnlyList<ValType> Types { get; } = types;

    public override string ToString() => $"(tuple {string.Join(" ", Types)})";
}

internal sealed class FlagsDef(IReadOnlyList<string> names) : DefType
{
    public IReadOnlyList<string> Names { get; } = names;

    public override bool NeedsName => true;

    public override string ToString() => $"(flags {string.Join(" ", Names.Select(n => $"\"{n}\""))})";
}

internal sealed class EnumDef(IReadOnlyList<string> cases) : DefType
{
    public IReadOnlyList<string> Cases { get; } = cases;

    public override bool NeedsName => true;

    public override string ToString() => $"(enum {string.Join(" ", Cases.Select(n => $"\"{n}\""))})";
}

internal sealed class OptionDef(ValType type) : DefType
{
    public ValType Type { get; } = type;

    public override string ToString() => $"(option {Type})";
}

internal sealed class ResultDef(ValType? ok, ValType? error) : DefType
{
    public ValType? Ok { get; } = ok;

    public ValType? Error { get; } = error;

    public override string ToString() => $"(result{(Ok is { } o ? " " + o : "")}{(Error is { } e ? $" (error {e})" : "")})";
}

internal sealed class MapDef(ValType key, ValType value) : DefType
{
    public ValType Key { get; } = key;

    public ValType Value { get; } = value;

    public override string ToString() => $"(map {Key} {Value})";
}

/// <summary><c>own</c> or <c>borrow</c> of the resource type <see cref="Resource"/> (an id whose type is a <see cref="ResourceDef"/>).</summary>
internal sealed class HandleDef(bool own, TypeId resource) : DefType
{
    public bool Own { get; } = own;

    public TypeId Resource { get; } = resource;

    public override string ToString() => $"({(Own ? "own" : "borrow")} {Resource})";
}

/// <summary><c>stream</c> or <c>future</c>, with an optional element type.</summary>
internal sealed class AsyncValueDef(bool stream, ValType? element) : DefType
{
    public bool Stream { get; } = stream;

    public ValType? Element { get; } = element;

    public override string ToString() => $"({(Stream ? "stream" : "future")}{(Element is { } e ? " " + e : "")})";
}

internal sealed class ResourceDef(ResourceIdentity identity) : DefType
{
    public ResourceIdentity Identity { get; } = identity;

    public override bool NeedsName => true;

    public override string ToString() => $"resource {Identity}";
}

internal sealed class FuncDef(IReadOnlyList<(string Name, ValType Type)> parameters, ValType? result, bool isAsync) : DefType
{
    public IReadOnlyList<(string Name, ValType Type)> Parameters { get; } = parameters;

    public ValType? Result { get; } = result;

    public bool IsAsync { get; } = isAsync;

    public override string ToString() =>
        $"(func{(IsAsync ? " async" : "")}{string.Concat(Parameters.Select(p => $" (param \"{p.Name}\" {p.Type})"))}{(Result is { } r ? $" (result {r})" : "")})";
}

/// <summary>
/// An instance type: named exports, the abstract resource types its <c>(sub resource)</c> export declarations
/// introduce (each use of the type as an import gets fresh ones), and the ids of its type exports, its nested
/// instances' included (which an import or export of the instance names).
/// </summary>
internal sealed class InstanceDef(IReadOnlyList<(string Name, Entity Entity)> exports, IReadOnlyList<ResourceIdentity> abstractResources, IReadOnlySet<TypeId> named) : DefType
{
    public IReadOnlyList<(string Name, Entity Entity)> Exports { get; } = exports;

    public IReadOnlyList<ResourceIdentity> AbstractResources { get; } = abstractResources;

    /// <summary>The ids the type's own import and export declarations introduce (names, in its scope).</summary>
    public IReadOnlySet<TypeId> Named { get; } = named;

    public Entity? Export(string name)
    {
        foreach (var (n, e) in Exports)
        {
            if (n == name)
            {
                return e;
            }
        }

        return null;
    }

    public override string ToString() => $"(instance {string.Join(" ", Exports.Select(e => $"(export \"{e.Name}\" {e.Entity})"))})";
}

/// <summary>
/// A component type: imports, exports, the types and abstract resources its imports introduce (bound by the
/// arguments of an instantiation) and the ids its declarations name.
/// </summary>
internal sealed class ComponentDef(
    IReadOnlyList<(string Name, Entity Entity)> imports,
    IReadOnlyList<(string Name, Entity Entity)> exports,
    IReadOnlyList<ResourceIdentity> importedResources,
    IReadOnlyList<TypeId> importIds,
    IReadOnlySet<TypeId> named) : DefType
{
    /// <summary>The type ids its imports introduce (type imports, and the types of imported instances), which an instantiation binds.</summary>
    public IReadOnlyList<TypeId> ImportIds { get; } = importIds;

    public IReadOnlyList<(string Name, Entity Entity)> Imports { get; } = imports;

    public IReadOnlyList<(string Name, Entity Entity)> Exports { get; } = exports;

    public IReadOnlyList<ResourceIdentity> ImportedResources { get; } = importedResources;

    public IReadOnlySet<TypeId> Named { get; } = named;

    public override string ToString() =>
        $"(component {string.Join(" ", Imports.Select(e => $"(import \"{e.Name}\" {e.Entity})"))} {string.Join(" ", Exports.Select(e => $"(export \"{e.Name}\" {e.Entity})"))})";
}

/// <summary>A core type or a core module type: not checked structurally here (Wasmtime checks core linking).</summary>
internal sealed class CoreDef : DefType
{
    public static CoreDef Instance { get; } = new();

    public override string ToString() => "core type";
}

/// <summary>What an import, an export or an instance export is, with its type.</summary>
internal abstract record Entity
{
    private protected Entity()
    {
    }

    public abstract Sort Sort { get; }
}

internal sealed record FuncEntity(FuncDef Type) : Entity
{
    public override Sort Sort => Sort.Function;

    public override string ToString() => Type.ToString();
}

/// <summary>A type: the id the import, export or alias gives it.</summary>
internal sealed record TypeEntity(TypeId Id) : Entity
{
    public override Sort Sort => Sort.Type;

    public override string ToString() => $"(type {Id})";
}

internal sealed record InstanceEntity(InstanceDef Type) : Entity
{
    public override Sort Sort => Sort.Instance;

    public override string ToString() => Type.ToString();
}

internal sealed record ComponentEntity(ComponentDef Type) : Entity
{
    public override Sort Sort => Sort.Component;

    public override string ToString() => Type.ToString();
}

internal sealed record ValueEntity(ValType Type) : Entity
{
    public override Sort Sort => Sort.Value;

    public override string ToString() => $"(value {Type})";
}

internal sealed record CoreModuleEntity : Entity
{
    public static CoreModuleEntity Instance { get; } = new();

    public override Sort Sort => Sort.CoreModule;

    public override string ToString() => "(core module)";
}
