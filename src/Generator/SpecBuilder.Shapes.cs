using System.Globalization;
using System.Runtime.CompilerServices;
using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>
/// Decides, once per WIT type, how values are lifted and lowered: the canonical ABI layout (size,
/// alignment), the flattened core types and the C# spelling (CanonicalABI.md <c>elem_size</c>,
/// <c>alignment</c>, <c>flatten_type</c>).
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
                PrimitiveType.Bool => Scalar(ShapeKind.Bool, "bool", 1, "i32", "bool"),
                PrimitiveType.S8 => Scalar(ShapeKind.S8, "sbyte", 1, "i32", "s8"),
                PrimitiveType.U8 => Scalar(ShapeKind.U8, "byte", 1, "i32", "u8"),
                PrimitiveType.S16 => Scalar(ShapeKind.S16, "short", 2, "i32", "s16"),
                PrimitiveType.U16 => Scalar(ShapeKind.U16, "ushort", 2, "i32", "u16"),
                PrimitiveType.S32 => Scalar(ShapeKind.S32, "int", 4, "i32", "s32"),
                PrimitiveType.U32 => Scalar(ShapeKind.U32, "uint", 4, "i32", "u32"),
                PrimitiveType.S64 => Scalar(ShapeKind.S64, "long", 8, "i64", "s64"),
                PrimitiveType.U64 => Scalar(ShapeKind.U64, "ulong", 8, "i64", "u64"),
                PrimitiveType.F32 => Scalar(ShapeKind.F32, "float", 4, "f32", "f32"),
                PrimitiveType.F64 => Scalar(ShapeKind.F64, "double", 8, "f64", "f64"),
                PrimitiveType.Char => Scalar(ShapeKind.Char, "global::System.Text.Rune", 4, "i32", "char"),
                PrimitiveType.String => new ShapeSpec(ShapeKind.String, "string", 8, 4, Flat("i32", "i32"), Members(), 0, 0, "string"),
                _ => Unpassable("error-context"),
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
                var discriminant = DiscriminantSize(e.Cases.Count);
                return new ShapeSpec(ShapeKind.Enum, csType, discriminant, discriminant, Flat("i32"), Members(), e.Cases.Count, 0, $"enum '{witName}'");
            }

            case FlagsKind flags:
            {
                var n = flags.Flags.Count;
                var size = n <= 8 ? 1 : n <= 16 ? 2 : 4 * ((n + 31) / 32);
                var flat = Enumerable.Repeat("i32", (n + 31) / 32).ToEquatableArray();
                if (n <= 64)
                {
                    return new ShapeSpec(ShapeKind.Flags, csType, size, Math.Min(size, 4), flat, Members(), n, 0, $"flags '{witName}'");
                }

                var words = Enumerable.Range(0, (n + 63) / 64).Select(i => new ShapeMember(WideFlagWordName(id, i), null, 0));
                return new ShapeSpec(ShapeKind.WideFlags, csType, size, 4, flat, words.ToEquatableArray(), n, 0, $"flags '{witName}'");
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
                    : new ShapeSpec(ShapeKind.List, csType, 8, 4, Flat("i32", "i32"), new[] { new ShapeMember("element", element, 0) }.ToEquatableArray(), 0, 0, "list");
            }

            case HandleKind handle:
            {
                var kind = handle.IsBorrow ? ShapeKind.Borrow : ShapeKind.Own;
                var resource = new ShapeMember(_resolve[handle.Resource].Name ?? "resource", null, 0);
                return new ShapeSpec(kind, csType, 4, 4, Flat("i32"), new[] { resource }.ToEquatableArray(), 0, 0, (handle.IsBorrow ? "borrow<" : "own<") + resource.Name + ">");
            }

            case ResourceKind:
            {
                // A bare resource name in a function signature is an owned handle.
                var resource = new ShapeMember(witName, null, 0);
                return new ShapeSpec(ShapeKind.Own, csType, 4, 4, Flat("i32"), new[] { resource }.ToEquatableArray(), 0, 0, "own<" + witName + ">");
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
                var size = element.Size * length;
                if (size > int.MaxValue || length > int.MaxValue)
                {
                    return Unpassable($"list<{element.WitName}, {fixedList.Length}>", "which is 2 GiB or more");
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
                var members = new[] { new ShapeMember("entry", entry, 0) }.ToEquatableArray();
                return new ShapeSpec(ShapeKind.Map, csType, 8, 4, Flat("i32", "i32"), members, 0, 0, $"map<{key.WitName}, {value.WitName}>");
            }
            default:
                // future, stream (and whatever a later WIT adds): not bound yet.
                return Unpassable(Spell(type));
        }
    }

    /// <summary>
    /// One past CanonicalABI.md's <c>MAX_FLAT_PARAMS</c>: a flattening longer than 16 values is passed in memory and only
    /// its length matters, so fixed-length lists keep at most this many flat types.
    /// </summary>
    private const int FlatLimit = 17;

    private static ShapeSpec Scalar(ShapeKind kind, string type, int size, string flat, string wit) =>
        new(kind, type, size, size, Flat(flat), Members(), 0, 0, wit);

    private static EquatableArray<string> Flat(params string[] types) => types.ToEquatableArray();

    private static EquatableArray<ShapeMember> Members() => EquatableArray<ShapeMember>.Empty;

    private static int DiscriminantSize(int cases) => cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;

    private static ShapeSpec Product(ShapeKind kind, string csType, string witName, List<ShapeSpec> parts, IReadOnlyList<string> names, IReadOnlyList<string>? witNames = null)
    {
        var (offsets, size, align) = AbiLayout.Product(parts);
        var members = parts.Select((part, i) => new ShapeMember(names[i], part, offsets[i], witNames?[i]));
        var flat = parts.SelectMany(p => p.Flat).ToEquatableArray();
        return new ShapeSpec(kind, csType, size, align, flat, members.ToEquatableArray(), 0, 0, witName);
    }

    private static ShapeSpec Sum(ShapeKind kind, string csType, string witName, List<(string Name, ShapeSpec? Payload)> cases, IReadOnlyList<string>? witNames = null)
    {
        var discriminant = DiscriminantSize(cases.Count);
        var caseAlign = cases.Select(c => c.Payload?.Align ?? 1).DefaultIfEmpty(1).Max();
        var caseSize = cases.Select(c => c.Payload?.Size ?? 0).DefaultIfEmpty(0).Max();
        var align = Math.Max(discriminant, caseAlign);
        var payloadOffset = AbiLayout.AlignTo(discriminant, caseAlign);
        var size = AbiLayout.AlignTo(payloadOffset + caseSize, align);

        var joined = new List<string>();
        foreach (var (_, payload) in cases)
        {
            if (payload is null)
            {
                continue;
            }

            for (var i = 0; i < payload.Flat.Count; i++)
            {
                if (i < joined.Count)
                {
                    joined[i] = Join(joined[i], payload.Flat[i]);
                }
                else
                {
                    joined.Add(payload.Flat[i]);
                }
            }
        }

        var flat = new[] { "i32" }.Concat(joined).ToEquatableArray();
        var members = cases.Select((c, i) => new ShapeMember(c.Name, c.Payload, payloadOffset, witNames?[i] ?? c.Name)).ToEquatableArray();
        return new ShapeSpec(kind, csType, size, align, flat, members, cases.Count, payloadOffset, witName);
    }

    private static string Join(string a, string b) =>
        a == b ? a : (a, b) is ("i32", "f32") or ("f32", "i32") ? "i32" : "i64";
}
