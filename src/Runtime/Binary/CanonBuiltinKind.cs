namespace WitBindgen.Runtime.Binary;

/// <summary>The canonical built-ins other than lift, lower and the resource built-ins.</summary>
internal enum CanonBuiltinKind
{
    /// <summary><c>backpressure.inc</c>.</summary>
    BackpressureInc,

    /// <summary><c>backpressure.dec</c>.</summary>
    BackpressureDec,

    /// <summary><c>task.return</c>.</summary>
    TaskReturn,

    /// <summary><c>task.cancel</c>.</summary>
    TaskCancel,

    /// <summary><c>context.get</c>.</summary>
    ContextGet,

    /// <summary><c>context.set</c>.</summary>
    ContextSet,

    /// <summary><c>subtask.cancel</c>.</summary>
    SubtaskCancel,

    /// <summary><c>subtask.drop</c>.</summary>
    SubtaskDrop,

    /// <summary><c>stream.new</c>.</summary>
    StreamNew,

    /// <summary><c>stream.read</c>.</summary>
    StreamRead,

    /// <summary><c>stream.write</c>.</summary>
    StreamWrite,

    /// <summary><c>stream.cancel-read</c>.</summary>
    StreamCancelRead,

    /// <summary><c>stream.cancel-write</c>.</summary>
    StreamCancelWrite,

    /// <summary><c>stream.drop-readable</c>.</summary>
    StreamDropReadable,

    /// <summary><c>stream.drop-writable</c>.</summary>
    StreamDropWritable,

    /// <summary><c>future.new</c>.</summary>
    FutureNew,

    /// <summary><c>future.read</c>.</summary>
    FutureRead,

    /// <summary><c>future.write</c>.</summary>
    FutureWrite,

    /// <summary><c>future.cancel-read</c>.</summary>
    FutureCancelRead,

    /// <summary><c>future.cancel-write</c>.</summary>
    FutureCancelWrite,

    /// <summary><c>future.drop-readable</c>.</summary>
    FutureDropReadable,

    /// <summary><c>future.drop-writable</c>.</summary>
    FutureDropWritable,

    /// <summary><c>error-context.new</c>.</summary>
    ErrorContextNew,

    /// <summary><c>error-context.debug-message</c>.</summary>
    ErrorContextDebugMessage,

    /// <summary><c>error-context.drop</c>.</summary>
    ErrorContextDrop,

    /// <summary><c>waitable-set.new</c>.</summary>
    WaitableSetNew,

    /// <summary><c>waitable-set.wait</c>.</summary>
    WaitableSetWait,

    /// <summary><c>waitable-set.poll</c>.</summary>
    WaitableSetPoll,

    /// <summary><c>waitable-set.drop</c>.</summary>
    WaitableSetDrop,

    /// <summary><c>waitable.join</c>.</summary>
    WaitableJoin,

    /// <summary><c>thread.index</c>.</summary>
    ThreadIndex,

    /// <summary><c>thread.new-indirect</c>.</summary>
    ThreadNewIndirect,

    /// <summary><c>thread.resume-later</c>.</summary>
    ThreadResumeLater,

    /// <summary><c>thread.suspend</c>.</summary>
    ThreadSuspend,

    /// <summary><c>thread.yield</c>.</summary>
    ThreadYield,

    /// <summary><c>thread.suspend-then-resume</c>.</summary>
    ThreadSuspendThenResume,

    /// <summary><c>thread.yield-then-resume</c>.</summary>
    ThreadYieldThenResume,

    /// <summary><c>thread.suspend-then-promote</c>.</summary>
    ThreadSuspendThenPromote,

    /// <summary><c>thread.yield-then-promote</c>.</summary>
    ThreadYieldThenPromote,

    /// <summary><c>thread.spawn-ref</c>.</summary>
    ThreadSpawnRef,

    /// <summary><c>thread.spawn-indirect</c>.</summary>
    ThreadSpawnIndirect,

    /// <summary><c>thread.available-parallelism</c>.</summary>
    ThreadAvailableParallelism,

