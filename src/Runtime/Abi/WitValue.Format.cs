using System.Globalization;
using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary>Text rendering of <see cref="WitValue"/> for diagnostics and test output.</summary>
public sealed partial class WitValue
{
    /// <summary>
    /// Renders the value in a WAVE-like syntax: <c>true</c>, <c>42</c>, <c>'x'</c>, <c>"text"</c>, <c>[1, 2]</c>,
    /// records as <c>{1, "a"}</c>, tuples as <c>(1, "a")</c>, <c>case2(payload)</c>, <c>some(1)</c>,
    /// <c>ok</c>, <c>err("e")</c>, flags as the set indices <c>{0, 3}</c>.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (Kind)
        {
            case WitValueKind.Bool:
                builder.Append(AsBool() ? "true" : "false");
                break;
            case WitValueKind.S8:
            case WitValueKind.S16:
            case WitValueKind.S32:
            case WitValueKind.S64:
                builder.Append(((long)_bits).ToString(culture));
                break;
            case WitValueKind.U8:
            case WitValueKind.U16:
            case WitValueKind.U32:
            case WitValueKind.U64:
                builder.Append(_bits.ToString(culture));
                break;
            case WitValueKind.F32:
                builder.Append(AsF32().ToString("R", culture));
                break;
            case WitValueKind.F64:
                builder.Append(AsF64().ToString("R", culture));
                break;
            case WitValueKind.Char:
                builder.Append('\'').Append(AsChar().ToString()).Append('\'');
                break;
            case WitValueKind.String:
                builder.Append('"').Append(((string)_reference!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case WitValueKind.List:
                AppendItems(builder, '[', ']');
                break;
            case WitValueKind.Record:
                AppendItems(builder, '{', '}');
                break;
            case WitValueKind.Tuple:
                AppendItems(builder, '(', ')');
                break;
            case WitValueKind.Variant:
                builder.Append("case").Append(_bits.ToString(culture));
                AppendPayload(builder);
                break;
            case WitValueKind.Enum:
                builder.Append("case").Append(_bits.ToString(culture));
                break;
            case WitValueKind.Option:
                builder.Append(_bits == 0 ? "none" : "some");
                AppendPayload(builder);
                break;
            case WitValueKind.Result:
                builder.Append(_bits == 0 ? "ok" : "err");
                AppendPayload(builder);
                break;
            case WitValueKind.Flags:
                builder.Append('{');
                var first = true;
                for (var i = 0; i < FlagCount; i++)
                {
                    if (IsFlagSet(i))
                    {
                        builder.Append(first ? string.Empty : ", ").Append(i.ToString(culture));
                        first = false;
                    }
                }

                builder.Append('}');
                break;
            case WitValueKind.Handle:
                builder.Append("handle(").Append(_reference).Append(')');
                break;
        }
    }

    private void AppendItems(StringBuilder builder, char open, char close)
    {
        builder.Append(open);
        var items = ItemArray;
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            items[i].Append(builder);
        }

        builder.Append(close);
    }

    private void AppendPayload(StringBuilder builder)
    {
        if (_reference is WitValue payload)
        {
            builder.Append('(');
            payload.Append(builder);
            builder.Append(')');
        }
    }
}
