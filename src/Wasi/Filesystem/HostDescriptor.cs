using System.Security.Cryptography;
using System.Text;
using Wasi.Clocks.WallClock;
using Wasi.Filesystem.Types;
using Wasi.Io.Streams;
using WitBindgen.Wasi.Bindings;
using WitBindgen.Wasi.Clocks;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// A descriptor for a host file or directory below a preopen. A directory descriptor holds its place (the names
/// from the preopen's root) and resolves paths through <see cref="PathResolver"/>; a file descriptor holds an open
/// handle, read and written at explicit offsets so its streams do not share a position.
/// </summary>
internal sealed class HostDescriptor : Descriptor
{
    private readonly PathResolver _resolver;
    private readonly string[] _components;
    private readonly FileStream? _file;
    private readonly Func<DateTimeOffset> _now;

    private HostDescriptor(PathResolver resolver, string[] components, DescriptorFlags flags, FileStream? file, Func<DateTimeOffset> now)
    {
        _resolver = resolver;
        _components = components;
        Flags = flags;
        _file = file;
        _now = now;
        HostPath = resolver.HostPathOf(components);
    }

    public DescriptorFlags Flags { get; }

    public string HostPath { get; }

    private bool IsDirectory => _file is null;

    private bool CanMutate => IsDirectory && (Flags & DescriptorFlags.MutateDirectory) != 0 && _resolver.Writable;

    /// <summary>The descriptor of a preopen's root.</summary>
    public static HostDescriptor OpenRoot(PathResolver resolver, Func<DateTimeOffset> now) =>
        new(resolver, Array.Empty<string>(), resolver.Writable ? DescriptorFlags.Read | DescriptorFlags.MutateDirectory : DescriptorFlags.Read, null, now);

    public override Result<InputStream, ErrorCode> ReadViaStream(ulong offset)
    {
        if (FileFor(DescriptorFlags.Read) is not { } file)
        {
            return Result<InputStream, ErrorCode>.FromErr(FileError(DescriptorFlags.Read));
        }

        return offset > long.MaxValue
            ? Result<InputStream, ErrorCode>.FromErr(ErrorCode.Invalid)
            : Result<InputStream, ErrorCode>.FromOk(new FileInputStream(file, (long)offset));
    }

    public override Result<OutputStream, ErrorCode> WriteViaStream(ulong offset)
    {
        if (FileFor(DescriptorFlags.Write) is not { } file)
        {
            return Result<OutputStream, ErrorCode>.FromErr(FileError(DescriptorFlags.Write));
        }

        return offset > long.MaxValue
            ? Result<OutputStream, ErrorCode>.FromErr(ErrorCode.Invalid)
            : Result<OutputStream, ErrorCode>.FromOk(new FileOutputStream(file, (long)offset, append: false));
    }

    public override Result<OutputStream, ErrorCode> AppendViaStream() =>
        FileFor(DescriptorFlags.Write) is { } file
            ? Result<OutputStream, ErrorCode>.FromOk(new FileOutputStream(file, 0, append: true))
            : Result<OutputStream, ErrorCode>.FromErr(FileError(DescriptorFlags.Write));

    public override Result<Unit, ErrorCode> Advise(ulong offset, ulong length, Advice advice) =>
        IsDirectory ? Fail(ErrorCode.BadDescriptor) : Ok();

    public override Result<Unit, ErrorCode> SyncData() => Sync();

    public override Result<DescriptorFlags, ErrorCode> GetFlags() => Result<DescriptorFlags, ErrorCode>.FromOk(Flags);

    public override Result<DescriptorType, ErrorCode> GetType_() =>
        Result<DescriptorType, ErrorCode>.FromOk(IsDirectory ? DescriptorType.Directory : DescriptorType.RegularFile);

    public override Result<Unit, ErrorCode> SetSize(ulong size)
    {
        if (FileFor(DescriptorFlags.Write) is not { } file)
        {
            return Fail(FileError(DescriptorFlags.Write));
        }

        return size > long.MaxValue ? Fail(ErrorCode.FileTooLarge) : Try(() => file.SetLength((long)size));
    }

