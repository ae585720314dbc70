using WitBindgen.Shared;

namespace WitBindgen.Generator.Specs;

/// <summary>The canonical ABI families a value is lifted and lowered as.</summary>
internal enum ShapeKind
{
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List,
    FixedList,
    Map,
    Record,
    Tuple,
    Variant,
    Enum,
    Flags,
    WideFlags,
    Option,
    NestedOption,
    Result,
    Own,
    Borrow,
    Stream,
    Future,
    ErrorContext,
}

/// <summary>
/// How one WIT type is lifted and lowered, decided once from the model: its C# type, canonical ABI
/// layout (size, alignment), flattened core types and the shapes of its parts.
/// </summary>
/// <param name="Kind">The ABI family.</param>
/// <param name="Type">The C# type.</param>
/// <param name="Size">The byte size in linear memory.</param>
/// <param name="Align">The alignment in linear memory.</param>
/// <param name="Flat">
/// The flattened core types (<c>i32</c>, <c>i64</c>, <c>f32</c>, <c>f64</c>); a flattening longer than 16 (only
/// fixed-length lists make long ones) is cut at 17, since it is then only counted, never passed as core values.
/// </param>
/// <param name="Members">
/// Fields (records, tuples), cases (variants), the payload (options), ok and error (results), the element
/// (lists, fixed-length lists), the entry (maps: a <c>KeyValuePair</c> record of the key and the value), flag
/// words (wide flags); the resource class (handles).
/// </param>
/// <param name="Count">Cases (enums, variants), flags, or the length of a fixed-length list.</param>
/// <param name="PayloadOffset">The payload's offset after the discriminant (variants, options, results).</param>
/// <param name="WitName">The WIT spelling, for messages.</param>
internal sealed record ShapeSpec(
    ShapeKind Kind,
    string Type,
    int Size,
    int Align,
    EquatableArray<FlatType> Flat,
    EquatableArray<ShapeMember> Members,
    int Count,
    int PayloadOffset,
    string WitName)
{
    /// <summary>The discriminant's byte size (variants, enums, options, results).</summary>
    public int DiscriminantSize => Count <= 256 ? 1 : Count <= 65536 ? 2 : 4;

    /// <summary>True for scalars: lifted and lowered inline in one slot.</summary>
    public bool IsScalar => Kind <= ShapeKind.Char;

    /// <summary>True when the C# type is a reference type that null could stand in for (strings, arrays, dictionaries, variants, resources).</summary>
    public bool IsReference => Kind is ShapeKind.String or ShapeKind.List or ShapeKind.FixedList or ShapeKind.Map or ShapeKind.Variant or ShapeKind.Own or ShapeKind.Borrow or ShapeKind.Stream or ShapeKind.Future or ShapeKind.ErrorContext;

    /// <summary>True when lifting or lowering touches the instance's table (resource handles, stream and future ends, error contexts).</summary>
    public bool HasHandles => Kind is ShapeKind.Own or ShapeKind.Borrow or ShapeKind.Stream or ShapeKind.Future or ShapeKind.ErrorContext || Members.Any(m => m.Shape?.HasHandles == true);
}

/// <summary>A part of a <see cref="ShapeSpec"/>.</summary>
/// <param name="Name">The C# member, case class or word name.</param>
/// <param name="Shape">The part's shape (null for a case without payload or a missing result side).</param>
/// <param name="Offset">The byte offset in the parent's memory layout (records, tuples).</param>
/// <param name="WitName">The WIT name, for messages: the field (records), the case (variants; <c>ok</c>/<c>err</c>, <c>none</c>/<c>some</c>).</param>
internal sealed record ShapeMember(string Name, ShapeSpec? Shape, int Offset, string? WitName = null);

/// <summary>A function parameter.</summary>
/// <param name="Name">The C# parameter name (escaped).</param>
/// <param name="WitName">The WIT name.</param>
/// <param name="Shape">How it is passed.</param>
internal sealed record ParamSpec(string Name, string WitName, ShapeSpec Shape);

/// <summary>The kinds of functions, as C# members.</summary>
internal enum FunctionSpecKind
{
    Freestanding,
    Constructor,
    Method,
    Static,
}

