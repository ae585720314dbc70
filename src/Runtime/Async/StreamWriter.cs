using System.Runtime.InteropServices;
using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>
/// The writable end of a <c>stream&lt;T&gt;</c> held by the host (from <see cref="WitStream.Create{T}"/>, whose reader
/// goes to a guest): write with <see cref="WriteAsync"/>; dispose to drop it, which ends the stream for the reader.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class StreamWriter<T> : IDisposable, IAsyncDisposable
{
    internal StreamWriter(SharedCopy shared, WitCodec<T> codec)
    {
        End = new HostEnd(shared, readable: false);
        Codec = codec;
    }

    internal HostEnd End { get; }

    /// <summary>How elements are lowered into guest memory.</summary>
    public WitCodec<T> Codec { get; }

    /// <summary>Whether the reader dropped its end: writes write nothing more.</summary>
    public bool IsReaderDropped => End.Done;

    /// <summary>Writes every element of <paramref name="values"/>, waiting for the reader to take them (possibly in several reads).</summary>
    /// <param name="values">The elements.</param>
    /// <param name="cancellationToken">Cancels the rest of the write.</param>
    /// <returns>How many elements the reader took: all of them, unless it dropped its end or the write was cancelled after some.</returns>
    /// <exception cref="OperationCanceledException">The write was cancelled before any element was taken.</exception>
    /// <exception cref="ObjectDisposedException">The writer was dropped (disposed).</exception>
    public async Task<int> WriteAsync(ReadOnlyMemory<T> values, CancellationToken cancellationToken = default)
    {
        var memory = MemoryMarshal.AsMemory(values);
        int written = 0;
        while (written < memory.Length && !End.Done)
        {
            var copy = new HostCopyBuffer<T>(Codec, memory[written..]);
            var result = await End.CopyAsync(copy, cancellationToken).ConfigureAwait(false);
            written += (int)copy.Progress;
            if (result == CopyResult.Cancelled)
            {
                if (written == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new ObjectDisposedException(GetType().Name, "the writer was dropped during the write");
                }

                break;
            }
        }

        return written;
    }

    /// <summary>Drops the end: the reader sees the end of the stream once it has read what was written.</summary>
    public void Dispose() => End.Drop();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
