using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <content>The operations that take a path, each resolved beneath this directory's handle.</content>
internal sealed partial class HostDescriptor
{
    /// <summary>Permission bits asked for new files and directories (the process's umask applies).</summary>
    private const uint NewFileMode = 0x1B6; // 0666

    /// <inheritdoc cref="NewFileMode"/>
    private const uint NewDirectoryMode = 0x1FF; // 0777

    public override Result<Descriptor, ErrorCode> OpenAt(PathFlags pathFlags, string path, OpenFlags openFlags, DescriptorFlags flags) => Fs("open-at", () =>
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!IsDirectory)
        {
            return Err<Descriptor>(ErrorCode.NotDirectory);
        }

        var create = (openFlags & OpenFlags.Create) != 0;
        var exclusive = (openFlags & OpenFlags.Exclusive) != 0;
        var truncate = (openFlags & OpenFlags.Truncate) != 0;
        var directory = (openFlags & OpenFlags.Directory) != 0;
        var write = (flags & DescriptorFlags.Write) != 0;

        // Without mutate-directory nothing may be made or changed, nor a handle opened that could change anything.
        if ((write || create || truncate || (flags & DescriptorFlags.MutateDirectory) != 0) && !CanMutate)
        {
            return Err<Descriptor>(ErrorCode.ReadOnly);
        }

        if (directory && (create || truncate))
        {
            return Err<Descriptor>(ErrorCode.Invalid);
        }

        if (Lookup(path, Follows(pathFlags), out var place) is { } error)
        {
            return Err<Descriptor>(error);
        }

