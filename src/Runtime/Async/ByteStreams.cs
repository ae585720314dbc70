namespace WitBindgen.Runtime;

/// <summary><c>stream&lt;u8&gt;</c> ends as <see cref="System.IO.Stream"/>s: each read or write is one bulk copy.</summary>
public static class ByteStreams
{
    /// <summary>A read-only <see cref="System.IO.Stream"/> over the reader (disposing it drops the reader).</summary>
    /// <param name="reader">The reader.</param>
    public static Stream AsStream(this StreamReader<byte> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ByteStream(reader, null);
    }

    /// <summary>A write-only <see cref="System.IO.Stream"/> over the writer (disposing it drops the writer, ending the stream).</summary>
    /// <param name="writer">The writer.</param>
    public static Stream AsStream(this StreamWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new ByteStream(null, writer);
    }

    private sealed class ByteStream(StreamReader<byte>? reader, StreamWriter<byte>? writer) : Stream
    {
        public override bool CanRead => reader is not null;

        public override bool CanWrite => writer is not null;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Reader.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Reader.ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) =>
            Reader.ReadAsync(buffer.AsMemory(offset, count)).GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (await Writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false) < buffer.Length)
            {
                throw new IOException("the reader of the stream dropped its end");
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                reader?.Dispose();
                writer?.Dispose();
            }

            base.Dispose(disposing);
        }

        private StreamReader<byte> Reader => reader ?? throw new NotSupportedException("the stream is write-only");

        private StreamWriter<byte> Writer => writer ?? throw new NotSupportedException("the stream is read-only");
    }
}
