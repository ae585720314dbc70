using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>Base of the handle types <see cref="AbiOwnType"/> and <see cref="AbiBorrowType"/>: an <c>i32</c> table index.</summary>
public abstract class AbiHandleType : AbiType
{
    private protected AbiHandleType(AbiTypeKind kind, object resource)
        : base(kind, CanonicalLayout.HandleSize, CanonicalLayout.HandleSize, 1, [CoreValueType.I32])
    {
        Resource = resource ?? throw new ArgumentNullException(nameof(resource));
    }

    /// <summary>
    /// The opaque key identifying the resource type. Resource types compare by identity; the key is handed to
    /// <see cref="IResourceHandles"/> unchanged.
    /// </summary>
    public object Resource { get; }

    /// <inheritdoc/>
    public override bool HasIndirection => false;
}
