namespace WitBindgen.Runtime.Binary;

/// <summary><c>(func async? (param "l" t)* (result t)?)</c>.</summary>
/// <param name="IsAsync">Whether the function type is <c>async</c> (opcode 0x43).</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="Result">The result type, or null when the function returns nothing.</param>
internal sealed record FunctionType(bool IsAsync, IReadOnlyList<LabeledValueType> Parameters, ValueTypeReference? Result) : DefinedType
{
    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<LabeledValueType> Parameters { get; init; } = ValueList.Of(Parameters);

    /// <inheritdoc/>
    public override string Describe() =>
        $"(func{(IsAsync ? " async" : "")}{string.Concat(Parameters.Select(p => $" (param \"{p.Name}\" {p.Type})"))}{(Result is { } r ? $" (result {r})" : "")})";
}
