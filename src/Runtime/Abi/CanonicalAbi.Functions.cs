namespace WitBindgen.Runtime.Abi;

/// <summary>
/// CanonicalABI.md "Lifting and Lowering Values" for whole parameter and result lists, in both directions:
/// the host calling a guest export (<c>canon lift</c>) and a guest calling a host import (<c>canon lower</c>).
/// </summary>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Host calling a guest export: lowers <paramref name="arguments"/> into the core arguments of
    /// <see cref="AbiFunctionType.LiftSignature"/> (<c>lower_flat_values</c> with <c>MAX_FLAT_PARAMS</c>). Spilled
    /// parameters are stored in a tuple allocated with <c>realloc</c>, passed as the only core argument.
    /// </summary>
    /// <returns>The number of core arguments written.</returns>
    public static int LowerExportArguments(AbiContext cx, AbiFunctionType function, ReadOnlySpan<WitValue> arguments, Span<RawValue> coreArguments)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(function);
        CheckCount(arguments.Length, function.Parameters.Length, "arguments");
        CheckCount(coreArguments.Length, function.LiftSignature.Parameters.Length, "core argument slots", atLeast: true);
        if (function.ParametersSpilled)
        {
            var tuple = function.ParameterTuple!;
            var ptr = cx.Allocate((uint)tuple.Alignment, (uint)tuple.Size);
            StoreFields(cx, tuple, arguments, ptr);
            coreArguments[0] = RawValue.FromU32(ptr);
            return 1;
        }

        var index = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            LowerFlatUnchecked(cx, function.Parameters[i], arguments[i], coreArguments, ref index);
        }

        return index;
    }

    /// <summary>
    /// Host calling a guest export: lifts the results from the core results of
    /// <see cref="AbiFunctionType.LiftSignature"/> (<c>lift_flat_values</c> with <c>MAX_FLAT_RESULTS</c>). Spilled
    /// results are loaded from the returned pointer, which must be aligned and inside memory.
    /// </summary>
    public static WitValue[] LiftExportResults(AbiContext cx, AbiFunctionType function, ReadOnlySpan<RawValue> coreResults)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(function);
        CheckCount(coreResults.Length, function.LiftSignature.Results.Length, "core results");
        return LiftFlatValues(cx, function.Results, function.ResultTuple, coreResults, "results");
    }

    /// <summary>
    /// Guest calling a host import: lifts the arguments from the core arguments of
    /// <see cref="AbiFunctionType.LowerSignature"/> (<c>lift_flat_values</c> with <c>MAX_FLAT_PARAMS</c>). Spilled
    /// parameters are loaded from the pointer passed as the first core argument.
    /// </summary>
    public static WitValue[] LiftImportArguments(AbiContext cx, AbiFunctionType function, ReadOnlySpan<RawValue> coreArguments)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(function);
        CheckCount(coreArguments.Length, function.LowerSignature.Parameters.Length, "core arguments");
        return LiftFlatValues(cx, function.Parameters, function.ParameterTuple, coreArguments, "parameters");
    }

    /// <summary>
    /// Guest calling a host import: lowers <paramref name="results"/> (<c>lower_flat_values</c> with
    /// <c>MAX_FLAT_RESULTS</c>). Spilled results are stored at the return pointer the guest passed as the last
    /// core argument, which must be aligned and inside memory; otherwise they go to <paramref name="coreResults"/>.
    /// </summary>
    /// <returns>The number of core results written.</returns>
    public static int LowerImportResults(
        AbiContext cx, AbiFunctionType function, ReadOnlySpan<WitValue> results, ReadOnlySpan<RawValue> coreArguments, Span<RawValue> coreResults)
    {
        ArgumentNullException.ThrowIfNull(cx);
        ArgumentNullException.ThrowIfNull(function);
        CheckCount(results.Length, function.Results.Length, "results");
        CheckCount(coreArguments.Length, function.LowerSignature.Parameters.Length, "core arguments");
        CheckCount(coreResults.Length, function.LowerSignature.Results.Length, "core result slots", atLeast: true);
        if (function.ResultsSpilled)
        {
            var tuple = function.ResultTuple!;
            var ptr = coreArguments[^1].U32;
            AbiChecks.CheckValue(cx.GetMemory().Length, ptr, tuple, "return area");
            StoreFields(cx, tuple, results, ptr);
            return 0;
        }

        var index = 0;
        for (var i = 0; i < results.Length; i++)
        {
            LowerFlatUnchecked(cx, function.Results[i], results[i], coreResults, ref index);
        }

        return index;
    }

    private static WitValue[] LiftFlatValues(
        AbiContext cx, System.Collections.Immutable.ImmutableArray<AbiType> types, AbiTupleType? spilled, ReadOnlySpan<RawValue> core, string what)
    {
        var values = new WitValue[types.Length];
        if (spilled is not null)
        {
            var ptr = core[0].U32;
            var memory = cx.GetMemory();
            AbiChecks.CheckValue(memory.Length, ptr, spilled, "spilled " + what);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = LoadUnchecked(cx, memory, types[i], ptr + (uint)spilled.Offsets[i]);
            }

            return values;
        }

        var index = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = LiftFlatUnchecked(cx, types[i], core, ref index);
        }

        return values;
    }

    /// <summary>Stores values as the fields of a tuple at an already checked <paramref name="ptr"/>.</summary>
    private static void StoreFields(AbiContext cx, AbiTupleType tuple, ReadOnlySpan<WitValue> values, uint ptr)
    {
        for (var i = 0; i < values.Length; i++)
        {
            StoreUnchecked(cx, tuple.FieldTypes[i], values[i], ptr + (uint)tuple.Offsets[i]);
        }
    }

    private static void CheckCount(int actual, int expected, string what, bool atLeast = false)
    {
        if (atLeast ? actual < expected : actual != expected)
        {
            throw new ArgumentException($"Expected {(atLeast ? "at least " : string.Empty)}{expected} {what}, got {actual}.", what);
        }
    }
}
