using System.Collections.Immutable;

namespace WitBindgen.Runtime.Abi;

/// <summary>A core WebAssembly function type: the parameter and result core value types.</summary>
internal sealed class CoreFunctionSignature
{
    internal CoreFunctionSignature(ImmutableArray<CoreValueType> parameters, ImmutableArray<CoreValueType> results)
    {
        Parameters = parameters;
        Results = results;
    }

    /// <summary>The parameter types.</summary>
    public ImmutableArray<CoreValueType> Parameters { get; }

    /// <summary>The result types.</summary>
    public ImmutableArray<CoreValueType> Results { get; }

    /// <summary>True when <paramref name="other"/> has the same parameter and result types.</summary>
    internal bool SameAs(CoreFunctionSignature other) =>
        Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan()) && Results.AsSpan().SequenceEqual(other.Results.AsSpan());

    /// <summary>Renders the signature in text-format style, e.g. <c>(func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString()
    {
        var text = "(func";
        if (Parameters.Length > 0)
        {
            text += " (param " + string.Join(' ', Parameters.Select(Name)) + ")";
        }

        if (Results.Length > 0)
        {
            text += " (result " + string.Join(' ', Results.Select(Name)) + ")";
        }

        return text + ")";
    }

    private static string Name(CoreValueType type) => type switch
    {
        CoreValueType.I32 => "i32",
        CoreValueType.I64 => "i64",
        CoreValueType.F32 => "f32",
        _ => "f64",
    };
}
