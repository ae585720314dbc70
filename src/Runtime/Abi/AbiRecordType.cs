using System.Collections.Immutable;
using System.Text;

namespace WitBindgen.Runtime.Abi;

/// <summary><c>record</c>: named fields laid out in order.</summary>
public sealed class AbiRecordType : AbiProductType
{
    internal AbiRecordType(ImmutableArray<AbiField> fields)
        : base(AbiTypeKind.Record, FieldTypesOf(fields))
    {
        Fields = fields;
    }

    /// <summary>The fields, in order.</summary>
    public ImmutableArray<AbiField> Fields { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder("record { ");
        for (var i = 0; i < Fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Fields[i].Name).Append(": ").Append(Fields[i].Type);
        }

        return builder.Append(" }").ToString();
    }

    private static ImmutableArray<AbiType> FieldTypesOf(ImmutableArray<AbiField> fields)
    {
        if (fields.IsDefault)
        {
            throw new ArgumentNullException(nameof(fields));
        }

        var builder = ImmutableArray.CreateBuilder<AbiType>(fields.Length);
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field.Name, nameof(fields));
            builder.Add(field.Type ?? throw new ArgumentException($"Field '{field.Name}' has no type.", nameof(fields)));
        }

        return builder.MoveToImmutable();
    }
}