    /// <summary><c>stream.forward</c> (encoded by the text parser; not listed in Binary.md).</summary>
    StreamForward,

    /// <summary><c>future.forward</c> (encoded by the text parser; not listed in Binary.md).</summary>
    FutureForward,
}

/// <summary>Helpers for <see cref="CanonBuiltinKind"/>.</summary>
internal static class CanonBuiltinKindExtensions
{
    /// <summary>The built-in's name as written in the text format, e.g. <c>stream.read</c>.</summary>
    public static string ToText(this CanonBuiltinKind kind) => kind switch
    {
        CanonBuiltinKind.BackpressureInc => "backpressure.inc",
        CanonBuiltinKind.BackpressureDec => "backpressure.dec",
        CanonBuiltinKind.TaskReturn => "task.return",
        CanonBuiltinKind.TaskCancel => "task.cancel",
        CanonBuiltinKind.ContextGet => "context.get",
        CanonBuiltinKind.ContextSet => "context.set",
        CanonBuiltinKind.SubtaskCancel => "subtask.cancel",
        CanonBuiltinKind.SubtaskDrop => "subtask.drop",
        CanonBuiltinKind.StreamNew => "stream.new",
        CanonBuiltinKind.StreamRead => "stream.read",
        CanonBuiltinKind.StreamWrite => "stream.write",
        CanonBuiltinKind.StreamCancelRead => "stream.cancel-read",
        CanonBuiltinKind.StreamCancelWrite => "stream.cancel-write",
        CanonBuiltinKind.StreamDropReadable => "stream.drop-readable",
        CanonBuiltinKind.StreamDropWritable => "stream.drop-writable",
        CanonBuiltinKind.FutureNew => "future.new",
        CanonBuiltinKind.FutureRead => "future.read",
        CanonBuiltinKind.FutureWrite => "future.write",
        CanonBuiltinKind.FutureCancelRead => "future.cancel-read",
        CanonBuiltinKind.FutureCancelWrite => "future.cancel-write",
        CanonBuiltinKind.FutureDropReadable => "future.drop-readable",
        CanonBuiltinKind.FutureDropWritable => "future.drop-writable",
        CanonBuiltinKind.ErrorContextNew => "error-context.new",
        CanonBuiltinKind.ErrorContextDebugMessage => "error-context.debug-message",
        CanonBuiltinKind.ErrorContextDrop => "error-context.drop",
        CanonBuiltinKind.WaitableSetNew => "waitable-set.new",
        CanonBuiltinKind.WaitableSetWait => "waitable-set.wait",
        CanonBuiltinKind.WaitableSetPoll => "waitable-set.poll",
        CanonBuiltinKind.WaitableSetDrop => "waitable-set.drop",
        CanonBuiltinKind.WaitableJoin => "waitable.join",
        CanonBuiltinKind.ThreadIndex => "thread.index",
        CanonBuiltinKind.ThreadNewIndirect => "thread.new-indirect",
        CanonBuiltinKind.ThreadResumeLater => "thread.resume-later",
        CanonBuiltinKind.ThreadSuspend => "thread.suspend",
        CanonBuiltinKind.ThreadYield => "thread.yield",
        CanonBuiltinKind.ThreadSuspendThenResume => "thread.suspend-then-resume",
        CanonBuiltinKind.ThreadYieldThenResume => "thread.yield-then-resume",
        CanonBuiltinKind.ThreadSuspendThenPromote => "thread.suspend-then-promote",
        CanonBuiltinKind.ThreadYieldThenPromote => "thread.yield-then-promote",
        CanonBuiltinKind.ThreadSpawnRef => "thread.spawn-ref",
        CanonBuiltinKind.ThreadSpawnIndirect => "thread.spawn-indirect",
        CanonBuiltinKind.ThreadAvailableParallelism => "thread.available-parallelism",
        CanonBuiltinKind.StreamForward => "stream.forward",
        CanonBuiltinKind.FutureForward => "future.forward",
        _ => kind.ToString(),
    };
}