    public override Result<Unit, ErrorCode> SetTimes(NewTimestamp dataAccessTimestamp, NewTimestamp dataModificationTimestamp)
    {
        if (!_resolver.Writable)
        {
            return Fail(ErrorCode.ReadOnly);
        }

        return SetTimesOf(HostPath, IsDirectory, dataAccessTimestamp, dataModificationTimestamp);
    }

    public override Result<(byte[], bool), ErrorCode> Read(ulong length, ulong offset)
    {
        if (FileFor(DescriptorFlags.Read) is not { } file)
        {
            return Result<(byte[], bool), ErrorCode>.FromErr(FileError(DescriptorFlags.Read));
        }

        if (offset > long.MaxValue)
        {
            return Result<(byte[], bool), ErrorCode>.FromErr(ErrorCode.Invalid);
        }

        try
        {
            var buffer = new byte[(int)Math.Min(length, HostInputStream.MaxChunk)];
            var count = buffer.Length == 0 ? 0 : RandomAccess.Read(file.SafeFileHandle, buffer, (long)offset);
            var bytes = count == buffer.Length ? buffer : buffer.AsSpan(0, count).ToArray();
            var end = (ulong)count < length;
            return Result<(byte[], bool), ErrorCode>.FromOk((bytes, end));
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<(byte[], bool), ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    public override Result<ulong, ErrorCode> Write(byte[] buffer, ulong offset)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (FileFor(DescriptorFlags.Write) is not { } file)
        {
            return Result<ulong, ErrorCode>.FromErr(FileError(DescriptorFlags.Write));
        }

        if (offset > long.MaxValue)
        {
            return Result<ulong, ErrorCode>.FromErr(ErrorCode.Invalid);
        }

        try
        {
            RandomAccess.Write(file.SafeFileHandle, buffer, (long)offset);
            return Result<ulong, ErrorCode>.FromOk((ulong)buffer.Length);
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<ulong, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    public override Result<DirectoryEntryStream, ErrorCode> ReadDirectory()
    {
        if (!IsDirectory)
        {
            return Result<DirectoryEntryStream, ErrorCode>.FromErr(ErrorCode.NotDirectory);
        }

        try
        {
            var entries = new DirectoryInfo(HostPath).EnumerateFileSystemInfos()
                .Select(info => new DirectoryEntry(TypeOf(PathResolver.Kind(info.FullName)), info.Name))
                .OrderBy(entry => entry.Name, StringComparer.Ordinal)
                .ToArray();
            return Result<DirectoryEntryStream, ErrorCode>.FromOk(new HostDirectoryEntryStream(entries));
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<DirectoryEntryStream, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    public override Result<Unit, ErrorCode> Sync() => _file is { } file ? Try(() => file.Flush(flushToDisk: true)) : Ok();

    public override Result<Unit, ErrorCode> CreateDirectoryAt(string path)
    {
        if (Mutation(path, out var target) is { } error)
        {
            return Fail(error);
        }

        if (target.IsBase || PathResolver.Kind(target.HostPath) != EntryKind.Missing)
        {
            return Fail(ErrorCode.Exist);
        }

        return ParentError(target) is { } parentError ? Fail(parentError) : Try(() => Directory.CreateDirectory(target.HostPath));
    }

    public override Result<DescriptorStat, ErrorCode> Stat()
    {
        if (_file is not { } file)
        {
            return StatOf(HostPath, followLink: true);
        }

        // An open file keeps its size even after it is renamed or unlinked; the times come from its path when it is still there.
        try
        {
            var size = (ulong)RandomAccess.GetLength(file.SafeFileHandle);
            var info = new FileInfo(HostPath);
            Datetime? accessed = info.Exists ? WallClockImplementation.ToDatetime(info.LastAccessTimeUtc) : null;
            Datetime? modified = info.Exists ? WallClockImplementation.ToDatetime(info.LastWriteTimeUtc) : null;
            return Result<DescriptorStat, ErrorCode>.FromOk(new DescriptorStat(DescriptorType.RegularFile, 1, size, accessed, modified, null));
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<DescriptorStat, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    public override Result<DescriptorStat, ErrorCode> StatAt(PathFlags pathFlags, string path)
    {
        var follow = (pathFlags & PathFlags.SymlinkFollow) != 0;
        return Lookup(path, follow, out var target) is { } error
            ? Result<DescriptorStat, ErrorCode>.FromErr(error)
            : StatOf(target.HostPath, follow);
    }

    public override Result<Unit, ErrorCode> SetTimesAt(PathFlags pathFlags, string path, NewTimestamp dataAccessTimestamp, NewTimestamp dataModificationTimestamp)
    {
        var follow = (pathFlags & PathFlags.SymlinkFollow) != 0;
        if (Lookup(path, follow, out var target) is { } error)
        {
            return Fail(error);
        }

        if (!CanMutate)
        {
            return Fail(ErrorCode.ReadOnly);
        }

        var kind = PathResolver.Kind(target.HostPath);
        return kind switch
        {
            EntryKind.Missing => Fail(ErrorCode.NoEntry),
            EntryKind.SymbolicLink => Fail(ErrorCode.Unsupported),
            _ => SetTimesOf(target.HostPath, kind == EntryKind.Directory, dataAccessTimestamp, dataModificationTimestamp),
        };
    }

    public override Result<Unit, ErrorCode> LinkAt(PathFlags oldPathFlags, string oldPath, Descriptor newDescriptor, string newPath)
    {
        ArgumentNullException.ThrowIfNull(newDescriptor);
        if (newDescriptor is not HostDescriptor other)
        {
            return Fail(ErrorCode.BadDescriptor);
        }

        if (Lookup(oldPath, (oldPathFlags & PathFlags.SymlinkFollow) != 0, out var source) is { } sourceError)
        {
            return Fail(sourceError);
        }

        if (other.Mutation(newPath, out var destination) is { } destinationError)
        {
            return Fail(destinationError);
        }

        if (!CanMutate)
        {
            return Fail(ErrorCode.ReadOnly);
        }

        if (!ReferenceEquals(_resolver, other._resolver))
        {
            return Fail(ErrorCode.CrossDevice);
        }

        switch (PathResolver.Kind(source.HostPath))
        {
            case EntryKind.Missing:
                return Fail(ErrorCode.NoEntry);
            case EntryKind.Directory:
                return Fail(ErrorCode.NotPermitted);
        }

        if (destination.IsBase || PathResolver.Kind(destination.HostPath) != EntryKind.Missing)
        {
            return Fail(ErrorCode.Exist);
        }

        return HardLinks.Create(source.HostPath, destination.HostPath);
    }

    public override Result<Descriptor, ErrorCode> OpenAt(PathFlags pathFlags, string path, OpenFlags openFlags, DescriptorFlags flags)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsDirectory)
        {
            return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.NotDirectory);
        }

        var wantsChange = (flags & (DescriptorFlags.Write | DescriptorFlags.MutateDirectory)) != 0
            || (openFlags & (OpenFlags.Create | OpenFlags.Truncate)) != 0;
        if (wantsChange && !CanMutate)
        {
            return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.ReadOnly);
        }

        if ((openFlags & OpenFlags.Directory) != 0 && (openFlags & (OpenFlags.Create | OpenFlags.Truncate)) != 0)
        {
            return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.Invalid);
        }

        var follow = (pathFlags & PathFlags.SymlinkFollow) != 0;
        if (_resolver.Resolve(_components, path, follow, out var target) is { } error)
        {
            return Result<Descriptor, ErrorCode>.FromErr(error);
        }

        var kind = PathResolver.Kind(target.HostPath);
        var create = (openFlags & OpenFlags.Create) != 0;
        var exclusive = (openFlags & OpenFlags.Exclusive) != 0;
        if (kind != EntryKind.Missing && create && exclusive)
        {
            return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.Exist);
        }

        switch (kind)
        {
            case EntryKind.SymbolicLink:
                // Only reached without symlink-follow: like O_NOFOLLOW.
                return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.Loop);
            case EntryKind.Directory:
                if ((flags & DescriptorFlags.Write) != 0 || (openFlags & OpenFlags.Truncate) != 0)
                {
                    return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.IsDirectory);
                }

                var directoryFlags = flags & (DescriptorFlags.Read | DescriptorFlags.MutateDirectory);
                return Result<Descriptor, ErrorCode>.FromOk(new HostDescriptor(_resolver, target.Components, directoryFlags, null, _now));
            case EntryKind.Missing when !create:
                return Result<Descriptor, ErrorCode>.FromErr(ErrorCode.NoEntry);
        }

