using WitBindgen.Runtime.Binary;
using WitBindgen.Shared;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The canonical ABI facts validation needs about component value types (CanonicalABI.md): how they flatten to
/// core values, whether they contain a list or string (and so need memory), whether they contain a
/// <c>borrow</c>, and their size in memory. Each is computed once per type definition (types may share
/// definitions, so a walk without memory could be exponential). The flat limits and the discriminant rule are the
/// shared ones (<see cref="CanonicalLayout"/>); the sizes here are validation's own (<c>elem_size</c> for 64-bit
/// memories, the bound every memory must meet) and flags follow the current specification (one <c>i32</c>).
/// </summary>
internal sealed class ValueTypeFacts
{
    /// <summary><c>MAX_FLAT_PARAMS</c>.</summary>
    public const int MaxFlatParams = CanonicalLayout.MaxFlatParams;

    /// <summary><c>MAX_FLAT_ASYNC_PARAMS</c>.</summary>
    public const int MaxFlatAsyncParams = 4;

    /// <summary><c>MAX_FLAT_RESULTS</c>.</summary>
    public const int MaxFlatResults = CanonicalLayout.MaxFlatResults;

    /// <summary>Sizes at or beyond this (2^28 bytes) are refused; larger ones are not computed exactly.</summary>
    public const long MaxElementSize = 1L << 28;

    private readonly Dictionary<Key, Flat> _flat = new();
    private readonly Dictionary<Key, bool> _needsMemory = new();
    private readonly Dictionary<Key, bool> _containsBorrow = new();
    private readonly Dictionary<Key, (long Size, long Alignment)> _layout = new();

    /// <summary>
    /// The flattening of <paramref name="type"/> (a resolved value type), keeping at most
    /// <see cref="MaxFlatParams"/> + 1 core types: more than that is only ever compared with the limits.
    /// </summary>
    public Flat Flatten(ResolvedType type) => Memo(_flat, type, () => type.Definition switch
    {
        PrimitiveValueType p => p.Type switch
        {
            PrimitiveType.S64 or PrimitiveType.U64 => Flat.Of(CoreValueType.I64),
            PrimitiveType.F32 => Flat.Of(CoreValueType.F32),
            PrimitiveType.F64 => Flat.Of(CoreValueType.F64),
            PrimitiveType.String => Flat.Of(CoreValueType.I32, CoreValueType.I32),
            _ => Flat.Of(CoreValueType.I32),
        },
        ListType or MapType => Flat.Of(CoreValueType.I32, CoreValueType.I32),
        FixedSizeListType l => Flatten(type.ResolveValueType(l.Element)).Repeat(l.Length),
        RecordType r => Flat.Concat(r.Fields.Select(f => Flatten(type.ResolveValueType(f.Type)))),
        TupleType t => Flat.Concat(t.Types.Select(x => Flatten(type.ResolveValueType(x)))),
        VariantType v => Variant(v.Cases.Select(c => c.Type is { } t ? Flatten(type.ResolveValueType(t)) : null)),
        EnumType => Flat.Of(CoreValueType.I32),
        OptionType o => Variant([null, Flatten(type.ResolveValueType(o.Type))]),
        ResultType r => Variant([
            r.Ok is { } ok ? Flatten(type.ResolveValueType(ok)) : null,
            r.Error is { } error ? Flatten(type.ResolveValueType(error)) : null]),
        _ => Flat.Of(CoreValueType.I32), // flags, own, borrow, stream, future
    });

    /// <summary>The flattening of several values in sequence (a parameter list).</summary>
    public Flat FlattenAll(IEnumerable<ResolvedType> types) => Flat.Concat(types.Select(Flatten));

    /// <summary>Whether the type contains a (variable-length) list or a string, which live in linear memory.</summary>
    public bool NeedsMemory(ResolvedType type) => Memo(_needsMemory, type, () => type.Definition switch
    {
        PrimitiveValueType p => p.Type == PrimitiveType.String,
        ListType or MapType => true,
        _ => Children(type).Any(NeedsMemory),
    });

    /// <summary>Whether the type transitively contains a <c>borrow</c> (CanonicalABI.md <c>contains_borrow</c>).</summary>
    public bool ContainsBorrow(ResolvedType type) => Memo(_containsBorrow, type, () => type.Definition switch
    {
        BorrowType => true,
        _ => Children(type).Any(ContainsBorrow),
    });

