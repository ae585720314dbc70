using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// What the type descriptors add to the shared layout rules (<see cref="CanonicalLayout"/>, compiled into the
/// generator too): the materialisation limit of flattenings, the size check, and the <see cref="CoreValueType"/> view
/// of <see cref="FlatType"/>.
/// </summary>
internal static class AbiLayout
{
    /// <summary>
    /// Flattenings longer than this are not materialised: a value that flattens to more than
    /// <see cref="CanonicalAbi.MaxFlatParams"/> core values is always passed through memory, and flattening is
    /// monotonic (a composite never flattens to fewer values than one of its parts).
    /// </summary>
    public const int MaxMaterializedFlatTypes = CanonicalLayout.MaxFlatParams;

    /// <summary>Checks the validation bound (<see cref="CanonicalLayout.MaxElementSize"/>) on a computed element size.</summary>
    public static int CheckedSize(long size, string typeDescription)
    {
        if (size > CanonicalLayout.MaxElementSize)
        {
            throw new ArgumentException(
                $"Type {typeDescription} has an element size of {size} bytes; component validation requires less than 2^28.");
        }

        return (int)size;
    }

    /// <summary>The shared rules' view of a flattening (the two enums share their numbering).</summary>
    public static ReadOnlySpan<FlatType> AsFlat(ReadOnlySpan<CoreValueType> types) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<CoreValueType, FlatType>(types);

    /// <summary>The shared rules' view of a flattening being built.</summary>
    public static Span<FlatType> AsFlatSlots(Span<CoreValueType> types) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<CoreValueType, FlatType>(types);
}
