namespace WitBindgen.Runtime.Abi;

/// <summary>Layout arithmetic shared by the type descriptors (CanonicalABI.md "Alignment", "Element Size", "Flattening").</summary>
internal static class AbiLayout
{
    /// <summary>
    /// Flattenings longer than this are not materialised: a value that flattens to more than
    /// <see cref="CanonicalAbi.MaxFlatParams"/> core values is always passed through memory, and flattening is
    /// monotonic (a composite never flattens to fewer values than one of its parts).
    /// </summary>
    public const int MaxMaterializedFlatTypes = CanonicalAbi.MaxFlatParams;

    /// <summary>Component validation bounds every type's <c>elem_size</c> below 2^28.</summary>
    public const long MaxElementSize = (1L << 28) - 1;

    /// <summary><c>align_to</c> for a power-of-two alignment.</summary>
    public static long AlignTo(long value, int alignment) => (value + alignment - 1) & ~(long)(alignment - 1);

    /// <summary>The variant <c>join</c> of two core types.</summary>
    public static CoreValueType Join(CoreValueType a, CoreValueType b)
    {
        if (a == b)
        {
            return a;
        }

        if ((a == CoreValueType.I32 && b == CoreValueType.F32) || (a == CoreValueType.F32 && b == CoreValueType.I32))
        {
            return CoreValueType.I32;
        }

        return CoreValueType.I64;
    }

    /// <summary>Checks the validation bound on a computed element size.</summary>
    public static int CheckedSize(long size, string typeDescription)
    {
        if (size > MaxElementSize)
        {
            throw new ArgumentException(
                $"Type {typeDescription} has an element size of {size} bytes; component validation requires less than 2^28.");
        }

        return (int)size;
    }

    /// <summary>The byte size of a variant discriminant for <paramref name="caseCount"/> cases (<c>discriminant_type</c>).</summary>
    public static int DiscriminantSize(long caseCount) => caseCount switch
    {
        <= 1 << 8 => 1,
        <= 1 << 16 => 2,
        _ => 4,
    };
}
