namespace WitBindgen.Runtime.Async;

/// <summary>
/// One end of a stream or future held by the host: runs its reads or writes on the event loop the stream or future is
/// bound to (<see cref="SharedCopy.Scheduler"/>), driving that loop until the copy is done; while only the host holds
/// the ends, copies meet directly under a lock.
/// </summary>
internal sealed class HostEnd
{
    private int _busy;
    private int _released;
    private int _counted = 1;
    private CopyBuffer? _current;

    public HostEnd(SharedCopy shared, bool readable)
    {
        Shared = shared;
        Readable = readable;
        shared.CountHostEnd(+1);
    }

    public SharedCopy Shared { get; }

    public bool Readable { get; }

    /// <summary>The other end was dropped, or the future's value was delivered: no copy can happen any more.</summary>
    public bool Done { get; private set; }

    /// <summary>The end was dropped or handed on.</summary>
    public bool Released => Volatile.Read(ref _released) != 0;

    private string Kind => $"{(Readable ? "readable" : "writable")} {(Shared.IsStream ? "stream" : "future")} end";

    /// <summary>
    /// Reads or writes <paramref name="buffer"/>: completes when the other end took part (the copy may be partial), was
    /// dropped, or the copy was cancelled (by <paramref name="cancellationToken"/> or by dropping this end).
    /// </summary>
    public async Task<CopyResult> CopyAsync(CopyBuffer buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Released, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"a read or write is already in progress on this {Kind}");
        }

        try
        {
            if (Done || (!Shared.IsStream && Readable && Shared.Dropped))
            {
                Done = true;
                return CopyResult.Dropped;
            }

            var done = new TaskCompletionSource<CopyResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Start()
            {
                try
                {
                    _current = buffer;
                    if (Shared.IsStream)
                    {
                        Shared.StreamCopy(null, buffer, isWrite: !Readable, reclaim =>
                        {
                            reclaim();
                            done.TrySetResult(CopyResult.Completed);
                        }, r => done.TrySetResult(r));
                    }
                    else
                    {
                        Shared.FutureCopy(null, buffer, isWrite: !Readable, r => done.TrySetResult(r));
                    }
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            }

            RunOnLoop(Start);
            using (cancellationToken.Register(() => RunOnLoop(() => CancelPending(buffer))))
            {
                await WaitAsync(done.Task).ConfigureAwait(false);
            }

            _current = null;
            var result = await done.Task.ConfigureAwait(false);
            if (result == CopyResult.Dropped || (!Shared.IsStream && result == CopyResult.Completed))
            {
                Done = true;
                ReleaseCount();
            }

            return result;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Gives the end up without dropping it (it moves into a guest's table or a dynamic value).</summary>
    public SharedCopy Transfer()
    {
        if (Volatile.Read(ref _busy) != 0)
        {
            throw new InvalidOperationException($"cannot hand on a {Kind} while a read or write is in progress");
        }

        if (Done || Interlocked.Exchange(ref _released, 1) != 0)
        {
            throw new InvalidOperationException($"the {Kind} was already {(Done ? "finished" : "dropped or handed on")}");
        }

        ReleaseCount();
        return Shared;
    }

    /// <summary>Drops the end: a copy in progress is cancelled, the other end learns of the drop.</summary>
    public void Drop()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        RunOnLoop(() =>
        {
            if (_current is { } pending)
            {
                CancelPending(pending);
            }

            Shared.Drop();
        });
        ReleaseCount();
    }

    private void CancelPending(CopyBuffer buffer)
    {
        if (Shared.IsPending(buffer))
        {
            Shared.Cancel();
        }
    }

    private void ReleaseCount()
    {
        if (Interlocked.Exchange(ref _counted, 0) != 0)
        {
            Shared.CountHostEnd(-1);
        }
    }

    /// <summary>Runs <paramref name="operation"/> where the stream or future's copies happen: its loop, or under its lock.</summary>
    private void RunOnLoop(Action operation)
    {
        AsyncScheduler? scheduler;
        lock (Shared)
        {
            scheduler = Shared.Scheduler;
            if (scheduler is null)
            {
                operation();
                return;
            }
        }

        scheduler.Execute(operation);
    }

    /// <summary>Waits for <paramref name="done"/>, driving the loop the stream or future is (or becomes) bound to.</summary>
    private async Task WaitAsync(Task done)
    {
        while (!done.IsCompleted)
        {
            if (Shared.Scheduler is { } scheduler)
            {
                await scheduler.DriveUntilAsync(done, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(done, Shared.Bound).ConfigureAwait(false);
            }
        }
    }
}
