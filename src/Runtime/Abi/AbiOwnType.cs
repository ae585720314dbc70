namespace WitBindgen.Runtime.Abi;

/// <summary><c>own&lt;R&gt;</c>: an owning handle to a resource.</summary>
public sealed class AbiOwnType : AbiHandleType
{
    internal AbiOwnType(object resource)
        : base(AbiTypeKind.Own, resource)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"own<{Resource}>";
}
