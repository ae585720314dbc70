using Wasi.Io.Streams;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// WASI 0.3's byte streams over the 0.2 host's stream objects (<see cref="InputStream"/>, <see cref="OutputStream"/>:
/// the same sinks, files, limits and errors): a pump moves the bytes between the component-model stream and the 0.2
/// object on a .NET task, then reports how it ended through the call's future (<c>result&lt;_, error-code&gt;</c>).
/// A pump never throws: a failure of the host is reported as the error its mapper gives, and the ends are dropped.
/// </summary>
internal static class P3Streams
{
    /// <summary>The most bytes one pump step moves.</summary>
    public const int Chunk = 64 * 1024;

    /// <summary>A future of <c>result&lt;_, E&gt;</c>: the host keeps the writer, the reader goes to the guest.</summary>
    public static (FutureReader<WitValue> Reader, FutureWriter<WitValue> Writer) Outcome(AbiType errorType) =>
        WitFuture.Create(WitCodecs.Dynamic(AbiType.Result(null, errorType)));

    /// <summary>
    /// Copies what the guest writes to <paramref name="data"/> into <paramref name="sink"/> until the guest drops its
    /// end (then <c>ok</c>) or the sink fails (then the error, and the host drops its end).
    /// </summary>
    public static void FromGuest(WitValue data, OutputStream sink, Func<StreamError?, WitValue> error, FutureWriter<WitValue> outcome)
    {
        var reader = StreamReader<byte>.FromWitValue(data, WitCodecs.Bytes);
        Run(() => CopyFromGuest(reader, sink, error), error(null), outcome, reader, sink);
    }

    /// <summary>
    /// Copies what <paramref name="source"/> yields into a new stream for the guest until it ends (then <c>ok</c>), it
    /// fails (then the error) or the guest drops its end.
    /// </summary>
    /// <returns>The readable end for the guest.</returns>
    public static WitValue ToGuest(InputStream source, Func<StreamError?, WitValue> error, FutureWriter<WitValue> outcome)
    {
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        Run(() => CopyToGuest(source, writer, error), error(null), outcome, writer, source);
        return reader.ToWitValue();
    }

    /// <summary>A stream for the guest that ends at once, its future reporting <paramref name="error"/>.</summary>
    public static WitValue Failed<T>(WitCodec<T> codec, WitValue error, FutureWriter<WitValue> outcome)
    {
        var (reader, writer) = WitStream.Create(codec);
        _ = Task.Run(() => Finish(outcome, WitValue.Err(error), writer));
        return reader.ToWitValue();
    }

    /// <summary>Drops the end of a stream the guest passed (it sees <c>DROPPED</c>) and reports <paramref name="error"/>.</summary>
    public static void Refuse(WitValue data, WitValue error, FutureWriter<WitValue> outcome)
    {
        var reader = StreamReader<byte>.FromWitValue(data, WitCodecs.Bytes);
        _ = Task.Run(() => Finish(outcome, WitValue.Err(error), reader));
    }

    /// <summary>Runs <paramref name="copy"/> on a task, then drops <paramref name="ends"/> and reports its result (or <paramref name="failure"/> if it threw).</summary>
    public static void Run(Func<Task<WitValue>> copy, WitValue failure, FutureWriter<WitValue> outcome, params IDisposable[] ends)
    {
        _ = Task.Run(async () =>
        {
            WitValue result;
            try
            {
                result = await copy().ConfigureAwait(false);
            }
            catch (Exception)
            {
                result = WitValue.Err(failure);
            }

            await Finish(outcome, result, ends).ConfigureAwait(false);
        });
    }

    private static async Task<WitValue> CopyFromGuest(StreamReader<byte> reader, OutputStream sink, Func<StreamError?, WitValue> error)
    {
        var buffer = new byte[Chunk];
        while (true)
        {
            var n = await reader.ReadAsync(buffer).ConfigureAwait(false);
            if (n == 0)
            {
                return WitValue.Ok();
            }

            var written = sink.BlockingWriteAndFlush(buffer.AsSpan(0, n).ToArray());
            if (written.IsErr)
            {
                return WitValue.Err(error(written.Err));
            }
        }
    }

    private static async Task<WitValue> CopyToGuest(InputStream source, StreamWriter<byte> writer, Func<StreamError?, WitValue> error)
    {
        while (true)
        {
            var read = source.BlockingRead(Chunk);
            if (read.IsErr)
            {
                return read.Err is StreamError.Closed ? WitValue.Ok() : WitValue.Err(error(read.Err));
            }

            if (read.Ok.Length > 0 && await writer.WriteAsync(read.Ok).ConfigureAwait(false) < read.Ok.Length)
            {
                return WitValue.Ok(); // the guest dropped its end: nobody reads any more
            }
        }
    }

    private static async Task Finish(FutureWriter<WitValue> outcome, WitValue result, params IDisposable[] ends)
    {
        foreach (var end in ends)
        {
            try
            {
                end.Dispose();
            }
            catch (Exception)
            {
                // Dropping an end the instance already released.
            }
        }

        try
        {
            await outcome.WriteAsync(result).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The guest dropped the future or its instance is gone: nobody is told.
        }
        finally
        {
            outcome.Dispose();
        }
    }
}
