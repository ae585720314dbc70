using Wasi.Clocks.WallClock;
using Wasi.Filesystem.Types;
using Wasi.Io.Streams;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// A <c>wasi:filesystem</c> descriptor: an open operating-system handle to a file or directory below a preopen.
/// A directory descriptor resolves every path it is given beneath its own handle (<see cref="Beneath"/>), so what
/// it reaches is decided by the directory it holds, never by a path that may since lead elsewhere. Files are read and
/// written at explicit offsets, so descriptors and streams do not share a position. A file opened without
/// <c>write</c> is opened read-only by the operating system too.
/// </summary>
internal sealed partial class HostDescriptor : Descriptor
{
    private readonly WasiContext _context;
    private readonly FdHandle _fd;
    private readonly DescriptorType _type;
    private readonly bool _mutableTree;
    private readonly ResourceLease _lease;

    private HostDescriptor(WasiContext context, FdHandle fd, DescriptorType type, DescriptorFlags flags, bool mutableTree)
    {
        _lease = new ResourceLease(context);
        _context = context;
        _fd = fd;
        _type = type;
        Flags = flags;
        _mutableTree = mutableTree;
    }

    /// <summary>The flags the descriptor was opened with (what it grants).</summary>
    public DescriptorFlags Flags { get; }

    private bool IsDirectory => _type == DescriptorType.Directory;

    /// <summary>Whether entries may be created, renamed or removed through this directory.</summary>
    private bool CanMutate => IsDirectory && (Flags & DescriptorFlags.MutateDirectory) != 0;

    /// <summary>A descriptor for a preopen's root, with its own handle.</summary>
    /// <exception cref="WasiLimitException">The guest holds as many open files or resources as it may.</exception>
    /// <exception cref="IOException">The preopened directory is gone or was replaced.</exception>
    public static HostDescriptor OpenRoot(WasiContext context, Preopen preopen)
    {
        var fd = preopen.OpenForGuest(context);
        var flags = preopen.Writable ? DescriptorFlags.Read | DescriptorFlags.MutateDirectory : DescriptorFlags.Read;
        return Adopt(context, fd, DescriptorType.Directory, flags, preopen.Writable);
    }

    public override Result<InputStream, ErrorCode> ReadViaStream(ulong offset) => Fs("read-via-stream", () =>
        FileError(DescriptorFlags.Read) is { } error ? Err<InputStream>(error)
        : offset > long.MaxValue ? Err<InputStream>(ErrorCode.Invalid)
        : Ok<InputStream>(new FileInputStream(_context, _fd, (long)offset)));

    public override Result<OutputStream, ErrorCode> WriteViaStream(ulong offset) => Fs("write-via-stream", () =>
        FileError(DescriptorFlags.Write) is { } error ? Err<OutputStream>(error)
        : offset > long.MaxValue ? Err<OutputStream>(ErrorCode.Invalid)
        : Ok<OutputStream>(new FileOutputStream(_context, _fd, (long)offset, append: false)));

    public override Result<OutputStream, ErrorCode> AppendViaStream() => Fs("append-via-stream", () =>
        FileError(DescriptorFlags.Write) is { } error ? Err<OutputStream>(error) : Ok<OutputStream>(new FileOutputStream(_context, _fd, 0, append: true)));

    public override Result<Unit, ErrorCode> Advise(ulong offset, ulong length, Advice advice) =>
        Fs("advise", () => IsDirectory ? Err<Unit>(ErrorCode.BadDescriptor) : Ok(default(Unit)));

    public override Result<Unit, ErrorCode> SyncData() =>
        Fs("sync-data", () => Status(IsDirectory ? Libc.Fsync(_fd) : Libc.Fdatasync(_fd)));

    public override Result<Unit, ErrorCode> Sync() => Fs("sync", () => Status(Libc.Fsync(_fd)));

    public override Result<DescriptorFlags, ErrorCode> GetFlags() => Fs("get-flags", () => Ok(Flags));

    public override Result<DescriptorType, ErrorCode> GetType_() => Fs("get-type", () => Ok(_type));

    public override Result<Unit, ErrorCode> SetSize(ulong size) => Fs("set-size", () =>
        FileError(DescriptorFlags.Write) is { } error ? Err<Unit>(error)
        : size > long.MaxValue ? Err<Unit>(ErrorCode.FileTooLarge)
        : Status(Libc.Ftruncate(_fd, (long)size)));

    public override Result<Unit, ErrorCode> SetTimes(NewTimestamp dataAccessTimestamp, NewTimestamp dataModificationTimestamp) => Fs("set-times", () =>
    {
        if (!_mutableTree)
        {
            return Err<Unit>(ErrorCode.ReadOnly);
        }

        var times = Times(dataAccessTimestamp, dataModificationTimestamp);
        unsafe
        {
            return Status(Libc.Futimens(_fd, &times.Access));
        }
    });

    public override Result<(byte[], bool), ErrorCode> Read(ulong length, ulong offset) => Fs("read", () =>
    {
        if (FileError(DescriptorFlags.Read) is { } error)
        {
            return Err<(byte[], bool)>(error);
        }

        if (offset > long.MaxValue)
        {
            return Err<(byte[], bool)>(ErrorCode.Invalid);
        }

        var buffer = new byte[(int)Math.Min(length, Io.HostInputStream.MaxChunk)];
        var count = buffer.Length == 0 ? 0 : FileIo.ReadAt(_fd, buffer, (long)offset);
        var bytes = count == buffer.Length ? buffer : buffer.AsSpan(0, count).ToArray();
        return Ok((bytes, (ulong)count < length));
    });

