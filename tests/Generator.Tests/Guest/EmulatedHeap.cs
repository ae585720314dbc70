namespace WitBindgen.Generator.Tests.Guest;

/// <summary>
/// A guest heap inside an emulated linear memory (a pinned byte array): a bump allocator that never reuses addresses,
/// keeps every live block with its size, and records misuse (freeing an unknown block), so a test can count leaks.
/// </summary>
public sealed class EmulatedHeap
{
    private readonly Dictionary<uint, uint> _live = new();
    private uint _next = 64;

    /// <summary>A heap over <paramref name="size"/> bytes of pinned memory.</summary>
    public EmulatedHeap(int size) => Memory = GC.AllocateArray<byte>(size, pinned: true);

    /// <summary>The emulated linear memory.</summary>
    public byte[] Memory { get; }

    /// <summary>The native address of guest address 0.</summary>
    public nint Base => System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(Memory, 0);

    /// <summary>The blocks allocated and not freed.</summary>
    public int Live => _live.Count;

    /// <summary>Every block allocated so far.</summary>
    public int Allocations { get; private set; }

    /// <summary>What went wrong (a free of an unknown block, a misaligned request).</summary>
    public List<string> Errors { get; } = new();

    /// <summary>Allocates or resizes a block, preserving its contents.</summary>
    public uint Realloc(uint pointer, uint oldSize, uint alignment, uint newSize)
    {
        if (alignment is not (1 or 2 or 4 or 8))
        {
            Errors.Add($"alignment {alignment}");
        }

        var address = (uint)((_next + alignment - 1) / alignment * alignment);
        if (address + newSize > Memory.Length)
        {
            throw new InvalidOperationException("the emulated memory is full");
        }

        _next = address + newSize;
        _live[address] = newSize;
        Allocations++;
        if (pointer != 0)
        {
            Array.Copy(Memory, pointer, Memory, address, Math.Min(oldSize, newSize));
            Free(pointer);
        }

        return address;
    }

    /// <summary>Frees a block.</summary>
    public void Free(uint pointer)
    {
        if (!_live.Remove(pointer))
        {
            Errors.Add($"free of unknown block {pointer}");
        }
    }
}
