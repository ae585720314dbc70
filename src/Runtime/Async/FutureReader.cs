using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>
/// The readable end of a <c>future&lt;T&gt;</c> held by the host: <c>await</c> it (or <see cref="ReadAsync"/>) for the
/// value; dispose to drop it. Hand it to a guest as an argument or result (it moves).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class FutureReader<T> : IDisposable
{
    internal FutureReader(SharedCopy shared, WitCodec<T> codec)
    {
        End = new HostEnd(shared, readable: true);
        Codec = codec;
    }

    internal HostEnd End { get; }

    /// <summary>How the value is lifted from guest memory.</summary>
    public WitCodec<T> Codec { get; }

    /// <summary>Waits for the writer's value (once: a future delivers one value).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidOperationException">The value was already read, or the writer was dropped without writing one.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The reader was dropped (disposed) or handed on.</exception>
    public async Task<T> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (End.Done)
        {
            throw new InvalidOperationException("the future's value was already read, or its writer was dropped without writing one");
        }

        var value = new T[1];
        var result = await End.CopyAsync(new HostCopyBuffer<T>(Codec, value), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            CopyResult.Completed => value[0],
            CopyResult.Dropped => throw new InvalidOperationException("the future's writer was dropped without writing a value"),
            _ => cancellationToken.IsCancellationRequested
                ? throw new OperationCanceledException(cancellationToken)
                : throw new ObjectDisposedException(GetType().Name, "the reader was dropped during the read"),
        };
    }

    /// <summary>Makes the reader awaitable: <c>var value = await reader;</c>.</summary>
    public TaskAwaiter<T> GetAwaiter() => ReadAsync().GetAwaiter();

    /// <summary>Hands the end on as a dynamic value; this reader is then finished.</summary>
    public WitValue ToWitValue() => WitValue.Handle(End.Transfer());

    /// <summary>Takes the readable future end a dynamic call passed or returned.</summary>
    /// <param name="value">The future value.</param>
    /// <param name="codec">Lifts the value (its type must be the future's value type).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is no future, or one of another value type.</exception>
    public static FutureReader<T> FromWitValue(WitValue value, WitCodec<T> codec) =>
        new(HostEnds.Shared(value, isStream: false, codec.Type), codec);

    /// <summary>Drops the end (cancelling a read in progress).</summary>
    public void Dispose() => End.Drop();
}
