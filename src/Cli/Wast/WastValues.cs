using System.Globalization;
using System.Text;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Cli.Wast;

/// <summary>
/// Values written in a script (<c>(u32.const 1)</c>, <c>(str.const "x")</c>, <c>(record.const (field "a" u8.const 1))</c>,
/// <c>(variant.const "case" …)</c>, …) made into <see cref="WitValue"/>s of a component-level type, and values
/// shown as text to compare them.
/// </summary>
internal static class WastValues
{
    /// <summary>Builds the value <paramref name="value"/> (a list, or the inline items of a field) of type <paramref name="type"/>.</summary>
    public static WitValue From(IReadOnlyList<SExpression> value, ResolvedType type)
    {
        var head = value.Count > 0 ? value[0].Atom ?? string.Empty : string.Empty;
        var args = value.Skip(1).ToList();
        switch (type.Definition)
        {
            case PrimitiveValueType p:
                return Primitive(p.Type, head, args);
            case RecordType r:
                Expect(head, "record.const");
                if (args.Count != r.Fields.Count)
                {
                    throw new FormatException($"record.const has {args.Count} fields, the type {r.Fields.Count}");
                }

                return WitValue.Record(r.Fields.Select((f, i) => From(args[i].Items.Skip(2).ToList(), type.ResolveValueType(f.Type))).ToArray());
            case TupleType t:
                Expect(head, "tuple.const");
                return WitValue.Tuple(t.Types.Select((e, i) => From(args[i].Items, type.ResolveValueType(e))).ToArray());
            case ListType l:
                Expect(head, "list.const");
                return WitValue.List(args.Select(a => From(a.Items, type.ResolveValueType(l.Element))).ToArray());
            case FixedSizeListType fl:
                Expect(head, "list.const");
                return WitValue.List(args.Select(a => From(a.Items, type.ResolveValueType(fl.Element))).ToArray());
            case MapType m:
                // There is no map.const: a map is written as the list of its entries, each a (key, value) tuple.
                Expect(head, "list.const");
                return WitValue.List(args.Select(a => MapEntry(a.Items, type.ResolveValueType(m.Key), type.ResolveValueType(m.Value))).ToArray());
            case FlagsType f:
                Expect(head, "flags.const");
                return WitValue.Flags(f.Names.Count, args.Select(a => IndexOf(f.Names, a.Atom!)).ToArray());
            case EnumType e:
                Expect(head, "enum.const");
                return WitValue.Enum(IndexOf(e.Cases, args[0].Atom!));
            case VariantType v:
                Expect(head, "variant.const");
                var index = IndexOf(v.Cases.Select(c => c.Name).ToList(), args[0].Atom!);
                return WitValue.Variant(index, v.Cases[index].Type is { } payload ? From(args[1].Items, type.ResolveValueType(payload)) : null);
            case OptionType o:
                return head switch
                {
                    "option.none" => WitValue.None,
                    "option.some" => WitValue.Some(From(args[0].Items, type.ResolveValueType(o.Type))),
                    _ when args.Count == 0 => WitValue.None,
                    _ => WitValue.Some(From(args[^1].Items, type.ResolveValueType(o.Type))),
                };
            case ResultType res:
                var ok = head == "result.ok" || (args.Count > 0 && args[0].Atom == "ok");
                var payloads = args.Where(a => a.IsList).ToList();
                var payloadType = ok ? res.Ok : res.Error;
                var inner = payloadType is { } pt && payloads.Count > 0 ? From(payloads[0].Items, type.ResolveValueType(pt)) : null;
                return ok ? WitValue.Ok(inner) : WitValue.Err(inner);
            default:
                throw new FormatException($"values of type {type.Describe()} cannot be written in a script");
        }
    }

    private static WitValue MapEntry(IReadOnlyList<SExpression> entry, ResolvedType key, ResolvedType value)
    {
        Expect(entry.Count > 0 ? entry[0].Atom ?? string.Empty : string.Empty, "tuple.const");
        if (entry.Count != 3)
        {
            throw new FormatException($"a map entry is a tuple.const of a key and a value, not of {entry.Count - 1} values");
        }

        return WitValue.Tuple(From(entry[1].Items, key), From(entry[2].Items, value));
    }