    /// <summary>
    /// <c>elem_size(t, 'i64')</c> and the alignment of the type (CanonicalABI.md), saturating at
    /// <see cref="MaxElementSize"/> so that no overflow can occur.
    /// </summary>
    public (long Size, long Alignment) Layout(ResolvedType type) => Memo(_layout, type, () =>
    {
        switch (type.Definition)
        {
            case PrimitiveValueType p:
                return p.Type switch
                {
                    PrimitiveType.Bool or PrimitiveType.S8 or PrimitiveType.U8 => (1, 1),
                    PrimitiveType.S16 or PrimitiveType.U16 => (2, 2),
                    PrimitiveType.S64 or PrimitiveType.U64 or PrimitiveType.F64 => (8, 8),
                    PrimitiveType.String => (16, 8),
                    _ => (4, 4),
                };
            case ListType or MapType:
                return (16, 8);
            case FixedSizeListType l:
                var (elementSize, elementAlignment) = Layout(type.ResolveValueType(l.Element));
                return (Saturate((decimal)elementSize * l.Length), elementAlignment);
            case RecordType r:
                return Record(r.Fields.Select(f => Layout(type.ResolveValueType(f.Type))));
            case TupleType t:
                return Record(t.Types.Select(x => Layout(type.ResolveValueType(x))));
            case FlagsType f:
                return f.Names.Count <= 8 ? (1, 1) : f.Names.Count <= 16 ? (2, 2) : (4, 4);
            case EnumType e:
                return VariantLayout(e.Cases.Count, []);
            case VariantType v:
                return VariantLayout(v.Cases.Count, v.Cases.Where(c => c.Type is not null).Select(c => Layout(type.ResolveValueType(c.Type!.Value))));
            case OptionType o:
                return VariantLayout(2, [Layout(type.ResolveValueType(o.Type))]);
            case ResultType res:
                var payloads = new List<(long, long)>();
                if (res.Ok is { } ok)
                {
                    payloads.Add(Layout(type.ResolveValueType(ok)));
                }

                if (res.Error is { } error)
                {
                    payloads.Add(Layout(type.ResolveValueType(error)));
                }

                return VariantLayout(2, payloads);
            default:
                return (4, 4); // own, borrow, stream, future
        }
    });

    /// <summary>The value types a type is built from (despecialized), resolved.</summary>
    public static IEnumerable<ResolvedType> Children(ResolvedType type) => type.Definition switch
    {
        RecordType r => r.Fields.Select(f => type.ResolveValueType(f.Type)),
        TupleType t => t.Types.Select(type.ResolveValueType),
        VariantType v => v.Cases.Where(c => c.Type is not null).Select(c => type.ResolveValueType(c.Type!.Value)),
        ListType l => [type.ResolveValueType(l.Element)],
        FixedSizeListType l => [type.ResolveValueType(l.Element)],
        OptionType o => [type.ResolveValueType(o.Type)],
        ResultType r => new[] { r.Ok, r.Error }.Where(t => t is not null).Select(t => type.ResolveValueType(t!.Value)),
        StreamType { Element: { } e } => [type.ResolveValueType(e)],
        FutureType { Element: { } e } => [type.ResolveValueType(e)],
        MapType m => [type.ResolveValueType(m.Key), type.ResolveValueType(m.Value)],
        _ => [],
    };

    private static Flat Variant(IEnumerable<Flat?> cases)
    {
        var joined = new List<CoreValueType>();
        var tooMany = false;
        foreach (var flat in cases)
        {
            if (flat is null)
            {
                continue;
            }

            tooMany |= flat.TooMany;
            for (var i = 0; i < flat.Types.Count; i++)
            {
                if (i < joined.Count)
                {
                    joined[i] = Join(joined[i], flat.Types[i]);
                }
                else
                {
                    joined.Add(flat.Types[i]);
                }
            }
        }

        // The discriminant (u8, u16 or u32) comes first and flattens to i32.
        return Flat.Concat([Flat.Of(CoreValueType.I32), new Flat(joined, tooMany)]);
    }

