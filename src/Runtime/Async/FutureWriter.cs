using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>
/// The writable end of a <c>future&lt;T&gt;</c> held by the host (from <see cref="WitFuture.Create{T}"/>, whose reader
/// goes to a guest): deliver its one value with <see cref="WriteAsync"/>. Dropping it without a value shows the reader
/// a dropped future.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class FutureWriter<T> : IDisposable
{
    internal FutureWriter(SharedCopy shared, WitCodec<T> codec)
    {
        End = new HostEnd(shared, readable: false);
        Codec = codec;
    }

    internal HostEnd End { get; }

    /// <summary>How the value is lowered into guest memory.</summary>
    public WitCodec<T> Codec { get; }

    /// <summary>Delivers the value: completes when the reader took it.</summary>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the reader took the value, false when it dropped its end first.</returns>
    /// <exception cref="InvalidOperationException">A value was already delivered.</exception>
    /// <exception cref="OperationCanceledException">The write was cancelled.</exception>
    public async Task<bool> WriteAsync(T value, CancellationToken cancellationToken = default)
    {
        if (End.Done)
        {
            return End.Shared.Dropped ? false : throw new InvalidOperationException("the future's value was already written");
        }

        var result = await End.CopyAsync(new HostCopyBuffer<T>(Codec, new[] { value }), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            CopyResult.Completed => true,
            CopyResult.Dropped => false,
            _ => cancellationToken.IsCancellationRequested
                ? throw new OperationCanceledException(cancellationToken)
                : throw new ObjectDisposedException(GetType().Name, "the writer was dropped during the write"),
        };
    }

    /// <summary>Drops the end.</summary>
    public void Dispose() => End.Drop();
}
