using WitBindgen.Runtime;
namespace WitBindgen.Runtime.Abi;

/// <summary>The canonical ABI's pointer checks, in overflow-safe 64-bit arithmetic.</summary>
internal static class AbiChecks
{
    /// <summary>Traps unless <c>[pointer, pointer + byteLength)</c> lies inside a memory of <paramref name="memoryLength"/> bytes.</summary>
    public static void CheckRange(int memoryLength, uint pointer, ulong byteLength, string what)
    {
        if ((ulong)pointer + byteLength > (ulong)memoryLength)
        {
            throw ComponentTrapException.OutOfBounds(what, pointer, byteLength, memoryLength);
        }
    }

    /// <summary>Traps unless <paramref name="pointer"/> is a multiple of the power of two <paramref name="alignment"/>.</summary>
    public static void CheckAlignment(uint pointer, int alignment, string what)
    {
        if ((pointer & (uint)(alignment - 1)) != 0)
        {
            throw ComponentTrapException.Misaligned(what, pointer, alignment);
        }
    }

    /// <summary>Checks alignment, then range, as every <c>load</c>/<c>store</c> entry point and spilled tuple does.</summary>
    public static void CheckValue(int memoryLength, uint pointer, AbiType type, string what)
    {
        CheckAlignment(pointer, type.Alignment, what);
        CheckRange(memoryLength, pointer, (ulong)type.Size, what);
    }

    /// <summary>The checks the spec performs on every pointer <c>realloc</c> returns.</summary>
    public static void CheckAllocation(int memoryLength, uint pointer, uint alignment, ulong size)
    {
        if (alignment != 0 && (pointer & (alignment - 1)) != 0)
        {
            throw ComponentTrapException.ReallocMisaligned(pointer, alignment);
        }

        if ((ulong)pointer + size > (ulong)memoryLength)
        {
            throw ComponentTrapException.ReallocOutOfBounds(pointer, size, memoryLength);
        }
    }
}
