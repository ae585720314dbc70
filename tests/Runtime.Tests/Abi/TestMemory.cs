using Xunit;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Abi;

/// <summary>One call the ABI made to the guest's realloc.</summary>
internal readonly record struct ReallocCall(uint OriginalPointer, uint OriginalSize, uint Alignment, uint NewSize, uint Result);

/// <summary>
/// A byte-array-backed guest memory surrounded by guard bytes the ABI must never touch, with a bump-allocator
/// realloc that records every call. With <see cref="MoveOnRealloc"/> every realloc grows the memory into a fresh
/// array, so any span cached across a realloc call writes into a dead array and the test sees the lost write.
/// </summary>
internal sealed class TestMemory : IGuestMemory
{
    public const int Guard = 64;
    public const byte GuardByte = 0xA5;

    private byte[] _backing;
    private uint _next;

    public TestMemory(int size = 64 * 1024, uint heapStart = 1024)
    {
        _backing = NewBacking(size);
        Size = size;
        _next = heapStart;
    }

    public int Size { get; private set; }

    /// <summary>Grow (and so move) the memory on every realloc call.</summary>
    public bool MoveOnRealloc { get; init; }

    /// <summary>Replaces the bump allocator's result, to simulate a misbehaving guest.</summary>
    public Func<ReallocCall, uint>? Override { get; set; }

    public List<ReallocCall> Calls { get; } = [];

    /// <summary>Arrays this memory lived in before moving; each must still have intact guards.</summary>
    private List<byte[]> OldBackings { get; } = [];

    public Span<byte> GetSpan() => _backing.AsSpan(Guard, Size);

    public AbiContext Context(StringEncoding encoding = StringEncoding.Utf8, IResourceHandles? resources = null) =>
        new() { Memory = this, Realloc = Realloc, StringEncoding = encoding, Resources = resources };

    public uint Realloc(uint originalPointer, uint originalSize, uint alignment, uint newSize)
    {
        Assert.True(alignment is 1 or 2 or 4 or 8, $"realloc called with alignment {alignment}");
        if (MoveOnRealloc)
        {
            Grow(Size + 4096);
        }

        var pointer = (uint)((_next + alignment - 1) & ~(alignment - 1));
        if (pointer + (ulong)newSize > (ulong)Size)
        {
            Grow((int)(pointer + newSize) + 4096);
        }

        _next = pointer + newSize;
        var copy = Math.Min(originalSize, newSize);
        if (copy > 0)
        {
            GetSpan().Slice((int)originalPointer, (int)copy).CopyTo(GetSpan().Slice((int)pointer, (int)copy));
        }

        // Poison the rest of the fresh block so stale reads would show.
        GetSpan().Slice((int)(pointer + copy), (int)(newSize - copy)).Fill(0xEE);
        var call = new ReallocCall(originalPointer, originalSize, alignment, newSize, pointer);
        if (Override is { } replacement)
        {
            call = call with { Result = replacement(call) };
        }

        Calls.Add(call);
        return call.Result;
    }

    public void Write(uint pointer, ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan()[(int)pointer..]);

    public byte[] Read(uint pointer, int length) => GetSpan().Slice((int)pointer, length).ToArray();

    public byte[] Snapshot() => GetSpan().ToArray();

    /// <summary>Whether every guard byte, in the current and all former arrays, is untouched.</summary>
    public bool GuardsIntact()
    {
        foreach (var backing in OldBackings.Append(_backing))
        {
            var span = backing.AsSpan();
            if (span[..Guard].ContainsAnyExcept(GuardByte) || span[^Guard..].ContainsAnyExcept(GuardByte))
            {
                return false;
            }
        }

        return true;
    }

    private void Grow(int newSize)
    {
        var backing = NewBacking(newSize);
        GetSpan().CopyTo(backing.AsSpan(Guard));
        OldBackings.Add(_backing);
        _backing = backing;
        Size = newSize;
    }

    private static byte[] NewBacking(int size)
    {
        var backing = new byte[size + (2 * Guard)];
        backing.AsSpan(0, Guard).Fill(GuardByte);
        backing.AsSpan(Guard + size).Fill(GuardByte);
        return backing;
    }
}
