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
                Check(function.Parameters.Select(p => p.Name), "function parameter", "parameter", offset);
                break;
            case RecordType record:
                Check(record.Fields.Select(f => f.Name), "record field", "field", offset);
                break;
            case VariantType variant:
                Check(variant.Cases.Select(c => c.Name), "variant case", "case", offset);
                break;
            case EnumType enumeration:
                Check(enumeration.Cases, "enum case", "case", offset);
                break;
            case FlagsType flags:
                Check(flags.Names, "flag", "flag", offset);
                break;
        }
    }

    /// <param name="labels">The labels, in order.</param>
    /// <param name="what">What a label is, e.g. <c>record field</c>.</param>
    /// <param name="kind">What a label is among its siblings, e.g. <c>field</c>.</param>
    /// <param name="offset">The offset of the definition.</param>
    private static void Check(IEnumerable<string> labels, string what, string kind, int offset)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!ExternNameGrammar.IsLabel(label))
            {
                var empty = label.Length == 0 ? " (a name cannot be empty)" : string.Empty;
                throw ComponentValidator.Invalid($"{what} name `{label}` is not in kebab case{empty}", offset);
            }

            var canonical = label.ToLowerInvariant();
            if (!seen.TryAdd(canonical, label))
            {
                throw ComponentValidator.Invalid($"{what} name `{label}` conflicts with previous {kind} name `{seen[canonical]}`", offset);
            }
        }
    }
}
