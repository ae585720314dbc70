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

            // Round the remaining nanoseconds up to whole ticks (100 ns) so the loop does not spin.
            var remaining = TimeSpan.FromTicks((long)Math.Min((deadline - now + 99) / 100, (ulong)LongestSleep.Ticks));
            Thread.Sleep(remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining);
        }
    }
}

/// <summary><c>wasi:clocks/monotonic-clock</c>.</summary>
internal sealed class MonotonicClockImplementation : IMonotonicClock
{
    private readonly MonotonicClockSource _clock;

    public MonotonicClockImplementation(MonotonicClockSource clock) => _clock = clock;

    public ulong Now() => _clock.Now();

    public ulong Resolution() => _clock.Resolution;

    public Pollable SubscribeInstant(ulong when) => new DeadlinePollable(_clock, when);

    public Pollable SubscribeDuration(ulong when)
    {
        var now = _clock.Now();
        var deadline = when > ulong.MaxValue - now ? ulong.MaxValue : now + when;
        return new DeadlinePollable(_clock, deadline);
    }
}

/// <summary><c>wasi:clocks/wall-clock</c>.</summary>
internal sealed class WallClockImplementation : IWallClock
{
    private readonly Func<DateTimeOffset> _now;

    public WallClockImplementation(Func<DateTimeOffset>? now) => _now = now ?? (() => DateTimeOffset.UtcNow);

    public Datetime Now() => ToDatetime(_now());

    /// <summary>.NET times count 100-nanosecond ticks.</summary>
    public Datetime Resolution() => new(0, 100);

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
