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
    /// <remarks>
    /// The core signatures and the spilled tuples are worked out on first use: bindings create function types to check
    /// an instance's exports against (each instantiation), and most of those are never lifted or lowered through.
    /// </remarks>
    public AbiFunctionType(IEnumerable<AbiType> parameters, IEnumerable<AbiType> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        Parameters = parameters is AbiType[] p ? ImmutableArray.Create(p) : [.. parameters];
        Results = results is AbiType[] r ? ImmutableArray.Create(r) : [.. results];
        FlatParameterCount = SumFlat(Parameters);
        FlatResultCount = SumFlat(Results);
        ParametersSpilled = CanonicalLayout.ParametersSpilled(FlatParameterCount);
        ResultsSpilled = CanonicalLayout.ResultsSpilled(FlatResultCount);
    }

    private AbiTupleType? _parameterTuple;
    private AbiTupleType? _resultTuple;
    private CoreSignatures? _signatures;

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
    public AbiTupleType? ParameterTuple => ParametersSpilled ? _parameterTuple ??= new AbiTupleType(Parameters) : null;

    /// <summary>The tuple of all results as laid out in memory when <see cref="ResultsSpilled"/>; otherwise null.</summary>
    public AbiTupleType? ResultTuple => ResultsSpilled ? _resultTuple ??= new AbiTupleType(Results) : null;

    /// <summary>
    /// The core type of the guest function a <c>canon lift</c> wraps (a guest export): spilled results come back
    /// as a returned pointer.
    /// </summary>
    internal CoreFunctionSignature LiftSignature => Signatures.Lift;

    /// <summary>
    /// The core type of the function a <c>canon lower</c> produces (a guest import): spilled results are written
    /// to a return pointer passed as an extra last parameter.
    /// </summary>
    internal CoreFunctionSignature LowerSignature => Signatures.Lower;

    /// <summary>Both core signatures, flattened once (one object, so a thread sees both or neither; a race computes equal values).</summary>
    private CoreSignatures Signatures => _signatures ??= Flatten();

    private CoreSignatures Flatten()
    {
        var flatParameters = ParametersSpilled ? [CoreValueType.I32] : Flatten(Parameters);
        var flatResults = ResultsSpilled ? [] : Flatten(Results);
        return new CoreSignatures(
            new CoreFunctionSignature(flatParameters, ResultsSpilled ? [CoreValueType.I32] : flatResults),
            new CoreFunctionSignature(ResultsSpilled ? flatParameters.Add(CoreValueType.I32) : flatParameters, flatResults));
    }

    private sealed record CoreSignatures(CoreFunctionSignature Lift, CoreFunctionSignature Lower);

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
