using System.Diagnostics;
using Wasi.Clocks.MonotonicClock;
using Wasi.Clocks.WallClock;
using Wasi.Io.Poll;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Clocks;

/// <summary>The monotonic clock in nanoseconds: the host's stopwatch, or a clock the embedder supplied.</summary>
internal sealed class MonotonicClockSource
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);
    private readonly Func<ulong>? _custom;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public MonotonicClockSource(Func<ulong>? custom) => _custom = custom;

    public ulong Now()
    {
        if (_custom is not null)
        {
            return _custom();
        }

        var ticks = Stopwatch.GetTimestamp() - _origin;
        return (ulong)(ticks / (double)Stopwatch.Frequency * 1e9);
    }

    public ulong Resolution => _custom is not null ? 1UL : Math.Max(1UL, (ulong)(1e9 / Stopwatch.Frequency));

    /// <summary>Sleeps until the clock reads at least <paramref name="deadline"/>.</summary>
    public void WaitUntil(ulong deadline)
    {
        while (true)
        {
            var now = Now();
            if (now >= deadline)
            {
                return;
            }

            Thread.Sleep(Step(deadline, now));
        }
    }

    /// <summary>Completes when the clock reads at least <paramref name="deadline"/> (WASI 0.3's waits).</summary>
    public async Task WaitUntilAsync(ulong deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = Now();
            if (now >= deadline)
            {
                return;
            }

            await Task.Delay(Step(deadline, now), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How long to sleep before reading the clock again: the remaining nanoseconds rounded up to whole ticks (100 ns)
    /// so the loop does not spin, at least a millisecond and at most <see cref="LongestSleep"/>.
    /// </summary>
    private static TimeSpan Step(ulong deadline, ulong now)
    {
        var remaining = TimeSpan.FromTicks((long)Math.Min((deadline - now + 99) / 100, (ulong)LongestSleep.Ticks));
        return remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining;
    }
}

/// <summary><c>wasi:clocks/monotonic-clock</c>.</summary>
internal sealed class MonotonicClockImplementation : IMonotonicClock
{
    private readonly WasiContext _context;

    public MonotonicClockImplementation(WasiContext context) => _context = context;

    private MonotonicClockSource Clock => _context.Settings.Monotonic;

    public ulong Now() => HostCall.Trap(_context, "now", Clock.Now);

    public ulong Resolution() => HostCall.Trap(_context, "resolution", () => Clock.Resolution);

    public Pollable SubscribeInstant(ulong when) =>
        HostCall.Trap(_context, "subscribe-instant", () => new DeadlinePollable(_context, Clock, when));

    public Pollable SubscribeDuration(ulong when) => HostCall.Trap(_context, "subscribe-duration", () =>
    {
        var now = Clock.Now();
        var deadline = when > ulong.MaxValue - now ? ulong.MaxValue : now + when;
        return new DeadlinePollable(_context, Clock, deadline);
    });
}

/// <summary><c>wasi:clocks/wall-clock</c>.</summary>
internal sealed class WallClockImplementation : IWallClock
{
    private readonly WasiContext _context;

    public WallClockImplementation(WasiContext context) => _context = context;

    public Datetime Now() => HostCall.Trap(_context, "now", () => ToDatetime(_context.Settings.WallClock()));

    /// <summary>.NET times count 100-nanosecond ticks.</summary>
    public Datetime Resolution() => HostCall.Trap(_context, "resolution", () => new Datetime(0, 100));

    /// <summary>Seconds and nanoseconds since the Unix epoch; times before it read as the epoch.</summary>
    public static Datetime ToDatetime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks < 0)
        {
            return new Datetime(0, 0);
        }

        return new Datetime((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }

    /// <summary>The time a <see cref="Datetime"/> denotes, clamped to what <see cref="DateTime"/> can hold.</summary>
    public static DateTime ToDateTime(Datetime time)
    {
        var maxSeconds = (ulong)((DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond) - 1;
        if (time.Seconds > maxSeconds)
        {
            return DateTime.MaxValue;
        }

        return DateTime.UnixEpoch.AddTicks((long)time.Seconds * TimeSpan.TicksPerSecond + Math.Min(time.Nanoseconds, 999_999_999u) / 100);
    }
}
