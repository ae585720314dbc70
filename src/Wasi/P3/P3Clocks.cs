using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi.Clocks;
using static WitBindgen.Wasi.P3.P3Types;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// <c>wasi:clocks@0.3.0</c>: the monotonic clock (with async waits, .NET timers that the call's cancellation stops)
/// and the system clock, read from the same sources as the 0.2 host's clocks.
/// </summary>
internal static class P3Clocks
{
    public static void Define(HostImports imports, WasiContext context)
    {
        var monotonic = context.Settings.Monotonic;
        imports.DefineInstance("wasi:clocks/types@0.3.0");
        imports.DefineInstance("wasi:clocks/monotonic-clock@0.3.0")
            .DefineFunction("now", Func([], AbiType.U64), P3Call.Sync(context, "now", _ => WitValue.U64(monotonic.Now())))
            .DefineFunction("get-resolution", Func([], AbiType.U64), P3Call.Sync(context, "get-resolution", _ => WitValue.U64(monotonic.Resolution)))
            .DefineAsyncFunction("wait-until", Func([AbiType.U64]), P3Call.Later(context, "wait-until", async (arguments, cancellationToken) =>
            {
                await monotonic.WaitUntilAsync(arguments[0].AsU64(), cancellationToken).ConfigureAwait(false);
                return [];
            }))
            .DefineAsyncFunction("wait-for", Func([AbiType.U64]), P3Call.Later(context, "wait-for", async (arguments, cancellationToken) =>
            {
                var now = monotonic.Now();
                var duration = arguments[0].AsU64();
                var deadline = duration > ulong.MaxValue - now ? ulong.MaxValue : now + duration;
                await monotonic.WaitUntilAsync(deadline, cancellationToken).ConfigureAwait(false);
                return [];
            }));

        imports.DefineInstance("wasi:clocks/system-clock@0.3.0")
            .DefineFunction("now", Func([], Instant), P3Call.Sync(context, "now", _ => ToInstant(context.Settings.WallClock())))
            .DefineFunction("get-resolution", Func([], AbiType.U64), P3Call.Sync(context, "get-resolution", _ => WitValue.U64(100)));
    }

    /// <summary>Seconds (signed: before the epoch is negative) and nanoseconds since the Unix epoch.</summary>
    public static WitValue ToInstant(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }

        return WitValue.Record(WitValue.S64(seconds), WitValue.U32((uint)(rest * 100)));
    }
}