        using (place)
        {
            if (place.IsDirectoryItself)
            {
                if (create && exclusive)
                {
                    return Err<Descriptor>(ErrorCode.Exist);
                }

                if (write || truncate)
                {
                    return Err<Descriptor>(ErrorCode.IsDirectory);
                }
            }

            // O_NOFOLLOW: a symbolic link that appeared in the last component since resolution is refused (loop), not
            // followed. O_NONBLOCK: opening a FIFO must not wait for a writer.
            var oflags = Libc.OCloExec | Libc.ONoFollow | Libc.ONonBlock
                | (directory || place.MustBeDirectory ? Libc.ODirectory : 0)
                | (write || truncate ? ((flags & DescriptorFlags.Read) != 0 ? Libc.ORdWr : Libc.OWrOnly) : Libc.ORdOnly)
                | (create ? Libc.OCreat : 0) | (exclusive ? Libc.OExcl : 0) | (truncate ? Libc.OTrunc : 0)
                | ((flags & (DescriptorFlags.FileIntegritySync | DescriptorFlags.RequestedWriteSync)) != 0 ? Libc.OSync : 0)
                | ((flags & DescriptorFlags.DataIntegritySync) != 0 ? Libc.ODSync : 0);
            var fd = _context.OpenFile(() => Open(place, oflags), out var openError);
            if (fd is null)
            {
                return Err<Descriptor>(openError);
            }

            if (FileStatus.Of(fd, out var status) is { } statError)
            {
                fd.Dispose();
                return Err<Descriptor>(statError);
            }

            var granted = status.Type == DescriptorType.Directory
                ? flags & (DescriptorFlags.Read | DescriptorFlags.MutateDirectory)
                : flags & ~DescriptorFlags.MutateDirectory;
            return Ok<Descriptor>(Adopt(_context, fd, status.Type, granted, CanMutate));
        }
    });

    public override Result<Unit, ErrorCode> CreateDirectoryAt(string path) => Fs("create-directory-at", () =>
    {
        if (Mutation(path, out var place) is { } error)
        {
            return Err<Unit>(error);
        }

        using (place)
        {
            return place.Name is not { } name ? Err<Unit>(ErrorCode.Exist) : Status(Libc.MkdirAt(place.Directory, name, NewDirectoryMode));
        }
    });

    public override Result<DescriptorStat, ErrorCode> StatAt(PathFlags pathFlags, string path) => Fs("stat-at", () =>
        StatOf(path, Follows(pathFlags), out var status) is { } error ? Err<DescriptorStat>(error) : Ok(ToStat(status)));

    public override Result<MetadataHashValue, ErrorCode> MetadataHashAt(PathFlags pathFlags, string path) => Fs("metadata-hash-at", () =>
        StatOf(path, Follows(pathFlags), out var status) is { } error ? Err<MetadataHashValue>(error) : Ok(_context.Hash(status)));

    public override Result<Unit, ErrorCode> SetTimesAt(PathFlags pathFlags, string path, NewTimestamp dataAccessTimestamp, NewTimestamp dataModificationTimestamp) => Fs("set-times-at", () =>
    {
        if (Lookup(path, Follows(pathFlags), out var place) is { } error)
        {
            return Err<Unit>(error);
        }

        using (place)
        {
            if (!CanMutate)
            {
                return Err<Unit>(ErrorCode.ReadOnly);
            }

            var times = Times(dataAccessTimestamp, dataModificationTimestamp);
            unsafe
            {
                return place.Name is { } name
                    ? Status(Libc.UtimensAt(place.Directory, name, &times.Access, Libc.AtSymlinkNofollow))
                    : Status(Libc.UtimensAt(place.Directory, ".", &times.Access, 0));
            }
        }
    });

    public override Result<Unit, ErrorCode> LinkAt(PathFlags oldPathFlags, string oldPath, Descriptor newDescriptor, string newPath) => Fs("link-at", () =>
    {
        ArgumentNullException.ThrowIfNull(newDescriptor);
        if (newDescriptor is not HostDescriptor other)
        {
            return Err<Unit>(ErrorCode.BadDescriptor);
        }

        if (Lookup(oldPath, Follows(oldPathFlags), out var source) is { } sourceError)
        {
            return Err<Unit>(sourceError);
        }

        using (source)
        {
            if (other.Mutation(newPath, out var destination) is { } destinationError)
            {
                return Err<Unit>(destinationError);
            }

            using (destination)
            {
                // The source's directory must allow changes too: a hard link would make a read-only file writable elsewhere.
                if (!CanMutate)
                {
                    return Err<Unit>(ErrorCode.ReadOnly);
                }

                if (source.Name is not { } sourceName)
                {
                    return Err<Unit>(ErrorCode.NotPermitted);
                }

                return destination.Name is not { } destinationName
                    ? Err<Unit>(ErrorCode.Exist)
                    : Status(Libc.LinkAt(source.Directory, sourceName, destination.Directory, destinationName, 0));
            }
        }
    });

    public override Result<string, ErrorCode> ReadlinkAt(string path) => Fs("readlink-at", () =>
    {
        if (Lookup(path, follow: false, out var place) is { } error)
        {
            return Err<string>(error);
        }

        using (place)
        {
            if (place.Name is not { } name)
            {
                return Err<string>(ErrorCode.Invalid);
            }

            var read = Beneath.ReadLink(place.Directory, name, out var target);
            if (read != 0)
            {
                return Err<string>(Errno.ToErrorCode(read));
            }

            // A link to an absolute host path would tell the guest about the host; it could never be followed anyway.
            return target.StartsWith('/') ? Err<string>(ErrorCode.NotPermitted) : Ok(target);
        }
    });

    public override Result<Unit, ErrorCode> RemoveDirectoryAt(string path) => Fs("remove-directory-at", () =>
    {
        if (Mutation(path, out var place) is { } error)
        {
            return Err<Unit>(error);
        }

        using (place)
        {
            return place.Name is not { } name ? Err<Unit>(ErrorCode.Invalid) : Status(Libc.UnlinkAt(place.Directory, name, Libc.AtRemoveDir));
        }
    });

    public override Result<Unit, ErrorCode> RenameAt(string oldPath, Descriptor newDescriptor, string newPath) => Fs("rename-at", () =>
    {
        ArgumentNullException.ThrowIfNull(newDescriptor);
        if (newDescriptor is not HostDescriptor other)
        {
            return Err<Unit>(ErrorCode.BadDescriptor);
        }

        if (Mutation(oldPath, out var source) is { } sourceError)
        {
            return Err<Unit>(sourceError);
        }

        using (source)
        {
            if (other.Mutation(newPath, out var destination) is { } destinationError)
            {
                return Err<Unit>(destinationError);
            }

            using (destination)
            {
                if (source.Name is not { } sourceName || destination.Name is not { } destinationName)
                {
                    return Err<Unit>(ErrorCode.Busy);
                }

                if ((source.MustBeDirectory || destination.MustBeDirectory) && NotADirectory(source) is { } notDirectory)
                {
                    return Err<Unit>(notDirectory);
                }

                return Status(Libc.RenameAt(source.Directory, sourceName, destination.Directory, destinationName));
            }
        }
    });

    public override Result<Unit, ErrorCode> SymlinkAt(string oldPath, string newPath) => Fs("symlink-at", () =>
    {
        ArgumentNullException.ThrowIfNull(oldPath);
        if (Mutation(newPath, out var place) is { } error)
        {
            return Err<Unit>(error);
        }

        using (place)
        {
            if (oldPath.Contains('\0'))
            {
                return Err<Unit>(ErrorCode.Invalid);
            }

            // A link to an absolute host path could never be followed inside the sandbox; refuse to make one.
            if (oldPath.StartsWith('/'))
            {
                return Err<Unit>(ErrorCode.NotPermitted);
            }

            if (oldPath.Length == 0)
            {
                return Err<Unit>(ErrorCode.NoEntry);
            }

            if (oldPath.Length > _context.Limits.MaxPathBytes || System.Text.Encoding.UTF8.GetByteCount(oldPath) > _context.Limits.MaxPathBytes)
            {
                return Err<Unit>(ErrorCode.NameTooLong);
            }

            return place.Name is not { } name ? Err<Unit>(ErrorCode.Exist) : Status(Libc.SymlinkAt(oldPath, place.Directory, name));
        }
    });

    public override Result<Unit, ErrorCode> UnlinkFileAt(string path) => Fs("unlink-file-at", () =>
    {
        if (Mutation(path, out var place) is { } error)
        {
            return Err<Unit>(error);
        }

        using (place)
        {
            if (place.Name is not { } name)
            {
                return Err<Unit>(ErrorCode.IsDirectory);
            }

            // "name/" asks for a directory, which unlink-file-at never removes.
            if (place.MustBeDirectory)
            {
                return Err<Unit>(NotADirectory(place) ?? ErrorCode.IsDirectory);
            }

            return Status(Libc.UnlinkAt(place.Directory, name, 0));
        }
    });

    private static bool Follows(PathFlags flags) => (flags & PathFlags.SymlinkFollow) != 0;

    /// <summary>
    /// Opens the entry, or the directory itself: reopened through <c>.</c>, or duplicated when it has been removed
    /// (no lookup succeeds in a removed directory, but a handle to it still describes it).
    /// </summary>
    private static int Open(Place place, int flags)
    {
        if (place.Name is { } name)
        {
            return Libc.OpenAt(place.Directory, name, flags, NewFileMode);
        }

        var fd = Libc.OpenAt(place.Directory, ".", flags, 0);
        return fd < 0 && Errno.Last == Errno.NoEnt ? Libc.Fcntl(place.Directory, Libc.FDupFdCloExec, 0) : fd;
    }

    /// <summary>Resolves a path beneath this directory.</summary>
    private ErrorCode? Lookup(string path, bool follow, out Place place)
    {
        ArgumentNullException.ThrowIfNull(path);
        place = default;
        return IsDirectory
            ? Beneath.Resolve(_fd, path, follow, _context.Limits, _context.Settings.Resolution, out place)
            : ErrorCode.NotDirectory;
    }

    /// <summary>Resolves a path whose last component is made, changed or removed (a final link is the link itself).</summary>
    private ErrorCode? Mutation(string path, out Place place)
    {
        if (Lookup(path, follow: false, out place) is { } error)
        {
            return error;
        }

        if (CanMutate)
        {
            return null;
        }

        place.Dispose();
        place = default;
        return ErrorCode.ReadOnly;
    }

    /// <summary>What a path leads to, without following a final link unless asked to.</summary>
    private ErrorCode? StatOf(string path, bool follow, out FileStatus status)
    {
        status = default;
        if (Lookup(path, follow, out var place) is { } error)
        {
            return error;
        }

        using (place)
        {
            if ((place.Name is { } name ? FileStatus.Of(place.Directory, name, out status) : FileStatus.Of(place.Directory, out status)) is { } statError)
            {
                return statError;
            }

            // Resolution expanded every link it was asked to follow; a link here appeared since: refuse it as O_NOFOLLOW does.
            if (follow && status.Type == DescriptorType.SymbolicLink)
            {
                return ErrorCode.Loop;
            }

            return place.MustBeDirectory && status.Type != DescriptorType.Directory ? ErrorCode.NotDirectory : null;
        }
    }

    /// <summary><c>not-directory</c> unless the entry is a directory (or the error reading it).</summary>
    private static ErrorCode? NotADirectory(Place place)
    {
        var error = place.Name is { } name ? FileStatus.Of(place.Directory, name, out var status) : FileStatus.Of(place.Directory, out status);
        return error ?? (status.Type == DescriptorType.Directory ? null : ErrorCode.NotDirectory);
    }
}
