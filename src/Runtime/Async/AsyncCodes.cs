namespace WitBindgen.Runtime.Async;

/// <summary>The event codes a waitable delivers (CanonicalABI.md <c>EventCode</c>).</summary>
internal enum EventCode
{
    None = 0,
    Subtask = 1,
    StreamRead = 2,
    StreamWrite = 3,
    FutureRead = 4,
    FutureWrite = 5,
    TaskCancelled = 6,
}

/// <summary>What an <c>async callback</c> lifted function returns to the event loop (CanonicalABI.md <c>CallbackCode</c>).</summary>
internal enum CallbackCode
{
    Exit = 0,
    Yield = 1,
    Wait = 2,
}

/// <summary>The states of a subtask, as its caller sees them (CanonicalABI.md <c>Subtask.State</c>).</summary>
internal enum SubtaskState
{
    Starting = 0,
    Started = 1,
    Returned = 2,
    CancelledBeforeStarted = 3,
    CancelledBeforeReturned = 4,
}

/// <summary>How a stream or future copy ended (CanonicalABI.md <c>CopyResult</c>).</summary>
internal enum CopyResult
{
    Completed = 0,
    Dropped = 1,
    Cancelled = 2,
}

/// <summary>The states of one end of a stream or future (CanonicalABI.md <c>CopyState</c>).</summary>
internal enum CopyState
{
    Idle,
    Copying,
    CancellingCopy,
    Done,
}

/// <summary>Constants of the async ABI.</summary>
internal static class AsyncAbi
{
    /// <summary>What a non-blocking built-in returns when the operation has not finished (<c>BLOCKED</c>).</summary>
    public const uint Blocked = 0xffff_ffff;

    /// <summary>One event: its code and its two payload words.</summary>
    public readonly record struct Event(EventCode Code, int Index, int Payload);
}
