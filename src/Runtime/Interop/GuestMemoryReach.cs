namespace WitBindgen.Runtime.Interop;

/// <summary>
/// How much of a linear memory the runtime reaches. The canonical ABI code works on spans, which are at most
/// <see cref="int.MaxValue"/> bytes long, so a memory grown past 2 GiB is seen as its first 2 GiB - 1 bytes: an
/// address beyond traps as out of bounds instead of failing inside .NET.
/// </summary>
internal static class GuestMemoryReach
{
    /// <summary>The most bytes of a linear memory the runtime reads or writes.</summary>
    public const int MaxBytes = int.MaxValue;

    /// <summary>The part of a memory of <paramref name="size"/> bytes that the runtime reaches.</summary>
    public static int Clamp(ulong size) => size > MaxBytes ? MaxBytes : (int)size;
}
