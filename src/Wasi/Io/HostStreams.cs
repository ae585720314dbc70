using Wasi.Filesystem.Types;
using Wasi.Io.Poll;
using Wasi.Io.Streams;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem;

namespace WitBindgen.Wasi.Io;

/// <summary>
/// An input stream whose reads complete synchronously: <c>read</c> and <c>blocking-read</c> both wait for at least
/// one byte or the end of the stream, which is reported as <c>closed</c>. A failure of the source, whatever it
/// throws, is <c>last-operation-failed</c>, and the stream is closed afterwards.
/// </summary>
internal abstract class HostInputStream : InputStream
{
    /// <summary>The most a single read returns, whatever length the guest asks for.</summary>
    public const int MaxChunk = 1 << 20;

    private readonly ResourceLease _lease;
    private bool _closed;

    protected HostInputStream(WasiContext context)
    {
        Context = context;
        _lease = new ResourceLease(context);
    }

    protected WasiContext Context { get; }

    /// <summary>Whether failures carry a <c>wasi:filesystem</c> error code (<c>filesystem-error-code</c> returns none for other streams).</summary>
    protected virtual bool IsFileStream => false;

    public override Result<byte[], StreamError> Read(ulong len) => ReadChunk("[method]input-stream.read", len);

    public override Result<byte[], StreamError> BlockingRead(ulong len) => ReadChunk("[method]input-stream.blocking-read", len);

    public override Result<ulong, StreamError> Skip(ulong len) => SkipChunk("[method]input-stream.skip", len);

    public override Result<ulong, StreamError> BlockingSkip(ulong len) => SkipChunk("[method]input-stream.blocking-skip", len);

    public override Pollable Subscribe() => HostCall.Trap(Context, "[method]input-stream.subscribe", () => new ReadyPollable(Context));

    /// <summary>Reads into <paramref name="buffer"/>, returning 0 only at the end of the stream.</summary>
    protected abstract int ReadCore(Span<byte> buffer);

    protected override void Dispose(bool disposing)
    {
        _lease.Release();
        base.Dispose(disposing);
    }

    private Result<byte[], StreamError> ReadChunk(string function, ulong len) =>
        HostCall.Run(Context, function, Fail, () =>
        {
            if (_closed)
            {
                return Result<byte[], StreamError>.FromErr(new StreamError.Closed());
            }

            if (len == 0)
            {
                return Result<byte[], StreamError>.FromOk(Array.Empty<byte>());
            }

            var buffer = new byte[(int)Math.Min(len, MaxChunk)];
            var count = ReadCore(buffer);
            if (count == 0)
            {
                _closed = true;
                return Result<byte[], StreamError>.FromErr(new StreamError.Closed());
            }

            return Result<byte[], StreamError>.FromOk(count == buffer.Length ? buffer : buffer.AsSpan(0, count).ToArray());
        });

    private Result<ulong, StreamError> SkipChunk(string function, ulong len)
    {
        var read = ReadChunk(function, len);
        return read.IsOk ? Result<ulong, StreamError>.FromOk((ulong)read.Ok.Length) : Result<ulong, StreamError>.FromErr(read.Err);
    }

    private StreamError Fail(Exception e)
    {
        _closed = true;
        return StreamFailure.From(Context, e, IsFileStream);
    }
}

/// <summary>
/// An output stream with the <c>check-write</c> protocol of <c>wasi:io/streams</c>: <c>check-write</c> grants what
/// the destination can take now, a <c>write</c> of more than that traps (as the interface says), and the blocking
/// forms take at most 4,096 bytes. Every operation completes synchronously; the stream's pollable makes room (drains)
/// when it is asked whether the stream is ready.
/// </summary>
internal abstract class HostOutputStream : OutputStream
{
    /// <summary>The most <c>blocking-write-and-flush</c> and <c>blocking-write-zeroes-and-flush</c> take.</summary>
    public const int BlockingLimit = 4096;

    private readonly ResourceLease _lease;
    private bool _closed;

    protected HostOutputStream(WasiContext context)
    {
        Context = context;
        _lease = new ResourceLease(context);
    }

    protected WasiContext Context { get; }

    /// <summary>Whether failures carry a <c>wasi:filesystem</c> error code.</summary>
    protected virtual bool IsFileStream => false;

    public override Result<ulong, StreamError> CheckWrite() =>
        Run("[method]output-stream.check-write", () => (ulong)Permit());

    public override Result<Unit, StreamError> Write(byte[] contents) =>
        Run("[method]output-stream.write", () =>
        {
            ArgumentNullException.ThrowIfNull(contents);
            CheckPermit("write", (ulong)contents.Length);
            Accept(contents);
            return default(Unit);
        });

    public override Result<Unit, StreamError> BlockingWriteAndFlush(byte[] contents) =>
        Run("[method]output-stream.blocking-write-and-flush", () =>
        {
            ArgumentNullException.ThrowIfNull(contents);
            BlockingWrite("blocking-write-and-flush", (ulong)contents.Length, n => Accept(contents.AsSpan(0, n)));
            return default(Unit);
        });

    public override Result<Unit, StreamError> Flush() => Run("[method]output-stream.flush", Drained);

    public override Result<Unit, StreamError> BlockingFlush() => Run("[method]output-stream.blocking-flush", Drained);

    public override Pollable Subscribe() => HostCall.Trap(Context, "[method]output-stream.subscribe", () => new OutputPollable(Context, this));

    public override Result<Unit, StreamError> WriteZeroes(ulong len) =>
        Run("[method]output-stream.write-zeroes", () =>
        {
            CheckPermit("write-zeroes", len);
            AcceptZeroes((int)len);
            return default(Unit);
        });