    public override Result<ulong, ErrorCode> Write(byte[] buffer, ulong offset) => Fs("write", () =>
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (FileError(DescriptorFlags.Write) is { } error)
        {
            return Err<ulong>(error);
        }

        if (offset > long.MaxValue)
        {
            return Err<ulong>(ErrorCode.FileTooLarge);
        }

        FileIo.WriteAt(_fd, buffer, (long)offset);
        return Ok((ulong)buffer.Length);
    });

    public override Result<DirectoryEntryStream, ErrorCode> ReadDirectory() => Fs("read-directory", () =>
    {
        if (!IsDirectory)
        {
            return Err<DirectoryEntryStream>(ErrorCode.NotDirectory);
        }

        // The listing reads from a handle of its own, so listings and descriptors never share a position.
        var fd = _context.OpenFile(() => Libc.OpenAt(_fd, ".", Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0), out var openError);
        return fd is not null ? Ok<DirectoryEntryStream>(HostDirectoryEntryStream.Over(_context, fd))
            : openError == ErrorCode.NoEntry ? Ok<DirectoryEntryStream>(HostDirectoryEntryStream.Empty(_context)) // removed: no entries
            : Err<DirectoryEntryStream>(openError);
    });

    public override Result<DescriptorStat, ErrorCode> Stat() =>
        Fs("stat", () => FileStatus.Of(_fd, out var status) is { } error ? Err<DescriptorStat>(error) : Ok(ToStat(status)));

    public override bool IsSameObject(Descriptor other) => HostCall.Trap(_context, "is-same-object", () =>
        other is HostDescriptor host
        && FileStatus.Of(_fd, out var mine) is null
        && FileStatus.Of(host._fd, out var theirs) is null
        && mine.Device == theirs.Device && mine.Inode == theirs.Inode);

    public override Result<MetadataHashValue, ErrorCode> MetadataHash() =>
        Fs("metadata-hash", () => FileStatus.Of(_fd, out var status) is { } error ? Err<MetadataHashValue>(error) : Ok(_context.Hash(status)));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd.Dispose();
        }

        _lease.Release();
        base.Dispose(disposing);
    }

    /// <summary>Wraps a handle just opened for the guest; closes it if the guest may hold no more resources.</summary>
    private static HostDescriptor Adopt(WasiContext context, FdHandle fd, DescriptorType type, DescriptorFlags flags, bool mutableTree)
    {
        try
        {
            return new HostDescriptor(context, fd, type, flags, mutableTree);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    private Result<T, ErrorCode> Fs<T>(string function, Func<Result<T, ErrorCode>> body) =>
        HostCall.Fs(_context, "[method]descriptor." + function, body);

    private static Result<T, ErrorCode> Ok<T>(T value) => Result<T, ErrorCode>.FromOk(value);

    private static Result<T, ErrorCode> Err<T>(ErrorCode error) => Result<T, ErrorCode>.FromErr(error);

    private static Result<Unit, ErrorCode> Status(int result) => result == 0 ? Ok(default(Unit)) : Err<Unit>(Errno.LastCode);

    /// <summary>
    /// Why a file operation needing <paramref name="needed"/> cannot run: a directory is not a file, and a file
    /// opened without the flag is a bad descriptor for it (as POSIX's <c>EBADF</c>).
    /// </summary>
    private ErrorCode? FileError(DescriptorFlags needed) =>
        IsDirectory ? ErrorCode.IsDirectory : (Flags & needed) == 0 ? ErrorCode.BadDescriptor : null;

    /// <summary>A stat result; times only when the host shows them (<see cref="WasiSettings.FileTimesVisible"/>).</summary>
    private DescriptorStat ToStat(in FileStatus status)
    {
        var visible = _context.Settings.FileTimesVisible;
        return new DescriptorStat(
            status.Type,
            status.LinkCount,
            status.Size,
            visible ? ToDatetime(status.Accessed) : null,
            visible ? ToDatetime(status.Modified) : null,
            visible ? ToDatetime(status.Changed) : null);
    }

    private static Datetime? ToDatetime(FileTime time) => time.Seconds < 0 ? null : new Datetime((ulong)time.Seconds, time.Nanoseconds);

    /// <summary>The two timestamps for <c>futimens</c>/<c>utimensat</c>; <c>now</c> is the guest's wall clock.</summary>
    private Libc.TimePair Times(NewTimestamp access, NewTimestamp modification) =>
        new() { Access = TimeOf(access), Modification = TimeOf(modification) };

    private Libc.TimeSpec TimeOf(NewTimestamp timestamp) => timestamp switch
    {
        NewTimestamp.NoChange => new Libc.TimeSpec { Seconds = 0, Nanoseconds = Libc.TimeSpec.Omit },
        NewTimestamp.Now => FromDatetime(Clocks.WallClockImplementation.ToDatetime(_context.Settings.WallClock())),
        NewTimestamp.Timestamp t => FromDatetime(t.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(timestamp)),
    };

    private static Libc.TimeSpec FromDatetime(Datetime time) =>
        time.Nanoseconds > 999_999_999 || time.Seconds > long.MaxValue
            ? throw new PosixException("set-times", ErrorCode.Invalid)
            : new Libc.TimeSpec { Seconds = (long)time.Seconds, Nanoseconds = time.Nanoseconds };
}
