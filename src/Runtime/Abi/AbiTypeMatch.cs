namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Compares the component-level function type a binding was written for with the one a component has, beyond the
/// core signature: <c>u32</c> and <c>s32</c>, <c>string</c> and <c>list&lt;u8&gt;</c>, a record of two <c>u32</c>s and a
/// tuple of them all lower to the same core values but are different types. Names are not compared (bindings may
/// describe cases and fields by position); kinds, counts, lengths and element types are.
/// </summary>
internal static class AbiTypeMatch
{
    /// <summary>Describes the first difference between two function types, or returns null when they match.</summary>
    /// <param name="expected">The type the binding was written for.</param>
    /// <param name="actual">The component's type.</param>
    public static string? FirstDifference(AbiFunctionType expected, AbiFunctionType actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Parameters.Length != actual.Parameters.Length)
        {
            return $"{expected.Parameters.Length} parameters expected, {actual.Parameters.Length} found";
        }

        for (var i = 0; i < expected.Parameters.Length; i++)
        {
            if (FirstDifference(expected.Parameters[i], actual.Parameters[i]) is { } difference)
            {
                return $"parameter {i + 1}: {difference}";
            }
        }

        if (expected.Results.Length != actual.Results.Length)
        {
            return expected.Results.Length == 0 ? "no result expected, one found" : "a result expected, none found";
        }

        return expected.Results.Length == 1 && FirstDifference(expected.Results[0], actual.Results[0]) is { } result ? $"result: {result}" : null;
    }

    /// <summary>Describes the first difference between two value types, or returns null when they match.</summary>
    /// <param name="expected">The type a binding was written for.</param>
    /// <param name="actual">The component's type.</param>
    public static string? FirstDifference(AbiType expected, AbiType actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (expected.Kind != actual.Kind)
        {
            return $"expected {expected}, found {actual}";
        }

        switch (expected, actual)
        {
            case (AbiListType e, AbiListType a):
                return Inner("list element", e.Element, a.Element);
            case (AbiFixedListType e, AbiFixedListType a):
                return e.Length != a.Length ? $"expected {e}, found {a}" : Inner("list element", e.Element, a.Element);
            case (AbiRecordType e, AbiRecordType a):
                return Many("record field", e.FieldTypes, a.FieldTypes, e, a);
            case (AbiTupleType e, AbiTupleType a):
                return Many("tuple element", e.FieldTypes, a.FieldTypes, e, a);
            case (AbiVariantType e, AbiVariantType a):
                if (e.Cases.Length != a.Cases.Length)
                {
                    return $"expected {e}, found {a}";
                }

                for (var i = 0; i < e.Cases.Length; i++)
                {
                    if (Optional($"variant case {i + 1}", e.Cases[i].Payload, a.Cases[i].Payload) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case (AbiEnumType e, AbiEnumType a):
                return e.CaseCount != a.CaseCount ? $"expected {e}, found {a}" : null;
            case (AbiFlagsType e, AbiFlagsType a):
                return e.Count != a.Count ? $"expected {e}, found {a}" : null;
            case (AbiOptionType e, AbiOptionType a):
                return Inner("option payload", e.Payload, a.Payload);
            case (AbiResultType e, AbiResultType a):
                return Optional("result ok type", e.Ok, a.Ok) ?? Optional("result error type", e.Error, a.Error);
            case (AbiAsyncValueType e, AbiAsyncValueType a):
                return Optional(e.IsStream ? "stream element" : "future value", e.Element, a.Element);
            default:
                return null;
        }
    }

    private static string? Inner(string what, AbiType expected, AbiType actual) =>
        FirstDifference(expected, actual) is { } difference ? $"{what}: {difference}" : null;

    private static string? Optional(string what, AbiType? expected, AbiType? actual) => (expected, actual) switch
    {
        (null, null) => null,
        ({ } e, { } a) => Inner(what, e, a),
        (null, { } a) => $"{what}: none expected, found {a}",
        ({ } e, null) => $"{what}: expected {e}, found none",
    };

    private static string? Many(string what, System.Collections.Immutable.ImmutableArray<AbiType> expected, System.Collections.Immutable.ImmutableArray<AbiType> actual, AbiType e, AbiType a)
    {
        if (expected.Length != actual.Length)
        {
            return $"expected {e}, found {a}";
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