    public override Result<Unit, StreamError> BlockingWriteZeroesAndFlush(ulong len) =>
        Run("[method]output-stream.blocking-write-zeroes-and-flush", () =>
        {
            BlockingWrite("blocking-write-zeroes-and-flush", len, AcceptZeroes);
            return default(Unit);
        });

    public override Result<ulong, StreamError> Splice(InputStream src, ulong len) => SpliceFrom("[method]output-stream.splice", src, len, blocking: false);

    public override Result<ulong, StreamError> BlockingSplice(InputStream src, ulong len) => SpliceFrom("[method]output-stream.blocking-splice", src, len, blocking: true);

    /// <summary>Makes room if the destination is full; false only if that failed (the stream is then ready to report it).</summary>
    internal void MakeRoom()
    {
        if (_closed)
        {
            return;
        }

        try
        {
            if (Permit() == 0)
            {
                Drain();
            }
        }
        catch (Exception e) when (HostCall.IsHostFailure(e))
        {
            // The next operation reports the failure; the pollable is ready for it.
        }
    }

    /// <summary>How many bytes a write may take now.</summary>
    /// <exception cref="WasiLimitException">The stream's allowance is spent.</exception>
    protected abstract int Permit();

    /// <summary>Takes bytes within <see cref="Permit"/>.</summary>
    protected abstract void Accept(ReadOnlySpan<byte> bytes);

    /// <summary>Takes zero bytes within <see cref="Permit"/>.</summary>
    protected abstract void AcceptZeroes(int count);

    /// <summary>Pushes what was taken on to the destination.</summary>
    protected abstract void Drain();

    protected override void Dispose(bool disposing)
    {
        if (!_closed)
        {
            try
            {
                Drain();
            }
            catch (Exception e) when (HostCall.IsHostFailure(e))
            {
                // Dropped by the guest: nobody is left to report a failure to.
            }
        }

        _lease.Release();
        base.Dispose(disposing);
    }

    private Unit Drained()
    {
        Drain();
        return default;
    }

    private void CheckPermit(string operation, ulong length)
    {
        var permit = Permit();
        if (length > (ulong)permit)
        {
            throw new ComponentTrapException($"output-stream.{operation} of {length} bytes exceeds the {permit} bytes check-write permits");
        }
    }

    /// <summary>A blocking write: drain first so the whole permit is free, take what the allowance leaves, flush.</summary>
    private void BlockingWrite(string operation, ulong length, Action<int> accept)
    {
        if (length > BlockingLimit)
        {
            throw new ComponentTrapException($"output-stream.{operation} of {length} bytes exceeds the {BlockingLimit} bytes it may write");
        }

        Drain();
        var permit = Permit();
        var taken = (int)Math.Min(length, (ulong)permit);
        accept(taken);
        Drain();
        if ((ulong)taken < length)
        {
            Permit(); // the allowance ran out part-way: report it
        }
    }

    private Result<ulong, StreamError> SpliceFrom(string function, InputStream src, ulong len, bool blocking) =>
        HostCall.Run(Context, function, Fail, () =>
        {
            ArgumentNullException.ThrowIfNull(src);
            if (_closed)
            {
                return Result<ulong, StreamError>.FromErr(new StreamError.Closed());
            }

            if (blocking)
            {
                Drain();
            }

            var take = Math.Min(len, (ulong)Permit());
            if (take == 0)
            {
                return Result<ulong, StreamError>.FromOk(0);
            }

            var read = blocking ? src.BlockingRead(take) : src.Read(take);
            if (read.IsErr)
            {
                return Result<ulong, StreamError>.FromErr(read.Err);
            }

            Accept(read.Ok);
            return Result<ulong, StreamError>.FromOk((ulong)read.Ok.Length);
        });

    private Result<T, StreamError> Run<T>(string function, Func<T> body) =>
        HostCall.Run(Context, function, Fail, () =>
            _closed ? Result<T, StreamError>.FromErr(new StreamError.Closed()) : Result<T, StreamError>.FromOk(body()));

    private StreamError Fail(Exception e)
    {
        _closed = true;
        return StreamFailure.From(Context, e, IsFileStream);
    }
}

/// <summary>What a stream reports when its host side failed.</summary>
internal static class StreamFailure
{
    /// <summary>
    /// <c>last-operation-failed</c> with an error describing <paramref name="e"/> (and its filesystem error code for a
    /// file stream), or <c>closed</c> when the guest holds so many resources that no error resource can be made.
    /// </summary>
    public static StreamError From(WasiContext context, Exception e, bool fileStream)
    {
        try
        {
            return new StreamError.LastOperationFailed(new HostError(context, e.Message, fileStream ? FilesystemErrors.From(e) : null));
        }
        catch (WasiLimitException)
        {
            return new StreamError.Closed();
        }
    }
}

/// <summary>An input stream reading a .NET stream the host owns (stdin); dropping it leaves the stream open.</summary>
internal sealed class DotNetInputStream : HostInputStream
{
    private readonly Stream _stream;

    public DotNetInputStream(WasiContext context, Stream stream)
        : base(context)
    {
        _stream = stream;
    }

    protected override int ReadCore(Span<byte> buffer) => _stream.Read(buffer);
}

/// <summary>An output stream writing to one of the instance's <see cref="OutputSink"/>s (stdout, stderr).</summary>
internal sealed class SinkOutputStream : HostOutputStream
{
    private readonly OutputSink _sink;

    public SinkOutputStream(WasiContext context, OutputSink sink)
        : base(context)
    {
        _sink = sink;
    }

    protected override int Permit() => _sink.Permit();

    protected override void Accept(ReadOnlySpan<byte> bytes) => _sink.Accept(bytes);

    protected override void AcceptZeroes(int count) => _sink.AcceptZeroes(count);

    protected override void Drain() => _sink.Drain();
}