/// <summary>A WIT function bound as a C# method.</summary>
/// <param name="WitName">The component-level name (<c>[method]r.f</c> for resource functions).</param>
/// <param name="Name">The C# method name.</param>
/// <param name="Docs">The WIT documentation.</param>
/// <param name="Kind">What the function is to its resource, if any.</param>
/// <param name="Params">The parameters, <c>self</c> included for methods.</param>
/// <param name="Result">The result, if any.</param>
/// <param name="Deprecated">The <c>@deprecated</c> version, if any.</param>
/// <param name="IsAsync">
/// True for an <c>async func</c> (host exports only): called as a <c>Task</c>-returning method through the runtime's raw
/// async call, its result lifted from <c>task.return</c>'s values (flat up to 16, else a pointer).
/// </param>
internal sealed record FunctionSpec(
    string WitName,
    string Name,
    string? Docs,
    FunctionSpecKind Kind,
    EquatableArray<ParamSpec> Params,
    ShapeSpec? Result,
    string? Deprecated,
    bool IsAsync = false)
{
    /// <summary>True when an async function's result reaches <c>task.return</c> in memory (more than 16 flat values).</summary>
    public bool AsyncResultSpilled => CanonicalLayout.ParametersSpilled(FlatResults);

    /// <summary>The number of flat core parameters.</summary>
    public int FlatParams => Params.Sum(p => p.Shape.Flat.Count);

    /// <summary>The number of flat core results.</summary>
    public int FlatResults => Result?.Flat.Count ?? 0;

    /// <summary>True when the parameters are passed in memory (more than 16 flat values).</summary>
    public bool ParamsSpilled => CanonicalLayout.ParametersSpilled(FlatParams);

    /// <summary>True when the handle bookkeeping of a call is needed.</summary>
    public bool HasHandles => Params.Any(p => p.Shape.HasHandles) || Result?.HasHandles == true;

    /// <summary>The function as messages name it: <c>function 'greet'</c>, <c>method 'counter.get'</c>, <c>static function 'counter.make'</c>, <c>the constructor of resource 'counter'</c>.</summary>
    public string Description => Kind switch
    {
        FunctionSpecKind.Constructor => $"the constructor of resource '{WitName.Substring(WitName.IndexOf(']') + 1)}'",
        FunctionSpecKind.Method => $"method '{WitName.Substring(WitName.IndexOf(']') + 1)}'",
        FunctionSpecKind.Static => $"static function '{WitName.Substring(WitName.IndexOf(']') + 1)}'",
        _ => $"function '{WitName}'",
    };
}

/// <summary>A resource of an imported or exported interface.</summary>
/// <param name="Name">The C# class name (in <paramref name="Namespace"/>).</param>
/// <param name="Namespace">The C# namespace of the class.</param>
/// <param name="WitName">The WIT name.</param>
/// <param name="Docs">The WIT documentation.</param>
/// <param name="Functions">Its constructor, methods and static functions.</param>
/// <param name="Imported">True when the host implements it (its interface is imported).</param>
internal sealed record ResourceBindingSpec(string Name, string Namespace, string WitName, string? Docs, EquatableArray<FunctionSpec> Functions, bool Imported)
{
    /// <summary>The fully qualified C# class.</summary>
    public string FullName => "global::" + Namespace + "." + Name;
}

/// <summary>An imported or exported interface (or the world's own functions).</summary>
/// <param name="InstanceName">The component-level instance name (<c>wasi:cli/stdout@0.2.12</c>), or null for world-level functions.</param>
/// <param name="Namespace">The C# namespace of the interface's types.</param>
/// <param name="TypeName">The C# host interface (imports) or class (exports).</param>
/// <param name="PropertyName">The property on the world class (exports) or the <c>Imports</c> parameter (imports).</param>
/// <param name="Docs">The WIT documentation.</param>
/// <param name="Functions">The functions outside resources.</param>
/// <param name="Resources">The resources it defines.</param>
/// <param name="HostInterface">
/// For an export: the C# interface the generator makes for the interface as an import, which the export class then
/// implements (so an instance's export can serve as another world's import); null when none fits (resources).
/// </param>
internal sealed record InterfaceBindingSpec(
    string? InstanceName,
    string Namespace,
    string TypeName,
    string PropertyName,
    string? Docs,
    EquatableArray<FunctionSpec> Functions,
    EquatableArray<ResourceBindingSpec> Resources,
    string? HostInterface = null);

/// <summary>The host bindings of one world: its imports to implement and its exports to call.</summary>
/// <param name="Namespace">The world's C# namespace.</param>
/// <param name="ClassName">The instance class.</param>
/// <param name="WorldName">The WIT world name.</param>
/// <param name="Docs">The WIT documentation.</param>
/// <param name="Imports">Imported interfaces, then world-level function imports.</param>
/// <param name="Exports">Exported interfaces, then world-level function exports.</param>
/// <param name="Provided">
/// Imported interfaces whose bindings another assembly (or another world) provides, with the resources of theirs the
/// world's functions pass: their types and tables are found among the providers at instantiation.
/// </param>
internal sealed record WorldBindingsSpec(
    string Namespace,
    string ClassName,
    string WorldName,
    string? Docs,
    EquatableArray<InterfaceBindingSpec> Imports,
    EquatableArray<InterfaceBindingSpec> Exports,
    EquatableArray<InterfaceBindingSpec> Provided = default);

/// <summary>One world's guest bindings (<c>Mode="Guest"</c>): the component is written in C#.</summary>
/// <param name="World">
/// The world's functions, decided as for host bindings (shapes, layouts, flattening); <see cref="WorldBindingsSpec.ClassName"/>
/// names the internal ABI class (entry points, import declarations, lifting and lowering), each interface's
/// <see cref="InterfaceBindingSpec.TypeName"/> its static class (imports to call, exports to implement).
/// </param>
/// <param name="Utf16">True when strings cross as UTF-16 (<c>StringEncoding="utf16"</c>); UTF-8 otherwise.</param>
internal sealed record GuestWorldSpec(WorldBindingsSpec World, bool Utf16);
