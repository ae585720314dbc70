using Wasi.Io.Poll;
using WitBindgen.Wasi.Clocks;

namespace WitBindgen.Wasi.Io;

/// <summary>
/// The base of this host's pollables. Every stream of this host completes its operations synchronously, so a
/// stream's pollable is always ready; only clock pollables wait.
/// </summary>
internal abstract class HostPollable : Pollable
{
    /// <summary>The instant (on <see cref="Clock"/>) this pollable becomes ready, or null when it is always ready.</summary>
    public abstract ulong? Deadline { get; }

    public abstract MonotonicClockSource? Clock { get; }
}

/// <summary>A pollable that is always ready.</summary>
internal sealed class ReadyPollable : HostPollable
{
    public override ulong? Deadline => null;

    public override MonotonicClockSource? Clock => null;

    public override bool Ready() => true;

    public override void Block()
    {
    }
}

/// <summary>A pollable that becomes ready when the monotonic clock reaches an instant.</summary>
internal sealed class DeadlinePollable : HostPollable
{
    private readonly MonotonicClockSource _clock;
    private readonly ulong _deadline;

    public DeadlinePollable(MonotonicClockSource clock, ulong deadline)
    {
        _clock = clock;
        _deadline = deadline;
    }

    public override ulong? Deadline => _deadline;

    public override MonotonicClockSource? Clock => _clock;

    public override bool Ready() => _clock.Now() >= _deadline;

    public override void Block() => _clock.WaitUntil(_deadline);
}
