using System.Runtime.InteropServices;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The engine setting that keeps every linear memory at one address for its whole life (Wasmtime's
/// <c>memory_may_move = false</c>, which the .NET package does not wrap). Each memory gets
/// <see cref="ReservationBytes"/> of address space up front (inaccessible until the guest grows into it) and grows
/// in place inside it; growth beyond the reservation fails as <c>memory.grow</c> returning -1. With 4 GiB, a 32-bit
/// memory can grow to its full size, as on an engine whose memories may move. A <see cref="NativeMemoryView"/> relies
/// on this: its base address never changes, and a length it read earlier is a lower bound of the current one. A
/// 32-bit process cannot reserve that much per memory: there the engine keeps Wasmtime's defaults and the views
/// re-read base and length after guest code has run (<see cref="Enabled"/> is false).
/// </summary>
internal static class FixedMemories
{
    /// <summary>The address space reserved per linear memory: all of a 32-bit memory's 4 GiB.</summary>
    public const ulong ReservationBytes = 1UL << 32;

    /// <summary>Whether the runtime's engines keep memories in place (every 64-bit process).</summary>
    public static readonly bool Enabled = Environment.Is64BitProcess;

    /// <summary>Sets the engine configuration; call before the engine is created from <paramref name="config"/>.</summary>
    public static void Configure(Config config)
    {
        if (!Enabled)
        {
            return;
        }

        var handle = (SafeHandle)WasmtimeInternals.Require(WasmtimeInternals.ConfigHandle, "Config.handle").GetValue(config)!;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var native = handle.DangerousGetHandle();
            NativeMethods.ConfigMemoryReservationSet(native, ReservationBytes);
            NativeMethods.ConfigMemoryMayMoveSet(native, false);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
