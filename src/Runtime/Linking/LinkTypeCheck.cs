using System.Collections.Immutable;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Linking;

/// <summary>
/// The specification's subtyping between an import's declared function type and the type of the export that
/// satisfies it. For value types subtyping is equality: the same structure, the same field, case and parameter
/// order, the same record field, variant case, enum case and flag names, and the same resource types (by identity: the runtime type
/// the defining instance created, not its name). Each check returns null or the path to the first difference
/// (<c>parameter 1: record field 'y': expected u32, found s32</c>).
/// </summary>
internal static class LinkTypeCheck
{
    /// <summary>The first difference between the type an import declares and the type of the export, or null.</summary>
    public static string? FirstDifference(AbiFunctionType imported, AbiFunctionType exported)
    {
        if (imported.Parameters.Length != exported.Parameters.Length)
        {
            return $"expected {imported.Parameters.Length} parameter(s), found {exported.Parameters.Length}";
        }

        for (var i = 0; i < imported.Parameters.Length; i++)
        {
            if (Value(imported.Parameters[i], exported.Parameters[i]) is { } difference)
            {
                return $"parameter {i + 1}: {difference}";
            }
        }

        if (imported.Results.Length != exported.Results.Length)
        {
            return imported.Results.Length == 0 ? "expected no result, found one" : "expected a result, found none";
        }

        return imported.Results.Length == 1 && Value(imported.Results[0], exported.Results[0]) is { } result ? $"result: {result}" : null;
    }

    /// <summary>The first difference between two value types, or null when they are equal.</summary>
    public static string? Value(AbiType expected, AbiType actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return null;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (expected.Kind != actual.Kind)
        {
            return Mismatch(expected, actual);
        }

        switch (expected, actual)
        {
            case (AbiListType e, AbiListType a):
                return Inner("list element", e.Element, a.Element);
            case (AbiFixedListType e, AbiFixedListType a):
                return e.Length != a.Length ? Mismatch(e, a) : Inner("list element", e.Element, a.Element);
            case (AbiRecordType e, AbiRecordType a):
                if (e.Fields.Length != a.Fields.Length)
                {
                    return $"expected a record of {e.Fields.Length} field(s), found one of {a.Fields.Length}";
                }

                for (var i = 0; i < e.Fields.Length; i++)
                {
                    if (e.Fields[i].Name != a.Fields[i].Name)
                    {
                        return $"record field {i + 1}: expected '{e.Fields[i].Name}', found '{a.Fields[i].Name}'";
                    }

                    if (Inner($"record field '{e.Fields[i].Name}'", e.Fields[i].Type, a.Fields[i].Type) is { } field)
                    {
                        return field;
                    }
                }

                return null;
            case (AbiTupleType e, AbiTupleType a):
                return Elements("tuple element", e.FieldTypes, a.FieldTypes, e, a);
            case (AbiVariantType e, AbiVariantType a):
                if (e.Cases.Length != a.Cases.Length)
                {
                    return $"expected a variant of {e.Cases.Length} case(s), found one of {a.Cases.Length}";
                }

                for (var i = 0; i < e.Cases.Length; i++)
                {
                    if (e.Cases[i].Name != a.Cases[i].Name)
                    {
                        return $"variant case {i + 1}: expected '{e.Cases[i].Name}', found '{a.Cases[i].Name}'";
                    }

                    if (Optional($"variant case '{e.Cases[i].Name}'", e.Cases[i].Payload, a.Cases[i].Payload) is { } payload)
                    {
                        return payload;
                    }
                }

                return null;
            case (AbiEnumType e, AbiEnumType a):
                return e.CaseCount != a.CaseCount ? Mismatch(e, a) : Labels("enum case", e.Labels, a.Labels);
            case (AbiFlagsType e, AbiFlagsType a):
                return e.Count != a.Count ? Mismatch(e, a) : Labels("flag", e.Labels, a.Labels);
            case (AbiOptionType e, AbiOptionType a):
                return Inner("option payload", e.Payload, a.Payload);
            case (AbiResultType e, AbiResultType a):
                return Optional("result ok type", e.Ok, a.Ok) ?? Optional("result error type", e.Error, a.Error);
            case (AbiAsyncValueType e, AbiAsyncValueType a):
                return Optional($"{(e.IsStream ? "stream" : "future")} element", e.Element, a.Element);
            case (AbiHandleType e, AbiHandleType a):
                return ReferenceEquals(e.Resource, a.Resource)
                    ? null
                    : $"expected {e}, found {a}: the resource types are not the same (a resource type is the one the instance that defines it created)";
            default:
                return null; // primitives and strings: the kinds are equal
        }
    }

    /// <summary>The first differing name of two equally long label lists; none when either side's names are unknown.</summary>
    private static string? Labels(string what, ImmutableArray<string> expected, ImmutableArray<string> actual)
    {
        if (expected.IsDefault || actual.IsDefault)
        {
            return null;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                return $"{what} {i + 1}: expected '{expected[i]}', found '{actual[i]}'";
            }
        }

        return null;
    }

    private static string Mismatch(AbiType expected, AbiType actual) => $"expected {expected}, found {actual}";

    private static string? Inner(string what, AbiType expected, AbiType actual) =>
        Value(expected, actual) is { } difference ? $"{what}: {difference}" : null;

    private static string? Optional(string what, AbiType? expected, AbiType? actual) => (expected, actual) switch
    {
        (null, null) => null,
        ({ } e, { } a) => Inner(what, e, a),
        (null, { } a) => $"{what}: expected none, found {a}",
        ({ } e, null) => $"{what}: expected {e}, found none",
    };

    private static string? Elements(string what, ImmutableArray<AbiType> expected, ImmutableArray<AbiType> actual, AbiType e, AbiType a)
    {
        if (expected.Length != actual.Length)
        {
            return Mismatch(e, a);
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (Inner($"{what} {i + 1}", expected[i], actual[i]) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }
}
