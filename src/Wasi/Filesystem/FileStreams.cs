using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Bindings;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>An input stream reading a file from an offset, with its own position.</summary>
internal sealed class FileInputStream : HostInputStream
{
    private readonly FileStream _file;
    private long _position;

    public FileInputStream(FileStream file, long offset)
    {
        _file = file;
        _position = offset;
    }

    protected override bool IsFileStream => true;

    protected override int ReadCore(Span<byte> buffer)
    {
        var count = RandomAccess.Read(_file.SafeFileHandle, buffer, _position);
        _position += count;
        return count;
    }
}

/// <summary>An output stream writing a file from an offset, or always at its end when appending.</summary>
internal sealed class FileOutputStream : HostOutputStream
{
    private readonly FileStream _file;
    private readonly bool _append;
    private long _position;

    public FileOutputStream(FileStream file, long offset, bool append)
    {
        _file = file;
        _position = offset;
        _append = append;
    }

    protected override bool IsFileStream => true;

    protected override void WriteCore(ReadOnlySpan<byte> contents)
    {
        var handle = _file.SafeFileHandle;
        if (_append)
        {
            _position = RandomAccess.GetLength(handle);
        }

        RandomAccess.Write(handle, contents, _position);
        _position += contents.Length;
    }

    protected override void FlushCore()
    {
        // Writes go straight to the file (the handle is unbuffered); flushing has nothing left to do.
    }
}

/// <summary>The entries of a directory, listed when the stream was made.</summary>
internal sealed class HostDirectoryEntryStream : DirectoryEntryStream
{
    private readonly DirectoryEntry[] _entries;
    private int _next;

    public HostDirectoryEntryStream(DirectoryEntry[] entries) => _entries = entries;

    public override Result<DirectoryEntry?, ErrorCode> ReadDirectoryEntry() =>
        Result<DirectoryEntry?, ErrorCode>.FromOk(_next < _entries.Length ? _entries[_next++] : null);
}
