namespace WitBindgen.Runtime.Abi;

/// <summary>
/// A scalar type: <c>bool</c>, the integer types, <c>f32</c>, <c>f64</c> or <c>char</c>; or <c>error-context</c>, one
/// <c>i32</c> (an index in the instance's table).
/// </summary>
public sealed class AbiPrimitiveType : AbiType
{
    private readonly string _name;

    internal AbiPrimitiveType(AbiTypeKind kind, int size, CoreValueType flat, string name)
        : base(kind, size, size, 1, [flat])
    {
        _name = name;
        CoreType = flat;
    }

    /// <summary>The single core value type this scalar flattens to.</summary>
    public CoreValueType CoreType { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => false;

    /// <inheritdoc/>
    public override string ToString() => _name;
}
