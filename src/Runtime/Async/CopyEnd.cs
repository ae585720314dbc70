namespace WitBindgen.Runtime.Async;

/// <summary>One end of a stream or future in a component instance's table (CanonicalABI.md <c>CopyEnd</c>).</summary>
internal sealed class CopyEnd : Waitable
{
    public CopyEnd(SharedCopy shared, bool readable)
    {
        Shared = shared;
        Readable = readable;
    }

    public SharedCopy Shared { get; }

    /// <summary>True for the readable end, false for the writable end.</summary>
    public bool Readable { get; }

    public CopyState State { get; set; } = CopyState.Idle;

    /// <summary>Whether a read or write (or its cancellation) is in progress.</summary>
    public bool Copying => State is CopyState.Copying or CopyState.CancellingCopy;

    /// <summary>What the end is called in messages: <c>readable stream end</c> and so on.</summary>
    public string Describe() => $"{(Readable ? "readable" : "writable")} {(Shared.IsStream ? "stream" : "future")} end";

    /// <summary><c>{stream,future}.drop-{readable,writable}</c>.</summary>
    public void Drop()
    {
        if (!Readable && !Shared.IsStream && State != CopyState.Done)
        {
            throw new ComponentTrapException("cannot drop the writable end of a future before a value was written or the reader dropped its end");
        }

        if (Copying)
        {
            throw new ComponentTrapException($"cannot drop busy {(Shared.IsStream ? "stream" : "future")}: a read or write is in progress");
        }

        Shared.Drop();
        DropWaitable();
    }
}
