using System.Globalization;
using System.Runtime.CompilerServices;
using WitBindgen.Generator.Specs;
using WitBindgen.Shared;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>
/// Decides, once per WIT type, how values are lifted and lowered: the canonical ABI layout (size,
/// alignment), the flattened core types and the C# spelling (CanonicalABI.md <c>elem_size</c>,
/// <c>alignment</c>, <c>flatten_type</c>). The layout rules themselves are the ones the runtime uses
/// (<see cref="CanonicalLayout"/>, <see cref="ProductLayout"/>, <see cref="VariantLayout"/>, <see cref="Flattening"/>).
/// </summary>
internal sealed partial class SpecBuilder
{
    private readonly Dictionary<WitType, ShapeSpec> _shapes = new();

    /// <summary>The shape of <paramref name="type"/>, or null (with a diagnostic) when it cannot be passed yet.</summary>
    internal ShapeSpec? Shape(WitType type)
    {
        if (_shapes.TryGetValue(type, out var cached))
        {
            return cached;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        ShapeSpec? shape;
        _shaping++;
        try
        {
            shape = BuildShape(type);
        }
        finally
        {
            _shaping--;
        }

        if (shape is not null)
        {
            _shapes[type] = shape;
        }

        return shape;
    }

    private ShapeSpec? BuildShape(WitType type)
    {
        if (type.IsPrimitive)
        {
            return type.Primitive switch
            {
                PrimitiveType.Bool => Scalar(ShapeKind.Bool, "bool", 1, FlatType.I32, "bool"),
                PrimitiveType.S8 => Scalar(ShapeKind.S8, "sbyte", 1, FlatType.I32, "s8"),
                PrimitiveType.U8 => Scalar(ShapeKind.U8, "byte", 1, FlatType.I32, "u8"),
                PrimitiveType.S16 => Scalar(ShapeKind.S16, "short", 2, FlatType.I32, "s16"),
                PrimitiveType.U16 => Scalar(ShapeKind.U16, "ushort", 2, FlatType.I32, "u16"),
                PrimitiveType.S32 => Scalar(ShapeKind.S32, "int", 4, FlatType.I32, "s32"),
                PrimitiveType.U32 => Scalar(ShapeKind.U32, "uint", 4, FlatType.I32, "u32"),
                PrimitiveType.S64 => Scalar(ShapeKind.S64, "long", 8, FlatType.I64, "s64"),
                PrimitiveType.U64 => Scalar(ShapeKind.U64, "ulong", 8, FlatType.I64, "u64"),
                PrimitiveType.F32 => Scalar(ShapeKind.F32, "float", 4, FlatType.F32, "f32"),
                PrimitiveType.F64 => Scalar(ShapeKind.F64, "double", 8, FlatType.F64, "f64"),
                PrimitiveType.Char => Scalar(ShapeKind.Char, "global::System.Text.Rune", 4, FlatType.I32, "char"),
                PrimitiveType.String => new ShapeSpec(ShapeKind.String, "string", CanonicalLayout.PointerPairSize, CanonicalLayout.PointerPairAlignment, PointerPair(), Members(), 0, 0, "string"),
                _ => _guest
                    ? Unpassable("error-context", "which guest bindings do not support yet (error contexts are bound in host bindings only)")
                    : new ShapeSpec(ShapeKind.ErrorContext, ErrorContextType, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, Flat(FlatType.I32), Members(), 0, 0, "error-context"),
            };
        }

        var id = type.Id!.Value;
        var def = _resolve[id];
        var csType = Translate(type);
        var witName = def.Name ?? def.Kind.GetType().Name.Replace("Kind", string.Empty).ToLowerInvariant();
        switch (def.Kind)
        {
            case AliasKind alias:
                return Shape(alias.Target);

            case RecordKind record:
            {
                if (record.Fields.Count == 0)
                {
                    // The WIT parser accepts `record r {}`, but WIT.md's grammar and component validation do not: no descriptor exists.
                    return Unpassable(witName, "which has no fields (a record needs at least one)");
                }

                var fieldShapes = record.Fields.Select(f => Shape(f.Type)).ToList();
                if (fieldShapes.Any(s => s is null))
                {
                    return null;
                }

                var names = FieldNames(id, record.Fields.Count);
                return Product(ShapeKind.Record, csType, $"record '{witName}'", fieldShapes!, names, record.Fields.Select(f => f.Name).ToList());
            }

            case TupleKind tuple:
            {
                var shapes = tuple.Types.Select(Shape).ToList();
                if (shapes.Any(s => s is null) || shapes.Count == 0)
                {
                    return shapes.Count == 0 ? Unpassable("tuple<>", "which has no values to pass") : null;
                }

                var names = Enumerable.Range(1, shapes.Count).Select(i => "Item" + i.ToString(CultureInfo.InvariantCulture)).ToList();
                return Product(ShapeKind.Tuple, csType, "tuple", shapes!, names);
            }

            case VariantKind variant:
            {
                var caseNames = CaseNames(id, variant.Cases.Count);
                var cases = new List<(string, ShapeSpec?)>();
                for (var i = 0; i < variant.Cases.Count; i++)
                {
                    ShapeSpec? payload = null;
                    if (variant.Cases[i].Type is { } t && (payload = Shape(t)) is null)
                    {
                        return null;
                    }

                    cases.Add((csType + "." + caseNames[i], payload));
                }

                return Sum(ShapeKind.Variant, csType, $"variant '{witName}'", cases, variant.Cases.Select(c => c.Name).ToList());
            }

            case EnumKind e:
            {
                var discriminant = CanonicalLayout.DiscriminantSize(e.Cases.Count);
                return new ShapeSpec(ShapeKind.Enum, csType, discriminant, discriminant, Flat(FlatType.I32), Members(), e.Cases.Count, 0, $"enum '{witName}'");
            }

            case FlagsKind flags:
            {
                var n = flags.Flags.Count;
                if (n == 0)
                {
                    // Likewise `flags f {}`: CanonicalABI.md asserts at least one flag (and it would flatten to nothing).
                    return Unpassable(witName, "which has no flags (flags need at least one)");
                }

                var size = (int)CanonicalLayout.FlagsSize(n);
                var align = CanonicalLayout.FlagsAlignment(n);
                var flat = Enumerable.Repeat(FlatType.I32, CanonicalLayout.FlagsFlatCount(n)).ToEquatableArray();
                if (n <= 64)
                {
                    return new ShapeSpec(ShapeKind.Flags, csType, size, align, flat, Members(), n, 0, $"flags '{witName}'");
                }

                var words = Enumerable.Range(0, (n + 63) / 64).Select(i => new ShapeMember(WideFlagWordName(id, i), null, 0));
                return new ShapeSpec(ShapeKind.WideFlags, csType, size, align, flat, words.ToEquatableArray(), n, 0, $"flags '{witName}'");
            }

            case OptionKind option:
            {
                var payload = Shape(option.Inner);
                if (payload is null)
                {
                    return null;
                }

                var kind = IsOption(option.Inner) ? ShapeKind.NestedOption : ShapeKind.Option;
                return Sum(kind, csType, "option", new List<(string, ShapeSpec?)> { ("none", null), ("some", payload) });
            }

            case ResultKind result:
            {
                ShapeSpec? ok = null, err = null;
                if ((result.Ok is { } o && (ok = Shape(o)) is null) || (result.Err is { } e2 && (err = Shape(e2)) is null))
                {
                    return null;
                }

                return Sum(ShapeKind.Result, csType, "result", new List<(string, ShapeSpec?)> { ("ok", ok), ("err", err) });
            }

            case ListKind list:
            {
                var element = Shape(list.Element);
                return element is null
                    ? null
                    : new ShapeSpec(ShapeKind.List, csType, CanonicalLayout.PointerPairSize, CanonicalLayout.PointerPairAlignment, PointerPair(), new[] { new ShapeMember("element", element, 0) }.ToEquatableArray(), 0, 0, "list");
            }

            case HandleKind handle:
            {
                var kind = handle.IsBorrow ? ShapeKind.Borrow : ShapeKind.Own;
                var resource = new ShapeMember(_resolve[handle.Resource].Name ?? "resource", null, 0);
                return new ShapeSpec(kind, csType, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, Flat(FlatType.I32), new[] { resource }.ToEquatableArray(), 0, 0, (handle.IsBorrow ? "borrow<" : "own<") + resource.Name + ">");
            }

            case ResourceKind:
            {
                // A bare resource name in a function signature is an owned handle.
                var resource = new ShapeMember(witName, null, 0);
                return new ShapeSpec(ShapeKind.Own, csType, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, Flat(FlatType.I32), new[] { resource }.ToEquatableArray(), 0, 0, "own<" + witName + ">");
            }

            case FixedLengthListKind fixedList:
            {
                var element = Shape(fixedList.Element);
                if (element is null)
                {
                    return null;
                }

                // Laid out and flattened as a tuple of Length elements (CanonicalABI.md elem_size_list, flatten_list).
                var length = (long)fixedList.Length;
                var size = CanonicalLayout.FixedListSize(element.Size, length);
                if (size > CanonicalLayout.MaxElementSize)
                {
                    return TooLarge($"list<{element.WitName}, {fixedList.Length}>");
                }

                var flat = Enumerable.Range(0, (int)Math.Min(length, FlatLimit))
                    .SelectMany(_ => element.Flat)
                    .Take(FlatLimit)
                    .ToEquatableArray();
                var members = new[] { new ShapeMember("element", element, 0) }.ToEquatableArray();
                return new ShapeSpec(ShapeKind.FixedList, csType, (int)size, element.Align, flat, members, (int)length, 0, $"list<{element.WitName}, {fixedList.Length}>");
            }

            case MapKind map:
            {
                var key = Shape(map.Key);
                var value = Shape(map.Value);
                if (key is null || value is null)
                {
                    return null;
                }

                // CanonicalABI.md despecialises map<K, V> to list<tuple<K, V>>: the entry is a KeyValuePair laid out as the tuple.
                var entryType = $"global::System.Collections.Generic.KeyValuePair<{key.Type}, {value.Type}>";
                var entry = Product(ShapeKind.Record, entryType, $"tuple<{key.WitName}, {value.WitName}>", new List<ShapeSpec> { key, value }, new[] { "Key", "Value" });
                if (entry is null)
                {
                    return null;
                }

                var members = new[] { new ShapeMember("entry", entry, 0) }.ToEquatableArray();
                return new ShapeSpec(ShapeKind.Map, csType, CanonicalLayout.PointerPairSize, CanonicalLayout.PointerPairAlignment, PointerPair(), members, 0, 0, $"map<{key.WitName}, {value.WitName}>");
            }
            case StreamKind or FutureKind:
                return AsyncValue(def.Kind, csType, type);

            default:
                // Whatever a later WIT adds: not bound yet.
                return Unpassable(Spell(type));
        }
    }

    /// <summary>
    /// <c>stream&lt;T&gt;</c> or <c>future&lt;T&gt;</c> in host bindings: the readable end as the runtime's typed handle,
    /// passed as one <c>i32</c> (its index in the instance's table), the element lifted and lowered by a codec.
    /// </summary>
    private ShapeSpec? AsyncValue(TypeDefKind kind, string csType, WitType type)
    {
        var (isStream, payload) = kind switch
        {
            StreamKind stream => (true, stream.Payload),
            FutureKind future => (false, future.Payload),
            _ => (false, null),
        };
        var spelled = Spell(type);
        if (_guest)
        {
            return Unpassable(spelled, "which guest bindings do not support yet (streams and futures are bound in host bindings only)");
        }

        if (payload is not { } p)
        {
            return Unpassable(spelled, "which has no element type (only typed streams and futures have a typed handle)");
        }

        var element = Shape(p);
        if (element is null)
        {
            return null;
        }

        var members = new[] { new ShapeMember("element", element, 0) }.ToEquatableArray();
        return new ShapeSpec(isStream ? ShapeKind.Stream : ShapeKind.Future, csType, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, Flat(FlatType.I32), members, 0, 0, spelled);
    }

    /// <summary>
    /// One past CanonicalABI.md's <c>MAX_FLAT_PARAMS</c>: a flattening longer than 16 values is passed in memory and only
    /// its length matters, so fixed-length lists keep at most this many flat types.
    /// </summary>
    private const int FlatLimit = CanonicalLayout.MaxFlatParams + 1;

    private static ShapeSpec Scalar(ShapeKind kind, string type, int size, FlatType flat, string wit) =>
        new(kind, type, size, size, Flat(flat), Members(), 0, 0, wit);

    private static EquatableArray<FlatType> Flat(params FlatType[] types) => types.ToEquatableArray();

    /// <summary>The flattening of a <c>string</c> or <c>list</c>: a pointer and a length.</summary>
    private static EquatableArray<FlatType> PointerPair() => Flat(FlatType.I32, FlatType.I32);

    private static EquatableArray<ShapeMember> Members() => EquatableArray<ShapeMember>.Empty;

    /// <summary>A record or tuple of <paramref name="parts"/>, or null (unpassable) when it is too large for component validation.</summary>
    private ShapeSpec? Product(ShapeKind kind, string csType, string witName, List<ShapeSpec> parts, IReadOnlyList<string> names, IReadOnlyList<string>? witNames = null)
    {
        var layout = new ProductLayout();
        var members = new List<ShapeMember>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            members.Add(new ShapeMember(names[i], parts[i], (int)layout.Add(parts[i].Size, parts[i].Align), witNames?[i]));
        }

        if (layout.Size > CanonicalLayout.MaxElementSize)
        {
            return TooLarge(witName);
        }

        var flat = parts.SelectMany(p => p.Flat).ToEquatableArray();
        return new ShapeSpec(kind, csType, (int)layout.Size, layout.Alignment, flat, members.ToEquatableArray(), 0, 0, witName);
    }

