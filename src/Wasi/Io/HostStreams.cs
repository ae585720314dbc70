using Wasi.Filesystem.Types;
using Wasi.Io.Poll;
using Wasi.Io.Streams;
using WitBindgen.Wasi.Bindings;
using WitBindgen.Wasi.Filesystem;

namespace WitBindgen.Wasi.Io;

/// <summary>
/// An input stream whose reads complete synchronously: <c>read</c> and <c>blocking-read</c> both wait for at
/// least one byte or the end of the stream, which is reported as <c>closed</c>.
/// </summary>
internal abstract class HostInputStream : InputStream
{
    /// <summary>The most a single read returns, whatever length the guest asks for.</summary>
    public const int MaxChunk = 1 << 20;

    private bool _closed;

    /// <summary>Whether failures carry a <c>wasi:filesystem</c> error code (<c>filesystem-error-code</c> returns none for other streams).</summary>
    protected virtual bool IsFileStream => false;

    public override Result<byte[], StreamError> Read(ulong len) => ReadChunk(len);

    public override Result<byte[], StreamError> BlockingRead(ulong len) => ReadChunk(len);

    public override Result<ulong, StreamError> Skip(ulong len)
    {
        var read = ReadChunk(len);
        return read.IsOk ? Result<ulong, StreamError>.FromOk((ulong)read.Ok.Length) : Result<ulong, StreamError>.FromErr(read.Err);
    }

    public override Result<ulong, StreamError> BlockingSkip(ulong len) => Skip(len);

    public override Pollable Subscribe() => new ReadyPollable();

    /// <summary>Reads into <paramref name="buffer"/>, returning 0 only at the end of the stream.</summary>
    protected abstract int ReadCore(Span<byte> buffer);

    private Result<byte[], StreamError> ReadChunk(ulong len)
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
        int count;
        try
        {
            count = ReadCore(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            _closed = true;
            return Result<byte[], StreamError>.FromErr(new StreamError.LastOperationFailed(new HostError(e.Message, IsFileStream ? FilesystemErrors.From(e) : null)));
        }

        if (count == 0)
        {
            _closed = true;
            return Result<byte[], StreamError>.FromErr(new StreamError.Closed());
        }

        return Result<byte[], StreamError>.FromOk(count == buffer.Length ? buffer : buffer.AsSpan(0, count).ToArray());
    }
}

/// <summary>
/// An output stream whose writes complete synchronously: <c>check-write</c> always grants a fixed budget and
/// <c>subscribe</c> is always ready.
/// </summary>
internal abstract class HostOutputStream : OutputStream
{
    /// <summary>What <c>check-write</c> grants.</summary>
    public const ulong WriteBudget = 1 << 20;

    private bool _closed;

    /// <summary>Whether failures carry a <c>wasi:filesystem</c> error code (<c>filesystem-error-code</c> returns none for other streams).</summary>
    protected virtual bool IsFileStream => false;

    public override Result<ulong, StreamError> CheckWrite() =>
        _closed ? Result<ulong, StreamError>.FromErr(new StreamError.Closed()) : Result<ulong, StreamError>.FromOk(WriteBudget);

    public override Result<Unit, StreamError> Write(byte[] contents) => Do(() => WriteCore(contents));

    public override Result<Unit, StreamError> BlockingWriteAndFlush(byte[] contents) => Do(() =>
    {
        WriteCore(contents);
        FlushCore();
    });

    public override Result<Unit, StreamError> Flush() => Do(FlushCore);

    public override Result<Unit, StreamError> BlockingFlush() => Do(FlushCore);

    public override Pollable Subscribe() => new ReadyPollable();

    public override Result<Unit, StreamError> WriteZeroes(ulong len) => Do(() => WriteZeroesCore(len));

    public override Result<Unit, StreamError> BlockingWriteZeroesAndFlush(ulong len) => Do(() =>
    {
        WriteZeroesCore(len);
        FlushCore();
    });

    public override Result<ulong, StreamError> Splice(InputStream src, ulong len) => SpliceFrom(src, len, blocking: false);

    public override Result<ulong, StreamError> BlockingSplice(InputStream src, ulong len) => SpliceFrom(src, len, blocking: true);

    protected abstract void WriteCore(ReadOnlySpan<byte> contents);

    protected abstract void FlushCore();

    private void WriteZeroesCore(ulong len)
    {
        if (len > WriteBudget)
        {
            throw new IOException($"write-zeroes of {len} bytes exceeds the {WriteBudget} bytes check-write permits");
        }

        WriteCore(new byte[(int)len]);
    }

    private Result<ulong, StreamError> SpliceFrom(InputStream src, ulong len, bool blocking)
    {
        ArgumentNullException.ThrowIfNull(src);
        if (_closed)
        {
            return Result<ulong, StreamError>.FromErr(new StreamError.Closed());
        }

        var read = blocking ? src.BlockingRead(Math.Min(len, WriteBudget)) : src.Read(Math.Min(len, WriteBudget));
        if (read.IsErr)
        {
            return Result<ulong, StreamError>.FromErr(read.Err);
        }

        var written = Do(() => WriteCore(read.Ok));
        return written.IsOk ? Result<ulong, StreamError>.FromOk((ulong)read.Ok.Length) : Result<ulong, StreamError>.FromErr(written.Err);
    }

    private Result<Unit, StreamError> Do(Action action)
    {
        if (_closed)
        {
            return Result<Unit, StreamError>.FromErr(new StreamError.Closed());
        }

        try
        {
            action();
            return Result<Unit, StreamError>.FromOk(default);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            _closed = true;
            return Result<Unit, StreamError>.FromErr(new StreamError.LastOperationFailed(new HostError(e.Message, IsFileStream ? FilesystemErrors.From(e) : null)));
        }
    }
}

/// <summary>An input stream reading a .NET stream the host owns (stdin); dropping it leaves the stream open.</summary>
internal sealed class DotNetInputStream : HostInputStream
{
    private readonly Stream _stream;

    public DotNetInputStream(Stream stream) => _stream = stream;

    protected override int ReadCore(Span<byte> buffer) => _stream.Read(buffer);
}

/// <summary>An output stream writing a .NET stream the host owns (stdout, stderr); dropping it leaves the stream open.</summary>
internal sealed class DotNetOutputStream : HostOutputStream
{
    private readonly Stream _stream;

    public DotNetOutputStream(Stream stream) => _stream = stream;

    protected override void WriteCore(ReadOnlySpan<byte> contents) => _stream.Write(contents);

    protected override void FlushCore() => _stream.Flush();
}
