using WitBindgen.Runtime.Abi;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator.Tests.Layout;

/// <summary>
/// The runtime's <see cref="AbiType"/> of a WIT type, built structurally: each WIT type constructor maps to the
/// <see cref="AbiType"/> factory of the same name, so no size, offset or flattening is computed here; the runtime's
/// descriptors compute them.
/// </summary>
internal sealed class RuntimeAbiTypes(WitResolve resolve)
{
    private readonly Dictionary<WitType, AbiType?> _cache = new();

    /// <summary>
    /// The descriptor of <paramref name="type"/>, or null when the runtime has none
    /// (<c>tuple&lt;&gt;</c>). Throws <see cref="ArgumentException"/> when the runtime refuses the type (too large).
    /// </summary>
    public AbiType? Of(WitType type)
    {
        if (!_cache.TryGetValue(type, out var abi))
        {
            abi = Build(type);
            _cache[type] = abi;
        }

        return abi;
    }

    private AbiType? Build(WitType type)
    {
        if (type.IsPrimitive)
        {
            return type.Primitive switch
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
                _ => null,
            };
        }

        var id = type.Id!.Value;
        switch (resolve[id].Kind)
        {
            case AliasKind alias:
                return Of(alias.Target);
            case RecordKind record:
                var fields = record.Fields.Select(f => Of(f.Type) is { } t ? new AbiField(f.Name, t) : (AbiField?)null).ToList();
                return fields.Any(f => f is null) ? null : AbiType.Record(fields.Select(f => f!.Value).ToArray());
            case TupleKind tuple:
                var elements = tuple.Types.Select(Of).ToList();
                return elements.Count == 0 || elements.Any(e => e is null) ? null : AbiType.Tuple(elements.ToArray()!);
            case VariantKind variant:
                var cases = new List<AbiCase>();
                foreach (var c in variant.Cases)
                {
                    AbiType? payload = null;
                    if (c.Type is { } t && (payload = Of(t)) is null)
                    {
                        return null;
                    }

                    cases.Add(new AbiCase(c.Name, payload));
                }

                return AbiType.Variant(cases.ToArray());
            case EnumKind e:
                return AbiType.Enum(e.Cases.Count);
            case FlagsKind flags:
                return AbiType.Flags(flags.Flags.Count);
            case OptionKind option:
                return Of(option.Inner) is { } some ? AbiType.Option(some) : null;
            case ResultKind result:
                AbiType? ok = null, error = null;
                if ((result.Ok is { } o && (ok = Of(o)) is null) || (result.Err is { } r && (error = Of(r)) is null))
                {
                    return null;
                }

                return AbiType.Result(ok, error);
            case ListKind list:
                return Of(list.Element) is { } element ? AbiType.List(element) : null;
            case FixedLengthListKind fixedList:
                if (Of(fixedList.Element) is not { } item)
                {
                    return null;
                }

                return fixedList.Length > int.MaxValue
                    ? throw new ArgumentException($"list<{item}, {fixedList.Length}> is longer than the runtime can describe")
                    : AbiType.FixedList(item, (int)fixedList.Length);
            case MapKind map:
                return Of(map.Key) is { } key && Of(map.Value) is { } value ? AbiType.Map(key, value) : null;
            case HandleKind handle:
                return handle.IsBorrow ? AbiType.Borrow(handle.Resource) : AbiType.Own(handle.Resource);
            case ResourceKind:
                return AbiType.Own(id);
            case StreamKind stream:
                return stream.Payload is not { } streamElement ? AbiType.Stream(null) : Of(streamElement) is { } streamAbi ? AbiType.Stream(streamAbi) : null;
            case FutureKind future:
                return future.Payload is not { } futureValue ? AbiType.Future(null) : Of(futureValue) is { } futureAbi ? AbiType.Future(futureAbi) : null;
            default:
                return null;
        }
    }
}
