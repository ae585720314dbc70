using Wasi.Io.Poll;
using WitBindgen.Wasi.Clocks;

namespace WitBindgen.Wasi.Io;

/// <summary>
/// The base of this host's pollables. Every stream of this host completes its operations synchronously, so a
/// stream's pollable is always ready (an output stream's makes room first); only clock pollables wait.
/// </summary>
internal abstract class HostPollable : Pollable
{
    private readonly ResourceLease _lease;

    protected HostPollable(WasiContext context)
    {
        Context = context;
        _lease = new ResourceLease(context);
    }

    /// <summary>The instant (on the monotonic clock) this pollable becomes ready, or null when it is ready now.</summary>
    public abstract ulong? Deadline { get; }

    protected WasiContext Context { get; }

    public override bool Ready() => HostCall.Trap(Context, "[method]pollable.ready", IsReady);

    public override void Block() => HostCall.Trap(Context, "[method]pollable.block", Wait);

    /// <summary>Whether the pollable is ready.</summary>
    internal abstract bool IsReady();

    /// <summary>Waits until it is.</summary>
    internal abstract void Wait();

    protected override void Dispose(bool disposing)
    {
        _lease.Release();
        base.Dispose(disposing);
    }
}

/// <summary>A pollable that is always ready (input streams).</summary>
internal sealed class ReadyPollable : HostPollable
{
    public ReadyPollable(WasiContext context)
        : base(context)
    {
    }

    public override ulong? Deadline => null;

    internal override bool IsReady() => true;

    internal override void Wait()
    {
    }
}

/// <summary>An output stream's pollable: ready once the stream can take bytes, which it makes so by draining.</summary>
internal sealed class OutputPollable : HostPollable
{
    private readonly HostOutputStream _stream;

    public OutputPollable(WasiContext context, HostOutputStream stream)
        : base(context)
    {
        _stream = stream;
    }

    public override ulong? Deadline => null;

    internal override bool IsReady()
    {
        _stream.MakeRoom();
        return true;
    }

    internal override void Wait() => _stream.MakeRoom();
}

/// <summary>A pollable that becomes ready when the monotonic clock reaches an instant.</summary>
internal sealed class DeadlinePollable : HostPollable
{
    private readonly MonotonicClockSource _clock;
    private readonly ulong _deadline;

    public DeadlinePollable(WasiContext context, MonotonicClockSource clock, ulong deadline)
        : base(context)
    {
        _clock = clock;
        _deadline = deadline;
    }

    public override ulong? Deadline => _deadline;

    internal override bool IsReady() => _clock.Now() >= _deadline;

    internal override void Wait() => _clock.WaitUntil(_deadline);
}
