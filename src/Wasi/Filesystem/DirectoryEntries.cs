using System.Buffers.Binary;
using System.Text;
using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// A directory listing read from its own open handle as the guest asks, at most
/// <see cref="WasiLimits.MaxDirectoryEntriesPerRead"/> entries at a time (<c>getdents64</c>), in the order the
/// operating system gives them; <c>.</c> and <c>..</c> are left out. The handle is closed at the end of the listing.
/// </summary>
internal sealed class HostDirectoryEntryStream : DirectoryEntryStream
{
    /// <summary>The smallest <c>linux_dirent64</c> record (a name of up to four bytes), for sizing the buffer.</summary>
    private const int SmallestRecord = 24;

    /// <summary>Room for the largest record (a 255-byte name), which the buffer must always hold.</summary>
    private const int LargestRecord = 280;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly WasiContext _context;
    private readonly ResourceLease _lease;
    private readonly FdHandle? _fd;
    private readonly byte[] _buffer;
    private int _filled;
    private int _next;
    private bool _ended;

    private HostDirectoryEntryStream(WasiContext context, FdHandle? fd)
    {
        _lease = new ResourceLease(context);
        _context = context;
        _fd = fd;
        _ended = fd is null;
        _buffer = fd is null ? [] : new byte[Math.Max(LargestRecord, context.Limits.MaxDirectoryEntriesPerRead * SmallestRecord)];
    }

    /// <summary>The listing of a directory that has been removed: it has no entries.</summary>
    public static HostDirectoryEntryStream Empty(WasiContext context) => new(context, null);

    /// <summary>A listing over a directory handle opened for it; the handle is closed if the listing cannot be made.</summary>
    public static HostDirectoryEntryStream Over(WasiContext context, FdHandle fd)
    {
        try
        {
            return new HostDirectoryEntryStream(context, fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public override Result<DirectoryEntry?, ErrorCode> ReadDirectoryEntry() =>
        HostCall.Fs(_context, "[method]directory-entry-stream.read-directory-entry", Next);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd?.Dispose();
        }

        _lease.Release();
        base.Dispose(disposing);
    }

    private Result<DirectoryEntry?, ErrorCode> Next()
    {
        while (!_ended)
        {
            if (_next >= _filled && Fill() is { } error)
            {
                return Result<DirectoryEntry?, ErrorCode>.FromErr(error);
            }

            if (_ended)
            {
                break;
            }

            // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
            var record = _buffer.AsSpan(_next, _filled - _next);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
            if (length < 19 || length > record.Length)
            {
                return Result<DirectoryEntry?, ErrorCode>.FromErr(ErrorCode.Io);
            }

            var type = record[18];
            var nameBytes = record[19..length];
            nameBytes = nameBytes[..Math.Max(0, nameBytes.IndexOf((byte)0))];
            _next += length;
            if (nameBytes.SequenceEqual("."u8) || nameBytes.SequenceEqual(".."u8))
            {
                continue;
            }

            string name;
            try
            {
                name = StrictUtf8.GetString(nameBytes);
            }
            catch (DecoderFallbackException)
            {
                // WASI names are Unicode: this entry cannot be named to the guest.
                return Result<DirectoryEntry?, ErrorCode>.FromErr(ErrorCode.IllegalByteSequence);
            }

            return Result<DirectoryEntry?, ErrorCode>.FromOk(new DirectoryEntry(TypeOf(type, name), name));
        }

        return Result<DirectoryEntry?, ErrorCode>.FromOk(null);
    }

    private unsafe ErrorCode? Fill()
    {
        long count;
        fixed (byte* buffer = _buffer)
        {
            count = Libc.Getdents64(_fd!, buffer, (nuint)_buffer.Length);
        }

        if (count < 0)
        {
            // A removed directory has no entries (Linux reads it as ENOENT).
            if (Errno.Last != Errno.NoEnt)
            {
                return Errno.LastCode;
            }

            count = 0;
        }

        _filled = (int)count;
        _next = 0;
        if (count == 0)
        {
            _ended = true;
            _fd!.Dispose(); // the listing is complete: give the open-file slot back now
        }

        return null;
    }

    /// <summary>The entry's type from <c>d_type</c>, or from <c>statx</c> where the filesystem does not say.</summary>
    private DescriptorType TypeOf(byte type, string name) => type switch
    {
        1 => DescriptorType.Fifo,
        2 => DescriptorType.CharacterDevice,
        4 => DescriptorType.Directory,
        6 => DescriptorType.BlockDevice,
        8 => DescriptorType.RegularFile,
        10 => DescriptorType.SymbolicLink,
        12 => DescriptorType.Socket,
        _ => FileStatus.Of(_fd!, name, out var status) is null ? status.Type : DescriptorType.Unknown,
    };
}