        if ((openFlags & OpenFlags.Directory) != 0)
        {
            return Result<Descriptor, ErrorCode>.FromErr(kind == EntryKind.Missing ? ErrorCode.NoEntry : ErrorCode.NotDirectory);
        }

        if (kind == EntryKind.Missing && ParentError(target) is { } parentError)
        {
            return Result<Descriptor, ErrorCode>.FromErr(parentError);
        }

        var truncate = (openFlags & OpenFlags.Truncate) != 0;
        var mode = (create, exclusive, truncate) switch
        {
            (true, true, _) => FileMode.CreateNew,
            (true, false, true) => FileMode.Create,
            (true, false, false) => FileMode.OpenOrCreate,
            (false, _, true) => FileMode.Truncate,
            _ => FileMode.Open,
        };
        var access = (flags & DescriptorFlags.Write) != 0 || truncate || create ? FileAccess.ReadWrite : FileAccess.Read;
        try
        {
            var file = new FileStream(target.HostPath, mode, access, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var fileFlags = flags & ~DescriptorFlags.MutateDirectory;
            return Result<Descriptor, ErrorCode>.FromOk(new HostDescriptor(_resolver, target.Components, fileFlags, file, _now));
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<Descriptor, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    public override Result<string, ErrorCode> ReadlinkAt(string path)
    {
        if (Lookup(path, followFinal: false, out var target) is { } error)
        {
            return Result<string, ErrorCode>.FromErr(error);
        }

        var link = PathResolver.ReadLink(target.HostPath);
        if (link is null)
        {
            return Result<string, ErrorCode>.FromErr(PathResolver.Kind(target.HostPath) == EntryKind.Missing ? ErrorCode.NoEntry : ErrorCode.Invalid);
        }

        return PathResolver.IsAbsolute(link)
            ? Result<string, ErrorCode>.FromErr(ErrorCode.NotPermitted)
            : Result<string, ErrorCode>.FromOk(link);
    }

    public override Result<Unit, ErrorCode> RemoveDirectoryAt(string path)
    {
        if (Mutation(path, out var target) is { } error)
        {
            return Fail(error);
        }

        if (target.IsBase)
        {
            return Fail(ErrorCode.Invalid);
        }

        return PathResolver.Kind(target.HostPath) switch
        {
            EntryKind.Missing => Fail(ErrorCode.NoEntry),
            EntryKind.Directory => Try(() => Directory.Delete(target.HostPath, recursive: false)),
            _ => Fail(ErrorCode.NotDirectory),
        };
    }

    public override Result<Unit, ErrorCode> RenameAt(string oldPath, Descriptor newDescriptor, string newPath)
    {
        ArgumentNullException.ThrowIfNull(newDescriptor);
        if (newDescriptor is not HostDescriptor other)
        {
            return Fail(ErrorCode.BadDescriptor);
        }

        if (Mutation(oldPath, out var source) is { } sourceError)
        {
            return Fail(sourceError);
        }

        if (other.Mutation(newPath, out var destination) is { } destinationError)
        {
            return Fail(destinationError);
        }

        if (!ReferenceEquals(_resolver, other._resolver))
        {
            return Fail(ErrorCode.CrossDevice);
        }

        if (source.IsBase || destination.IsBase)
        {
            return Fail(ErrorCode.Busy);
        }

        var sourceKind = PathResolver.Kind(source.HostPath);
        var destinationKind = PathResolver.Kind(destination.HostPath);
        if (sourceKind == EntryKind.Missing)
        {
            return Fail(ErrorCode.NoEntry);
        }

        if (destination.Components.Length > source.Components.Length
            && destination.Components.Take(source.Components.Length).SequenceEqual(source.Components))
        {
            return Fail(ErrorCode.Invalid);
        }

        return Try(() =>
        {
            if (sourceKind == EntryKind.Directory)
            {
                switch (destinationKind)
                {
                    case EntryKind.Directory:
                        // rename(2) replaces an empty directory; Delete fails with ENOTEMPTY otherwise.
                        Directory.Delete(destination.HostPath, recursive: false);
                        break;
                    case EntryKind.File or EntryKind.SymbolicLink:
                        throw new IOException("not a directory", 20);
                }

                Directory.Move(source.HostPath, destination.HostPath);
            }
            else
            {
                if (destinationKind == EntryKind.Directory)
                {
                    throw new IOException("is a directory", 21);
                }

                File.Move(source.HostPath, destination.HostPath, overwrite: true);
            }
        });
    }

    public override Result<Unit, ErrorCode> SymlinkAt(string oldPath, string newPath)
    {
        ArgumentNullException.ThrowIfNull(oldPath);
        if (Mutation(newPath, out var target) is { } error)
        {
            return Fail(error);
        }

        // A link to an absolute host path could never be followed inside the sandbox; refuse to make one.
        if (PathResolver.IsAbsolute(oldPath) || oldPath.Contains('\0'))
        {
            return Fail(oldPath.Contains('\0') ? ErrorCode.Invalid : ErrorCode.NotPermitted);
        }

        if (target.IsBase || PathResolver.Kind(target.HostPath) != EntryKind.Missing)
        {
            return Fail(ErrorCode.Exist);
        }

        return ParentError(target) is { } parentError ? Fail(parentError) : Try(() => File.CreateSymbolicLink(target.HostPath, oldPath));
    }

    public override Result<Unit, ErrorCode> UnlinkFileAt(string path)
    {
        if (Mutation(path, out var target) is { } error)
        {
            return Fail(error);
        }

        if (target.IsBase)
        {
            return Fail(ErrorCode.IsDirectory);
        }

        return PathResolver.Kind(target.HostPath) switch
        {
            EntryKind.Missing => Fail(ErrorCode.NoEntry),
            EntryKind.Directory => Fail(ErrorCode.IsDirectory),
            _ => Try(() => File.Delete(target.HostPath)),
        };
    }

    public override bool IsSameObject(Descriptor other) =>
        other is HostDescriptor host && string.Equals(RealPath(host.HostPath), RealPath(HostPath), StringComparison.Ordinal);

    public override Result<MetadataHashValue, ErrorCode> MetadataHash() => Result<MetadataHashValue, ErrorCode>.FromOk(HashOf(HostPath));

    public override Result<MetadataHashValue, ErrorCode> MetadataHashAt(PathFlags pathFlags, string path)
    {
        if (Lookup(path, (pathFlags & PathFlags.SymlinkFollow) != 0, out var target) is { } error)
        {
            return Result<MetadataHashValue, ErrorCode>.FromErr(error);
        }

        return PathResolver.Kind(target.HostPath) == EntryKind.Missing
            ? Result<MetadataHashValue, ErrorCode>.FromErr(ErrorCode.NoEntry)
            : Result<MetadataHashValue, ErrorCode>.FromOk(HashOf(target.HostPath));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Result<Unit, ErrorCode> Ok() => Result<Unit, ErrorCode>.FromOk(default);

    private static Result<Unit, ErrorCode> Fail(ErrorCode error) => Result<Unit, ErrorCode>.FromErr(error);

    private static Result<Unit, ErrorCode> Try(Action action)
    {
        try
        {
            action();
            return Ok();
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Fail(FilesystemErrors.From(e));
        }
    }

    private static bool IsIoFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException or ArgumentException;

    private FileStream? FileFor(DescriptorFlags needed) => _file is not null && (Flags & needed) != 0 ? _file : null;

    /// <summary>Why a file operation needing <paramref name="needed"/> fails: directories are not files, and a descriptor opened without the flag is a bad one for it.</summary>
    private ErrorCode FileError(DescriptorFlags needed) => IsDirectory ? ErrorCode.IsDirectory : ErrorCode.BadDescriptor;

    /// <summary>Resolves a path for reading.</summary>
    private ErrorCode? Lookup(string path, bool followFinal, out ResolvedPath target)
    {
        ArgumentNullException.ThrowIfNull(path);
        target = default;
        return IsDirectory ? _resolver.Resolve(_components, path, followFinal, out target) : ErrorCode.NotDirectory;
    }

    /// <summary>Resolves a path whose last component is created, changed or removed (never following a final link).</summary>
    private ErrorCode? Mutation(string path, out ResolvedPath target)
    {
        if (Lookup(path, followFinal: false, out target) is { } error)
        {
            return error;
        }

        return CanMutate ? null : ErrorCode.ReadOnly;
    }

    /// <summary>Why a new entry cannot be made at <paramref name="target"/>: its parent is missing or is not a directory.</summary>
    private static ErrorCode? ParentError(ResolvedPath target)
    {
        var parent = Path.GetDirectoryName(target.HostPath);
        return parent is null ? null : PathResolver.Kind(parent) switch
        {
            EntryKind.Directory => null,
            EntryKind.Missing => ErrorCode.NoEntry,
            _ => ErrorCode.NotDirectory,
        };
    }

    private Result<Unit, ErrorCode> SetTimesOf(string path, bool directory, NewTimestamp access, NewTimestamp modification) => Try(() =>
    {
        if (TimeOf(access) is { } accessTime)
        {
            if (directory)
            {
                Directory.SetLastAccessTimeUtc(path, accessTime);
            }
            else
            {
                File.SetLastAccessTimeUtc(path, accessTime);
            }
        }

        if (TimeOf(modification) is { } modificationTime)
        {
            if (directory)
            {
                Directory.SetLastWriteTimeUtc(path, modificationTime);
            }
            else
            {
                File.SetLastWriteTimeUtc(path, modificationTime);
            }
        }
    });

    private DateTime? TimeOf(NewTimestamp timestamp) => timestamp switch
    {
        NewTimestamp.NoChange => null,
        NewTimestamp.Now => _now().UtcDateTime,
        NewTimestamp.Timestamp t => WallClockImplementation.ToDateTime(t.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(timestamp)),
    };

    private static Result<DescriptorStat, ErrorCode> StatOf(string path, bool followLink)
    {
        try
        {
            var kind = PathResolver.Kind(path);
            FileSystemInfo info = kind == EntryKind.Directory ? new DirectoryInfo(path) : new FileInfo(path);
            if (kind == EntryKind.Missing)
            {
                return Result<DescriptorStat, ErrorCode>.FromErr(ErrorCode.NoEntry);
            }

            // The resolver expanded every link on the way; a final link is reported as a link unless followed.
            if (kind == EntryKind.SymbolicLink && followLink)
            {
                return Result<DescriptorStat, ErrorCode>.FromErr(ErrorCode.Loop);
            }

            ulong size = kind switch
            {
                EntryKind.File => (ulong)((FileInfo)info).Length,
                EntryKind.SymbolicLink => (ulong)Encoding.UTF8.GetByteCount(info.LinkTarget ?? string.Empty),
                _ => 0,
            };
            Datetime? accessed = kind == EntryKind.SymbolicLink ? null : WallClockImplementation.ToDatetime(info.LastAccessTimeUtc);
            Datetime? modified = kind == EntryKind.SymbolicLink ? null : WallClockImplementation.ToDatetime(info.LastWriteTimeUtc);
            return Result<DescriptorStat, ErrorCode>.FromOk(new DescriptorStat(TypeOf(kind), 1, size, accessed, modified, null));
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return Result<DescriptorStat, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    private static DescriptorType TypeOf(EntryKind kind) => kind switch
    {
        EntryKind.File => DescriptorType.RegularFile,
        EntryKind.Directory => DescriptorType.Directory,
        EntryKind.SymbolicLink => DescriptorType.SymbolicLink,
        _ => DescriptorType.Unknown,
    };

    /// <summary>The host path with every symbolic link resolved (the path itself when resolution fails).</summary>
    private static string RealPath(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (Exception e) when (IsIoFailure(e))
        {
            return path;
        }
    }

    /// <summary>.NET exposes no inode numbers, so the hash identifies the object by its real host path.</summary>
    private static MetadataHashValue HashOf(string path)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(RealPath(path)));
        return new MetadataHashValue(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}
