using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The labels inside type definitions (Binary.md, "Type Definitions"): function parameter labels, record field
/// labels, variant case labels, enum case labels and flag labels are kebab-case <c>label</c>s, strongly-unique
/// within their type (compared with acronyms lowercased).
/// </summary>
internal static class TypeLabels
{
    /// <summary>Checks the labels of <paramref name="type"/> (not of the types it refers to or declares).</summary>
    /// <param name="type">A type definition.</param>
    /// <param name="offset">The offset of the definition.</param>
    /// <exception cref="ComponentFormatException">A label is not in kebab case or conflicts with an earlier one.</exception>
    public static void Check(DefinedType type, int offset)
    {
        switch (type)
        {
            case FunctionType function:
                Check(function.Parameters.Select(p => p.Name), "function parameter", offset);
                break;
            case RecordType record:
                Check(record.Fields.Select(f => f.Name), "record field", offset);
                break;
            case VariantType variant:
                Check(variant.Cases.Select(c => c.Name), "variant case", offset);
                break;
            case EnumType enumeration:
                Check(enumeration.Cases, "enum case", offset);
                break;
            case FlagsType flags:
                Check(flags.Names, "flag", offset);
                break;
        }
    }

    private static void Check(IEnumerable<string> labels, string what, int offset)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!ExternNameGrammar.IsLabel(label))
            {
                throw ComponentValidator.Invalid($"{what} name `{label}` is not in kebab case", offset);
            }

            if (!seen.TryAdd(label.ToLowerInvariant(), label))
            {
                throw ComponentValidator.Invalid($"{what} name `{label}` conflicts with previous {what} name `{seen[label.ToLowerInvariant()]}`", offset);
            }
        }
    }
}
