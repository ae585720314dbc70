using WitBindgen.Wasi.Filesystem.Posix;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>An input stream reading a file from an offset, with its own position.</summary>
internal sealed class FileInputStream : HostInputStream
{
    private readonly FdHandle _fd;
    private long _position;

    public FileInputStream(WasiContext context, FdHandle fd, long offset)
        : base(context)
    {
        _fd = fd;
        _position = offset;
    }

    protected override bool IsFileStream => true;

    protected override int ReadCore(Span<byte> buffer)
    {
        var count = FileIo.ReadAt(_fd, buffer, _position);
        _position += count;
        return count;
    }
}

/// <summary>
/// An output stream writing a file from an offset, or always at its end when appending. Writes go straight to the
/// file, so <c>check-write</c> always grants a full chunk and flushing has nothing left to do.
/// </summary>
internal sealed class FileOutputStream : HostOutputStream
{
    private readonly FdHandle _fd;
    private readonly bool _append;
    private long _position;

    public FileOutputStream(WasiContext context, FdHandle fd, long offset, bool append)
        : base(context)
    {
        _fd = fd;
        _position = offset;
        _append = append;
    }

    protected override bool IsFileStream => true;

    protected override int Permit() => OutputSink.Capacity;

    protected override void Accept(ReadOnlySpan<byte> bytes)
    {
        if (_append)
        {
            _position = FileIo.Length(_fd);
        }

        FileIo.WriteAt(_fd, bytes, _position);
        _position += bytes.Length;
    }

    protected override void AcceptZeroes(int count) => Accept(new byte[count]);

    protected override void Drain()
    {
    }
}
