using System.Collections.Immutable;
using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// A component function type for the synchronous canonical ABI, with its flattening cached
/// (CanonicalABI.md <c>flatten_functype</c>): parameters flattening to more than
/// <see cref="CanonicalAbi.MaxFlatParams"/> core values are passed as one pointer to a tuple, and results
/// flattening to more than <see cref="CanonicalAbi.MaxFlatResults"/> through a return area.
/// </summary>
public sealed class AbiFunctionType
{
    /// <summary>Creates a function type. The spec allows at most one result; more are accepted and treated as a tuple.</summary>
    public AbiFunctionType(IEnumerable<AbiType> parameters, IEnumerable<AbiType> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        Parameters = [.. parameters];
        Results = [.. results];
        FlatParameterCount = SumFlat(Parameters);
        FlatResultCount = SumFlat(Results);
        ParametersSpilled = CanonicalLayout.ParametersSpilled(FlatParameterCount);
        ResultsSpilled = CanonicalLayout.ResultsSpilled(FlatResultCount);
        if (ParametersSpilled)
        {
            ParameterTuple = new AbiTupleType(Parameters);
        }

        if (ResultsSpilled)
        {
            ResultTuple = new AbiTupleType(Results);
        }

        var flatParameters = ParametersSpilled ? [CoreValueType.I32] : Flatten(Parameters);
        var flatResults = ResultsSpilled ? [] : Flatten(Results);
        LiftSignature = new CoreFunctionSignature(flatParameters, ResultsSpilled ? [CoreValueType.I32] : flatResults);
        LowerSignature = new CoreFunctionSignature(
            ResultsSpilled ? flatParameters.Add(CoreValueType.I32) : flatParameters,
            flatResults);
    }

    /// <summary>Whether the component function type is <c>async</c> (only such calls may block); not part of the core signatures.</summary>
    internal bool IsAsync { get; init; }

    /// <summary>The parameter types.</summary>
    public ImmutableArray<AbiType> Parameters { get; }

    /// <summary>The result types (zero or one in the component model).</summary>
    public ImmutableArray<AbiType> Results { get; }

    /// <summary>The total flattened length of the parameters.</summary>
    public long FlatParameterCount { get; }

    /// <summary>The total flattened length of the results.</summary>
    public long FlatResultCount { get; }

    /// <summary>Whether parameters are passed through memory, as one pointer to <see cref="ParameterTuple"/>.</summary>
    public bool ParametersSpilled { get; }

    /// <summary>Whether results are passed through memory, as <see cref="ResultTuple"/> at a return pointer.</summary>
    public bool ResultsSpilled { get; }

    /// <summary>The tuple of all parameters as laid out in memory when <see cref="ParametersSpilled"/>; otherwise null.</summary>
    public AbiTupleType? ParameterTuple { get; }

    /// <summary>The tuple of all results as laid out in memory when <see cref="ResultsSpilled"/>; otherwise null.</summary>
    public AbiTupleType? ResultTuple { get; }

    /// <summary>
    /// The core type of the guest function a <c>canon lift</c> wraps (a guest export): spilled results come back
    /// as a returned pointer.
    /// </summary>
    internal CoreFunctionSignature LiftSignature { get; }

    /// <summary>
    /// The core type of the function a <c>canon lower</c> produces (a guest import): spilled results are written
    /// to a return pointer passed as an extra last parameter.
    /// </summary>
    internal CoreFunctionSignature LowerSignature { get; }

    private static long SumFlat(ImmutableArray<AbiType> types)
    {
        long total = 0;
        foreach (var type in types)
        {
            ArgumentNullException.ThrowIfNull(type);
            total += type.FlatCount;
        }

        return total;
    }

    private static ImmutableArray<CoreValueType> Flatten(ImmutableArray<AbiType> types)
    {
        var builder = ImmutableArray.CreateBuilder<CoreValueType>();
        foreach (var type in types)
        {
            foreach (var core in type.FlatTypes)
            {
                builder.Add(core);
            }
        }

        return builder.ToImmutable();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"func({string.Join(", ", Parameters)}){(Results.Length == 0 ? string.Empty : " -> " + string.Join(", ", Results))}";
}
