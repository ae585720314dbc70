using System.Collections.Immutable;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.State;
using BinaryResourceType = WitBindgen.Runtime.Binary.ResourceType;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// Turns the component binary's types into canonical ABI descriptors. Resource types are bound to
/// runtime identities: each resource definition, resource import and resource export declaration
/// of an imported instance maps to the <see cref="State.ResourceType"/> it stands for in this store.
/// </summary>
internal sealed class TypeConverter
{
    private readonly Dictionary<Definition, State.ResourceType> _bindings;
    private readonly Dictionary<ResolvedType, AbiType> _cache = new();
    private readonly Func<TypeScope, uint, State.ResourceType?> _runtimeType;

    /// <summary>
    /// Creates a converter for one instantiation. <paramref name="runtimeType"/> gives the runtime
    /// resource type a type index holds in that instantiation, when it is known there: that answer
    /// wins over the static bindings, so two instances of one nested component keep distinct types.
    /// </summary>
    /// <remarks>Types without handles come from, and go to, <paramref name="shared"/> (the same in every instantiation).</remarks>
    public TypeConverter(Dictionary<Definition, State.ResourceType> bindings, Func<TypeScope, uint, State.ResourceType?> runtimeType, SharedAbiTypes shared)
    {
        _bindings = bindings;
        _runtimeType = runtimeType;
        _shared = shared;
    }

    private readonly SharedAbiTypes _shared;

    /// <summary>Binds a resource-defining or resource-importing definition to its runtime type.</summary>
    public void Bind(Definition source, State.ResourceType type) => _bindings[source] = type;

    public AbiFunctionType Function(ResolvedType type)
    {
        if (type.Definition is not FunctionType f)
        {
            throw new ComponentLinkException($"expected a function type, found {type.Describe()}");
        }

        if (_shared.TryGetFunction(type, out var shared))
        {
            return shared;
        }

        var parameters = f.Parameters.Select(p => Value(type.ResolveValueType(p.Type))).ToArray();
        var results = f.Result is { } r ? new[] { Value(type.ResolveValueType(r)) } : Array.Empty<AbiType>();
        return _shared.Share(type, new AbiFunctionType(parameters, results) { IsAsync = f.IsAsync });
    }

    public AbiType Value(ResolvedType type)
    {
        if (_cache.TryGetValue(type, out var cached) || _shared.TryGetValue(type, out cached))
        {
            return cached;
        }

        var result = _shared.Share(type, Convert(type));
        _cache[type] = result;
        return result;
    }

    // Apart from Value: its lambdas capture the type, and a closure allocated on every lookup would cost each cache hit.
    private AbiType Convert(ResolvedType type) =>
        type.Definition switch
        {
            PrimitiveValueType p => Primitive(p.Type),
            RecordType r => AbiType.Record(r.Fields.Select(f => new AbiField(f.Name, Value(type.ResolveValueType(f.Type)))).ToArray()),
            VariantType v => AbiType.Variant(v.Cases.Select(c => new AbiCase(c.Name, c.Type is { } t ? Value(type.ResolveValueType(t)) : null)).ToArray()),
            ListType l => AbiType.List(Value(type.ResolveValueType(l.Element))),
            FixedSizeListType fl => AbiType.FixedList(Value(type.ResolveValueType(fl.Element)), checked((int)fl.Length)),
            MapType map => AbiType.Map(Value(type.ResolveValueType(map.Key)), Value(type.ResolveValueType(map.Value))),
            TupleType t => AbiType.Tuple(t.Types.Select(x => Value(type.ResolveValueType(x))).ToArray()),
            FlagsType fl => new AbiFlagsType(fl.Names.Count, fl.Names.ToImmutableArray()),
            EnumType e => new AbiEnumType(e.Cases.Count, e.Cases.ToImmutableArray()),
            OptionType o => AbiType.Option(Value(type.ResolveValueType(o.Type))),
            ResultType r => AbiType.Result(
                r.Ok is { } ok ? Value(type.ResolveValueType(ok)) : null,
                r.Error is { } err ? Value(type.ResolveValueType(err)) : null),
            OwnType own => AbiType.Own(ResourceAt(type.Scope, own.ResourceTypeIndex)),
            BorrowType borrow => AbiType.Borrow(ResourceAt(type.Scope, borrow.ResourceTypeIndex)),
            StreamType s => new AbiAsyncValueType(true, s.Element is { } se ? Value(type.ResolveValueType(se)) : null),
            FutureType f => new AbiAsyncValueType(false, f.Element is { } fe ? Value(type.ResolveValueType(fe)) : null),
            _ => throw new ComponentLinkException($"the type {type.Describe()} is not supported yet"),
        };

    private State.ResourceType ResourceAt(TypeScope scope, uint index) =>
        _runtimeType(scope, index) ?? Resource(scope.ResolveType(index));

    /// <summary>The runtime identity of a resource type reference.</summary>
    public State.ResourceType Resource(ResolvedType type)
    {
        if (type.Source is { } source && _bindings.TryGetValue(source, out var bound))
        {
            return bound;
        }

        if (type.Definition is not null and not BinaryResourceType)
        {
            throw new ComponentLinkException($"a handle refers to {type.Describe()}, which is not a resource");
        }

        throw new ComponentLinkException($"the resource type from {type.Source?.Describe() ?? "an unknown definition"} is not bound to a runtime resource");
    }

    private static AbiType Primitive(PrimitiveType p) => p switch
    {
        PrimitiveType.Bool => AbiType.Bool,
        PrimitiveType.S8 => AbiType.S8,
        PrimitiveType.U8 => AbiType.U8,
        PrimitiveType.S16 => AbiType.S16,
        PrimitiveType.U16 => AbiType.U16,
        PrimitiveType.S32 => AbiType.S32,
        PrimitiveType.U32 => AbiType.U32,
        PrimitiveType.S64 => AbiType.S64,
        PrimitiveType.U64 => AbiType.U64,
        PrimitiveType.F32 => AbiType.F32,
        PrimitiveType.F64 => AbiType.F64,
        PrimitiveType.Char => AbiType.Char,
        PrimitiveType.String => AbiType.String,
        PrimitiveType.ErrorContext => AbiType.ErrorContext,
        _ => throw new ComponentLinkException($"the type {p.ToText()} is not supported yet"),
    };
}