    private static CoreValueType Join(CoreValueType a, CoreValueType b) =>
        a == b ? a
        : (a == CoreValueType.I32 && b == CoreValueType.F32) || (a == CoreValueType.F32 && b == CoreValueType.I32) ? CoreValueType.I32
        : CoreValueType.I64;

    private static (long Size, long Alignment) Record(IEnumerable<(long Size, long Alignment)> fields)
    {
        long size = 0, alignment = 1;
        foreach (var (fieldSize, fieldAlignment) in fields)
        {
            size = Saturate((decimal)AlignTo(size, fieldAlignment) + fieldSize);
            alignment = Math.Max(alignment, fieldAlignment);
        }

        return (Saturate(AlignTo(size, alignment)), alignment);
    }

    private static (long Size, long Alignment) VariantLayout(int caseCount, IEnumerable<(long Size, long Alignment)> payloads)
    {
        var discriminant = CanonicalLayout.DiscriminantSize(caseCount);
        long payloadSize = 0, payloadAlignment = 1;
        foreach (var (size, alignment) in payloads)
        {
            payloadSize = Math.Max(payloadSize, size);
            payloadAlignment = Math.Max(payloadAlignment, alignment);
        }

        var total = Saturate((decimal)AlignTo(discriminant, payloadAlignment) + payloadSize);
        var variantAlignment = Math.Max(discriminant, payloadAlignment);
        return (Saturate(AlignTo(total, variantAlignment)), variantAlignment);
    }

    private static long AlignTo(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

    private static long Saturate(decimal value) => value >= MaxElementSize ? MaxElementSize : (long)value;

    private static T Memo<T>(Dictionary<Key, T> memo, ResolvedType type, Func<T> compute)
    {
        StackGuard.Enter();
        if (type.Definition is PrimitiveValueType)
        {
            return compute();
        }

        var key = new Key(type.Definition, type.Scope);
        if (!memo.TryGetValue(key, out var value))
        {
            value = compute();
            memo[key] = value;
        }

        return value;
    }

    /// <summary>A type definition in the scope its indices refer to, compared by reference (definitions are records).</summary>
    private readonly struct Key(DefinedType? definition, TypeScope scope) : IEquatable<Key>
    {
        private readonly DefinedType? _definition = definition;
        private readonly TypeScope _scope = scope;

        public bool Equals(Key other) => ReferenceEquals(_definition, other._definition) && ReferenceEquals(_scope, other._scope);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_definition),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_scope));
    }
}

/// <summary>
/// A flattening: the core value types, at most <see cref="ValueTypeFacts.MaxFlatParams"/> + 1 of them, and
/// whether there were more.
/// </summary>
/// <param name="Types">The core value types (a prefix when <paramref name="TooMany"/>).</param>
/// <param name="TooMany">Whether the flattening is longer than <see cref="ValueTypeFacts.MaxFlatParams"/> + 1.</param>
internal sealed record Flat(IReadOnlyList<CoreValueType> Types, bool TooMany)
{
    private const int Keep = ValueTypeFacts.MaxFlatParams + 1;

    /// <summary>The number of core values, or more than any limit when <see cref="TooMany"/>.</summary>
    public int Count => TooMany ? int.MaxValue : Types.Count;

    /// <summary>A flattening of the given types.</summary>
    public static Flat Of(params CoreValueType[] types) => new(types, false);

    /// <summary>Several flattenings one after the other.</summary>
    public static Flat Concat(IEnumerable<Flat> parts)
    {
        var types = new List<CoreValueType>();
        var tooMany = false;
        foreach (var part in parts)
        {
            tooMany |= part.TooMany;
            foreach (var type in part.Types)
            {
                if (types.Count == Keep)
                {
                    tooMany = true;
                    break;
                }

                types.Add(type);
            }
        }

        return new Flat(types, tooMany);
    }

    /// <summary>This flattening <paramref name="times"/> times (a fixed-length list).</summary>
    public Flat Repeat(uint times) =>
        Types.Count == 0 ? this
        : (ulong)Types.Count * times > Keep ? new Flat(Concat(Enumerable.Repeat(this, Keep)).Types, true)
        : Concat(Enumerable.Repeat(this, (int)times));
}
