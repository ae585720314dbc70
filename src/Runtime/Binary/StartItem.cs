namespace WitBindgen.Runtime.Binary;

/// <summary>A start definition: <c>(start f (value arg)* (result (value))*)</c>.</summary>
/// <param name="FunctionIndex">Index in the function index space.</param>
/// <param name="Arguments">Indices in the value index space.</param>
/// <param name="ResultCount">How many values the start function adds to the value index space.</param>
internal sealed record StartItem(uint FunctionIndex, IReadOnlyList<uint> Arguments, uint ResultCount) : ComponentItem
{
    /// <summary>Indices in the value index space.</summary>
    public IReadOnlyList<uint> Arguments { get; init; } = ValueList.Of(Arguments);

    /// <inheritdoc/>
    public override string Describe() => $"start of func {FunctionIndex}";
}