    /// <summary>A value as text, for comparing an expected value with an actual one.</summary>
    public static string Show(WitValue value) => value.Kind switch
    {
        WitValueKind.Bool => value.AsBool() ? "true" : "false",
        WitValueKind.S8 => value.AsS8().ToString(CultureInfo.InvariantCulture),
        WitValueKind.U8 => value.AsU8().ToString(CultureInfo.InvariantCulture),
        WitValueKind.S16 => value.AsS16().ToString(CultureInfo.InvariantCulture),
        WitValueKind.U16 => value.AsU16().ToString(CultureInfo.InvariantCulture),
        WitValueKind.S32 => value.AsS32().ToString(CultureInfo.InvariantCulture),
        WitValueKind.U32 => value.AsU32().ToString(CultureInfo.InvariantCulture),
        WitValueKind.S64 => value.AsS64().ToString(CultureInfo.InvariantCulture),
        WitValueKind.U64 => value.AsU64().ToString(CultureInfo.InvariantCulture),
        WitValueKind.F32 => float.IsNaN(value.AsF32()) ? "nan" : value.AsF32().ToString("R", CultureInfo.InvariantCulture),
        WitValueKind.F64 => double.IsNaN(value.AsF64()) ? "nan" : value.AsF64().ToString("R", CultureInfo.InvariantCulture),
        WitValueKind.Char => $"'{value.AsChar()}'",
        WitValueKind.String => $"\"{value.AsString()}\"",
        WitValueKind.List => $"[{string.Join(", ", value.Items.Select(Show))}]",
        WitValueKind.Record => $"{{{string.Join(", ", value.Items.Select(Show))}}}",
        WitValueKind.Tuple => $"({string.Join(", ", value.Items.Select(Show))})",
        WitValueKind.Variant => value.Payload is { } p ? $"case{value.CaseIndex}({Show(p)})" : $"case{value.CaseIndex}",
        WitValueKind.Enum => $"case{value.CaseIndex}",
        WitValueKind.Option => value.IsSome ? $"some({Show(value.Payload!)})" : "none",
        WitValueKind.Result => (value.IsOk ? "ok" : "err") + (value.Payload is { } r ? $"({Show(r)})" : string.Empty),
        WitValueKind.Flags => $"flags[{string.Join(",", FlagIndices(value))}]",
        _ => value.Kind.ToString(),
    };

    private static IEnumerable<int> FlagIndices(WitValue value)
    {
        var words = value.FlagWords;
        var set = new List<int>();
        for (var i = 0; i < value.FlagCount; i++)
        {
            if ((words[i / 32] & (1u << (i % 32))) != 0)
            {
                set.Add(i);
            }
        }

        return set;
    }

    private static WitValue Primitive(PrimitiveType type, string head, IReadOnlyList<SExpression> args)
    {
        var text = args.Count > 0 ? args[0].Atom ?? string.Empty : string.Empty;
        switch (type)
        {
            case PrimitiveType.Bool:
                Expect(head, "bool.const");
                return WitValue.Bool(text == "true");
            case PrimitiveType.Char:
                Expect(head, "char.const");
                return WitValue.Char(Rune.GetRuneAt(text, 0));
            case PrimitiveType.String:
                Expect(head, "str.const");
                return WitValue.String(text);
            case PrimitiveType.F32:
                return WitValue.F32(float.Parse(text.Replace("_", string.Empty), CultureInfo.InvariantCulture));
            case PrimitiveType.F64:
                return WitValue.F64(double.Parse(text.Replace("_", string.Empty), CultureInfo.InvariantCulture));
        }

        var integer = Integer(text);
        return type switch
        {
            PrimitiveType.S8 => WitValue.S8(unchecked((sbyte)integer)),
            PrimitiveType.U8 => WitValue.U8(unchecked((byte)integer)),
            PrimitiveType.S16 => WitValue.S16(unchecked((short)integer)),
            PrimitiveType.U16 => WitValue.U16(unchecked((ushort)integer)),
            PrimitiveType.S32 => WitValue.S32(unchecked((int)integer)),
            PrimitiveType.U32 => WitValue.U32(unchecked((uint)integer)),
            PrimitiveType.S64 => WitValue.S64(unchecked((long)integer)),
            PrimitiveType.U64 => WitValue.U64(unchecked((ulong)integer)),
            _ => throw new FormatException($"values of type {type} cannot be written in a script"),
        };
    }

    /// <summary>An integer literal: decimal or <c>0x</c> hexadecimal, with <c>_</c> separators and a sign.</summary>
    private static Int128 Integer(string text)
    {
        var t = text.Replace("_", string.Empty);
        var negative = t.StartsWith('-');
        t = t.TrimStart('-', '+');
        var magnitude = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? (Int128)UInt128.Parse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : (Int128)UInt128.Parse(t, CultureInfo.InvariantCulture);
        return negative ? -magnitude : magnitude;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new FormatException($"no case or flag \"{name}\"");
    }

    private static void Expect(string head, string expected)
    {
        if (head != expected)
        {
            throw new FormatException($"expected {expected}, found {head}");
        }
    }
}
