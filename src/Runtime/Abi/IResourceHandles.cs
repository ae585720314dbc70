using WitBindgen.Runtime;
namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Converts between resource handles (the <c>i32</c> table indices a guest sees) and resource values. Handle
/// tables live in the engine, which implements this per call; implementations throw
/// <see cref="ComponentTrapException"/> for an invalid handle (CanonicalABI.md <c>lift_own</c>,
/// <c>lift_borrow</c>, <c>lower_own</c>, <c>lower_borrow</c>).
/// </summary>
public interface IResourceHandles
{
    /// <summary>Lifts an <c>own</c> handle, transferring ownership out of the guest's table.</summary>
    /// <param name="type">The handle type, carrying the resource type key.</param>
    /// <param name="handle">The guest's handle index.</param>
    /// <returns>The resource value the handle denoted.</returns>
    object LiftOwn(AbiOwnType type, uint handle);

    /// <summary>Lifts a <c>borrow</c> handle, leaving the guest's handle in place for the duration of the call.</summary>
    /// <param name="type">The handle type, carrying the resource type key.</param>
    /// <param name="handle">The guest's handle index.</param>
    /// <returns>The resource value the handle denoted.</returns>
    object LiftBorrow(AbiBorrowType type, uint handle);

    /// <summary>Lowers a resource value as an <c>own</c> handle, adding it to the guest's table.</summary>
    /// <param name="type">The handle type, carrying the resource type key.</param>
    /// <param name="resource">The resource value.</param>
    /// <returns>The new handle index.</returns>
    uint LowerOwn(AbiOwnType type, object resource);

    /// <summary>Lowers a resource value as a <c>borrow</c> handle lent to the guest.</summary>
    /// <param name="type">The handle type, carrying the resource type key.</param>
    /// <param name="resource">The resource value.</param>
    /// <returns>The handle index (or representation) the guest receives.</returns>
    uint LowerBorrow(AbiBorrowType type, object resource);
}
