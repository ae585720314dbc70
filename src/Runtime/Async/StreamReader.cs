using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>
/// The readable end of a <c>stream&lt;T&gt;</c> held by the host: read in chunks with <see cref="ReadAsync"/> or enumerate
/// with <c>await foreach</c>; dispose to drop it (the writer then learns that nobody reads). Comes from a guest (a
/// result, or an argument of an import), from <see cref="WitStream.Create{T}"/>, or from <see cref="FromWitValue"/>;
/// hand it to a guest as an argument or result (it moves: this object is then finished).
/// </summary>
/// <remarks>
/// A stream a guest made or received belongs to its instantiation's event loop: reading runs that loop on the calling
/// thread until the guest has written (see docs/async.md, "Host-held streams and futures"). One read at a time.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class StreamReader<T> : IAsyncEnumerable<T>, IDisposable, IAsyncDisposable
{
    private const int EnumerationChunk = 256;

    internal StreamReader(SharedCopy shared, WitCodec<T> codec)
    {
        End = new HostEnd(shared, readable: true);
        Codec = codec;
    }

    internal HostEnd End { get; }

    /// <summary>How elements are lifted from guest memory.</summary>
    public WitCodec<T> Codec { get; }

    /// <summary>Whether the writer dropped its end and everything written has been read: reads return 0.</summary>
    public bool IsCompleted => End.Done;

    /// <summary>
    /// Reads at least one element into <paramref name="buffer"/> (as many as the writer offers, up to its length); waits
    /// until the writer writes.
    /// </summary>
    /// <param name="buffer">Receives the elements.</param>
    /// <param name="cancellationToken">Cancels the read (elements already copied are kept: the count is returned).</param>
    /// <returns>How many elements were read: 0 when the writer dropped its end (the end of the stream), or when <paramref name="buffer"/> is empty.</returns>
    /// <exception cref="OperationCanceledException">The read was cancelled before any element arrived.</exception>
    /// <exception cref="ObjectDisposedException">The reader was dropped (disposed) or handed on.</exception>
    public async Task<int> ReadAsync(Memory<T> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || End.Done)
        {
            ObjectDisposedException.ThrowIf(End.Released, this);
            return 0;
        }

        var copy = new HostCopyBuffer<T>(Codec, buffer);
        var result = await End.CopyAsync(copy, cancellationToken).ConfigureAwait(false);
        if (result == CopyResult.Cancelled && copy.Progress == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ObjectDisposedException(GetType().Name, "the reader was dropped during the read");
        }

        return (int)copy.Progress;
    }

    /// <summary>Reads every element until the writer drops its end.</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var chunk = new T[EnumerationChunk];
        while (true)
        {
            var n = await ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                yield break;
            }

            for (int i = 0; i < n; i++)
            {
                yield return chunk[i];
            }
        }
    }

    /// <summary>Hands the end on as a dynamic value (for <see cref="ComponentFunction.Invoke"/> and dynamic host functions); this reader is then finished.</summary>
    public WitValue ToWitValue() => WitValue.Handle(End.Transfer());

    /// <summary>Takes the readable stream end a dynamic call passed or returned.</summary>
    /// <param name="value">The stream value.</param>
    /// <param name="codec">Lifts the elements (its type must be the stream's element type).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is no stream, or one of another element type.</exception>
    public static StreamReader<T> FromWitValue(WitValue value, WitCodec<T> codec) =>
        new(HostEnds.Shared(value, isStream: true, codec.Type), codec);

    /// <summary>Drops the end (cancelling a read in progress).</summary>
    public void Dispose() => End.Drop();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
