using System.Runtime.CompilerServices;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// A per-store count of the times control came back to the host from guest code (a core call returned, a
/// host function was called, a core instance was created). Guest code is the only thing that can grow or move
/// a linear memory, so a memory view that saw the same count last time may reuse the base and size it read then.
/// </summary>
internal sealed class StoreEpoch
{
    private static readonly ConditionalWeakTable<Store, StoreEpoch> Epochs = new();

    /// <summary>The current count; starts at zero and only grows.</summary>
    public ulong Value { get; private set; }

    /// <summary>The epoch of <paramref name="store"/> (one object per store, kept as long as the store lives).</summary>
    public static StoreEpoch For(Store store) => Epochs.GetValue(store, static _ => new StoreEpoch());

    /// <summary>The store's wasm adapters (null until the first link between two of its instances is compiled to wasm).</summary>
    public Linking.Adapters.AdapterCells? Adapters { get; set; }

    /// <summary>Records that guest code may have run since the last reading.</summary>
    public void Advance() => Value++;
}
