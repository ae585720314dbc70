using System.Runtime.InteropServices;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// A linear memory read through <c>wasmtime_memory_data</c> and <c>wasmtime_memory_data_size</c>
/// directly. The caller must make sure the store is alive.
/// </summary>
internal sealed unsafe class NativeMemoryView
{
    private readonly IntPtr _context;
    private readonly StoreEpoch _epoch;
    private NativeMemory _memory;
    private byte* _data;
    private int _length; // 0 with a null base until first read
    private ulong _seen = ulong.MaxValue;

    private NativeMemoryView(IntPtr context, StoreEpoch epoch, NativeMemory memory)
    {
        _context = context;
        _epoch = epoch;
        _memory = memory;
    }

    /// <summary>Prepares a view, or returns null when the Wasmtime package hides what it needs.</summary>
    public static NativeMemoryView? TryCreate(Memory memory)
    {
        if (WasmtimeInternals.MemoryHandle?.GetValue(memory) is not { } boxed
            || WasmtimeInternals.MemoryStore?.GetValue(memory) is not Store store
            || WasmtimeInternals.StoreContext is null)
        {
            return null;
        }

        if (WasmtimeInternals.ExternMemoryStoreId?.GetValue(boxed) is not ulong storeId
            || WasmtimeInternals.ExternMemoryPrivate1?.GetValue(boxed) is not uint private1
            || WasmtimeInternals.ExternMemoryPrivate2?.GetValue(boxed) is not uint private2)
        {
            return null;
        }

        var context = (IntPtr)WasmtimeInternals.StoreContext.GetValue(store)!;
        return new NativeMemoryView(context, StoreEpoch.For(store), new NativeMemory { StoreId = storeId, Private1 = private1, Private2 = private2 });
    }

    /// <summary>
    /// The memory's current contents. Nothing is read from Wasmtime while no guest code has run since the last
    /// call (<see cref="StoreEpoch"/>); otherwise the size is read, and the base address too when the size has
    /// changed on an engine whose memories may move (a linear memory cannot shrink, and Wasmtime moves one only when
    /// it grows it; with <see cref="FixedMemories"/> it never does).
    /// </summary>
    public Span<byte> GetSpan()
    {
        var now = _epoch.Value;
        if (now != _seen)
        {
            Refresh(now);
        }

        return new Span<byte>(_data, _length);
    }

    /// <summary>
    /// The memory's contents, at least up to <paramref name="end"/> when the memory reaches that far. With
    /// <see cref="FixedMemories"/> the base address never changes and a memory never shrinks, so the length read
    /// last time is a lower bound of the current one: when it already covers <paramref name="end"/> nothing is read
    /// from Wasmtime even if guest code has run since; otherwise the size is read again (whatever the epoch says: the
    /// host may have grown the memory too). The span never reaches past the memory (its length is the size last read,
    /// and a memory never shrinks), so bounds checks against it stay exact: a stale length could only fail a check a
    /// fresh one would pass, and an access past it reads the size first. Without <see cref="FixedMemories"/>, as
    /// <see cref="GetSpan()"/>.
    /// </summary>
    public Span<byte> GetSpan(ulong end)
    {
        if (!FixedMemories.Enabled)
        {
            return GetSpan();
        }

        if (end > (ulong)_length)
        {
            Refresh(_epoch.Value);
        }

        return new Span<byte>(_data, _length);
    }

    private void Refresh(ulong now)
    {
        fixed (NativeMemory* m = &_memory)
        {
            var length = GuestMemoryReach.Clamp((ulong)NativeMethods.MemoryDataSize(_context, m));
            if (length != _length)
            {
                if (_data == null || !FixedMemories.Enabled)
                {
                    _data = NativeMethods.MemoryData(_context, m);
                }

                _length = length;
            }
        }

        _seen = now;
    }
}

/// <summary>
/// The C API's <c>wasmtime_memory_t</c>: <c>struct { struct { uint64_t store_id; uint32_t __private1; };
/// uint32_t __private2; }</c>. The inner struct is padded to 16 bytes, so <c>__private2</c> sits at
/// offset 16 and the whole is 24 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct NativeMemory
{
    [FieldOffset(0)]
    public ulong StoreId;

    [FieldOffset(8)]
    public uint Private1;

    [FieldOffset(16)]
    public uint Private2;
}
