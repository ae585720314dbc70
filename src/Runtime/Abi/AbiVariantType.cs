using System.Collections.Immutable;
using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary><c>variant</c>: named cases, each with an optional payload.</summary>
public sealed class AbiVariantType : AbiSumType
{
    internal AbiVariantType(ImmutableArray<AbiCase> cases)
        : base(AbiTypeKind.Variant, cases.IsDefault ? 0 : cases.Length, PayloadsOf(cases))
    {
        Cases = cases;
    }

    /// <summary>The cases, in order.</summary>
    public ImmutableArray<AbiCase> Cases { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder("variant { ");
        for (var i = 0; i < Cases.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Cases[i].Name);
            if (Cases[i].Payload is { } payload)
            {
                builder.Append('(').Append(payload).Append(')');
            }
        }

        return builder.Append(" }").ToString();
    }

    private static AbiType?[] PayloadsOf(ImmutableArray<AbiCase> cases)
    {
        if (cases.IsDefault)
        {
            throw new ArgumentNullException(nameof(cases));
        }

        var payloads = new AbiType?[cases.Length];
        for (var i = 0; i < cases.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(cases[i].Name, nameof(cases));
            payloads[i] = cases[i].Payload;
        }

        return payloads;
    }
}
