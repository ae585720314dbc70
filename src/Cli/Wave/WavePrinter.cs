using System.Globalization;
using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Cli.Wave;

/// <summary>
/// Writes a value in WAVE, as <see cref="WaveParser"/> reads it back: floats in their shortest round-trip form
/// (<c>nan</c>, <c>inf</c>, <c>-inf</c>), chars and strings with <c>\t \n \r \\ \' \"</c> and <c>\u{…}</c> for other
/// control characters, records with every field, options as <c>some(…)</c>/<c>none</c>, results as
/// <c>ok</c>/<c>ok(…)</c>/<c>err</c>/<c>err(…)</c>, cases named like a WAVE keyword with a <c>%</c>.
/// </summary>
internal static class WavePrinter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "true", "false", "inf", "nan", "some", "none", "ok", "err" };

    /// <summary>Writes <paramref name="value"/>, a value of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The value does not have the shape of the type.</exception>
    public static string Print(WitValue value, WaveType type)
    {
        var builder = new StringBuilder();
        Append(builder, value, type);
        return builder.ToString();
    }

    private static void Append(StringBuilder b, WitValue value, WaveType type)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (type)
        {
            case WavePrimitive { Kind: WavePrimitiveKind.Bool }:
                b.Append(value.AsBool() ? "true" : "false");
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.S8 }:
                b.Append(value.AsS8().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.U8 }:
                b.Append(value.AsU8().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.S16 }:
                b.Append(value.AsS16().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.U16 }:
                b.Append(value.AsU16().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.S32 }:
                b.Append(value.AsS32().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.U32 }:
                b.Append(value.AsU32().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.S64 }:
                b.Append(value.AsS64().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.U64 }:
                b.Append(value.AsU64().ToString(culture));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.F32 }:
                b.Append(Float(value.AsF32(), value.AsF32().ToString("R", culture)));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.F64 }:
                b.Append(Float(value.AsF64(), value.AsF64().ToString("R", culture)));
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.Char }:
                b.Append('\'');
                AppendCharacter(b, value.AsChar(), '\'');
                b.Append('\'');
                break;
            case WavePrimitive { Kind: WavePrimitiveKind.String }:
                b.Append('"');
                foreach (var rune in value.AsString().EnumerateRunes())
                {
                    AppendCharacter(b, rune, '"');
                }

                b.Append('"');
                break;
            case WaveList list:
                AppendItems(b, '[', ']', value.Items, _ => list.Element);
                break;
            case WaveTuple tuple:
                AppendItems(b, '(', ')', value.Items, i => tuple.Elements[i]);
                break;
            case WaveRecord record:
                b.Append('{');
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    b.Append(i > 0 ? ", " : "").Append(Label(record.Fields[i].Name)).Append(": ");
                    Append(b, value.Items[i], record.Fields[i].Type);
                }

                b.Append('}');
                break;
            case WaveVariant variant:
                var @case = variant.Cases[value.CaseIndex];
                b.Append(Label(@case.Name));
                AppendPayload(b, value.Payload, @case.Payload);
                break;
            case WaveEnum enumeration:
                b.Append(Label(enumeration.Cases[value.CaseIndex]));
                break;
            case WaveOption option:
                if (value.IsSome)
                {
                    b.Append("some");
                    AppendPayload(b, value.Payload, option.Payload);
                }
                else
                {
                    b.Append("none");
                }

                break;
            case WaveResult result:
                b.Append(value.IsOk ? "ok" : "err");
                AppendPayload(b, value.Payload, value.IsOk ? result.Ok : result.Error);
                break;
            case WaveFlags flags:
                b.Append('{');
                var first = true;
                for (var i = 0; i < flags.Names.Count; i++)
                {
                    if (value.IsFlagSet(i))
                    {
                        b.Append(first ? "" : ", ").Append(Label(flags.Names[i]));
                        first = false;
                    }
                }

                b.Append('}');
                break;
            case WaveHandle handle:
                // WAVE has no text for a handle; this names what it is, in a form no WAVE reader accepts.
                b.Append('<').Append(handle.Describe()).Append('>');
                break;
            default:
                b.Append('<').Append(type.Describe()).Append('>');
                break;
        }
    }

    private static void AppendItems(StringBuilder b, char open, char close, IReadOnlyList<WitValue> items, Func<int, WaveType> typeAt)
    {
        b.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            b.Append(i > 0 ? ", " : "");
            Append(b, items[i], typeAt(i));
        }

        b.Append(close);
    }

    private static void AppendPayload(StringBuilder b, WitValue? payload, WaveType? type)
    {
        if (payload is not null && type is not null)
        {
            b.Append('(');
            Append(b, payload, type);
            b.Append(')');
        }
    }

    /// <summary><c>nan</c>, <c>inf</c>, <c>-inf</c>, or the round-trip digits with a lower-case exponent without leading zeros.</summary>
    private static string Float(double value, string roundTrip)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var e = roundTrip.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return roundTrip;
        }

        var mantissa = roundTrip[..e];
        var sign = roundTrip[e + 1] is '-' or '+' ? roundTrip[e + 1].ToString() : "";
        var digits = roundTrip[(e + 1 + sign.Length)..].TrimStart('0');
        return $"{mantissa}e{(sign == "-" ? "-" : "+")}{(digits.Length == 0 ? "0" : digits)}";
    }

    private static void AppendCharacter(StringBuilder b, Rune rune, char quote)
    {
        switch (rune.Value)
        {
            case '\\':
                b.Append("\\\\");
                break;
            case '\t':
                b.Append("\\t");
                break;
            case '\n':
                b.Append("\\n");
                break;
            case '\r':
                b.Append("\\r");
                break;
            case var c when c == quote:
                b.Append('\\').Append(quote);
                break;
            case var c when c < 0x20 || c == 0x7f:
                b.Append("\\u{").Append(c.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                break;
            default:
                b.Append(rune.ToString());
                break;
        }
    }

    /// <summary>A label, with <c>%</c> when it reads as a WAVE keyword.</summary>
    internal static string Label(string name) => Keywords.Contains(name) ? "%" + name : name;
}