    /// <summary>A variant of <paramref name="cases"/>, or null (unpassable) when it is too large for component validation.</summary>
    private ShapeSpec? Sum(ShapeKind kind, string csType, string witName, List<(string Name, ShapeSpec? Payload)> cases, IReadOnlyList<string>? witNames = null)
    {
        var layout = new VariantLayout(cases.Count);
        var joined = new FlatType[cases.Select(c => c.Payload?.Flat.Count ?? 0).DefaultIfEmpty(0).Max()];
        var length = 0;
        foreach (var (_, payload) in cases)
        {
            if (payload is not null)
            {
                layout.AddPayload(payload.Size, payload.Align);
                Flattening.JoinCase(joined, ref length, payload.Flat.AsSpan());
            }
        }

        if (layout.Size > CanonicalLayout.MaxElementSize)
        {
            return TooLarge(witName);
        }

        var flat = new[] { FlatType.I32 }.Concat(joined).ToEquatableArray();
        var payloadOffset = (int)layout.PayloadOffset;
        var members = cases.Select((c, i) => new ShapeMember(c.Name, c.Payload, payloadOffset, witNames?[i] ?? c.Name)).ToEquatableArray();
        return new ShapeSpec(kind, csType, (int)layout.Size, layout.Alignment, flat, members, cases.Count, payloadOffset, witName);
    }

    /// <summary>Unpassable: <paramref name="witName"/> is larger than component validation allows (<c>elem_size</c> of 2^28 bytes or more).</summary>
    private ShapeSpec? TooLarge(string witName) => Unpassable(witName, "which is 2^28 bytes or more, more than a component may use");
}
