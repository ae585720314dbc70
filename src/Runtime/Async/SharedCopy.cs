using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// The state both ends of a stream or future share (CanonicalABI.md <c>SharedStreamImpl</c>, <c>SharedFutureImpl</c>):
/// the read or write waiting for its complement to rendezvous, and whether an end has been dropped.
/// </summary>
internal sealed class SharedCopy
{
    private InstanceState? _pendingInstance;
    private CopyBuffer? _pendingBuffer;
    private Action<Action>? _pendingOnCopy;
    private Action<CopyResult>? _pendingOnCopyDone;

    public SharedCopy(bool isStream, AbiType? element)
    {
        IsStream = isStream;
        Element = element;
    }

    public bool IsStream { get; }

    /// <summary>The element type (null for <c>stream</c> or <c>future</c> without one).</summary>
    public AbiType? Element { get; }

    public bool Dropped { get; private set; }

    /// <summary>Whether <paramref name="buffer"/> is the copy waiting for its complement.</summary>
    public bool IsPending(CopyBuffer buffer) => ReferenceEquals(_pendingBuffer, buffer);

    /// <summary>
    /// The event loop of the instantiation whose guest made the stream or future or received an end of it; null while
    /// only the host holds its ends. Host ends run their copies there (<see cref="AsyncScheduler.Execute"/>).
    /// </summary>
    public AsyncScheduler? Scheduler { get; private set; }

    /// <summary>How many live ends the host holds (0 to 2); the loop counts them to wait for the host instead of trapping as a deadlock.</summary>
    public int HostEnds { get; private set; }

    /// <summary>Completes when the stream or future is bound to an event loop.</summary>
    public Task Bound => _bound.Task;

    private readonly TaskCompletionSource _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Binds the stream or future to the event loop of <paramref name="scheduler"/> (once: all its guest ends live in one instantiation).</summary>
    public void Bind(AsyncScheduler scheduler)
    {
        lock (this)
        {
            if (Scheduler is null)
            {
                Scheduler = scheduler;
                scheduler.AddHostEnds(HostEnds);
                _bound.TrySetResult();
            }
            else if (!ReferenceEquals(Scheduler, scheduler))
            {
                throw new NotSupportedException("a stream or future cannot connect two instantiations (each instantiation has its own event loop)");
            }
        }
    }

    /// <summary>Counts a host end in (+1) or out (-1).</summary>
    public void CountHostEnd(int delta)
    {
        lock (this)
        {
            HostEnds += delta;
            Scheduler?.AddHostEnds(delta);
        }
    }

    private void ResetPending() => SetPending(null, null, null, null);

    private void SetPending(InstanceState? instance, CopyBuffer? buffer, Action<Action>? onCopy, Action<CopyResult>? onCopyDone)
    {
        _pendingInstance = instance;
        _pendingBuffer = buffer;
        _pendingOnCopy = onCopy;
        _pendingOnCopyDone = onCopyDone;
    }

    private void ResetAndNotifyPending(CopyResult result)
    {
        var onCopyDone = _pendingOnCopyDone;
        ResetPending();
        onCopyDone?.Invoke(result);
    }

    /// <summary>Cancels the pending copy: it is told <see cref="CopyResult.Cancelled"/> at once.</summary>
    public void Cancel() => ResetAndNotifyPending(CopyResult.Cancelled);

    /// <summary>One end was dropped: a pending copy of the other end learns it.</summary>
    public void Drop()
    {
        if (!Dropped)
        {
            Dropped = true;
            if (_pendingBuffer is not null)
            {
                ResetAndNotifyPending(CopyResult.Dropped);
            }
        }
    }

    /// <summary>A stream read or write (the rendezvous of CanonicalABI.md <c>SharedStreamImpl.read</c> and <c>write</c>).</summary>
    public void StreamCopy(InstanceState? instance, CopyBuffer buffer, bool isWrite, Action<Action> onCopy, Action<CopyResult> onCopyDone)
    {
        if (Dropped)
        {
            onCopyDone(CopyResult.Dropped);
        }
        else if (_pendingBuffer is not { } pending)
        {
            SetPending(instance, buffer, onCopy, onCopyDone);
        }
        else
        {
            CheckSameInstance(instance);
            if (pending.Remain > 0)
            {
                if (buffer.Remain > 0)
                {
                    var n = Math.Min(buffer.Remain, pending.Remain);
                    if (isWrite)
                    {
                        pending.CopyFrom(buffer, n);
                    }
                    else
                    {
                        buffer.CopyFrom(pending, n);
                    }

                    _pendingOnCopy!(ResetPending);
                }

                onCopyDone(CopyResult.Completed);
            }
            else if (isWrite && buffer.IsZeroLength && pending.IsZeroLength)
            {
                onCopyDone(CopyResult.Completed);
            }
            else
            {
                ResetAndNotifyPending(CopyResult.Completed);
                SetPending(instance, buffer, onCopy, onCopyDone);
            }
        }
    }

    /// <summary>A future read or write (CanonicalABI.md <c>SharedFutureImpl.read</c> and <c>write</c>).</summary>
    public void FutureCopy(InstanceState? instance, CopyBuffer buffer, bool isWrite, Action<CopyResult> onCopyDone)
    {
        if (isWrite && Dropped)
        {
            onCopyDone(CopyResult.Dropped);
        }
        else if (_pendingBuffer is not { } pending)
        {
            SetPending(instance, buffer, null, onCopyDone);
        }
        else
        {
            CheckSameInstance(instance);
            if (isWrite)
            {
                pending.CopyFrom(buffer, 1);
            }
            else
            {
                buffer.CopyFrom(pending, 1);
            }

            ResetAndNotifyPending(CopyResult.Completed);
            onCopyDone(CopyResult.Completed);
        }
    }

    private void CheckSameInstance(InstanceState? instance)
    {
        if (instance is not null && ReferenceEquals(instance, _pendingInstance) && !IsNoneOrNumber(Element))
        {
            throw new ComponentTrapException("cannot read and write the same stream or future of a non-numeric type from the same component instance");
        }
    }

    private static bool IsNoneOrNumber(AbiType? t) => t is null || t.Kind is AbiTypeKind.U8 or AbiTypeKind.U16 or AbiTypeKind.U32 or AbiTypeKind.U64
        or AbiTypeKind.S8 or AbiTypeKind.S16 or AbiTypeKind.S32 or AbiTypeKind.S64 or AbiTypeKind.F32 or AbiTypeKind.F64;
}
