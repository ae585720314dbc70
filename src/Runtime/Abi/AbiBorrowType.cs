namespace WitBindgen.Runtime.Abi;

/// <summary><c>borrow&lt;R&gt;</c>: a handle lent to a resource for the duration of a call.</summary>
public sealed class AbiBorrowType : AbiHandleType
{
    internal AbiBorrowType(object resource)
        : base(AbiTypeKind.Borrow, resource)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"borrow<{Resource}>";
}
