using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// A preopened directory, identified when the host is made by its device and inode numbers. Each
/// <c>get-directories</c> opens it again for the guest (the host holds no handle between instances) and checks it is
/// still the same directory: one replaced since (renamed away, swapped for a symbolic link) is refused, so what a
/// guest reaches is what the host granted.
/// </summary>
internal sealed class Preopen
{
    private readonly string _hostPath;
    private readonly ulong _device;
    private readonly ulong _inode;

    private Preopen(string hostPath, string guestPath, bool writable, in FileStatus identity)
    {
        _hostPath = hostPath;
        GuestPath = guestPath;
        Writable = writable;
        _device = identity.Device;
        _inode = identity.Inode;
    }

    /// <summary>The name the guest knows it by.</summary>
    public string GuestPath { get; }

    /// <summary>Whether the guest may change what is below it.</summary>
    public bool Writable { get; }

    /// <summary>Identifies a configured preopen.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x64 or arm64 with glibc 2.30 or later.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not open it.</exception>
    public static Preopen Open(WasiPreopen preopen)
    {
        if (!Libc.IsSupported)
        {
            throw new PlatformNotSupportedException(
                "WASI preopened directories need Linux on x64 or arm64: the sandbox resolves every path on open directory handles (openat, openat2), which this platform does not offer to .NET.");
        }

        int fd;
        try
        {
            fd = Libc.Open(preopen.HostPath, Libc.OPath | Libc.ODirectory | Libc.OCloExec, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new PlatformNotSupportedException("WASI preopened directories need the C library's openat family (glibc 2.30 or later).", e);
        }

        if (fd < 0)
        {
            var errno = Errno.Last;
            var message = $"Cannot open the directory '{preopen.HostPath}' to preopen it: {Errno.ToErrorCode(errno)}.";
            throw errno switch
            {
                Errno.NoEnt or Errno.NotDir => new DirectoryNotFoundException(message),
                Errno.Acces or Errno.Perm => new UnauthorizedAccessException(message),
                _ => new IOException(message, errno),
            };
        }

        using var root = new FdHandle(fd);
        FileStatus identity;
        try
        {
            // statx (glibc 2.28) is the newest call the sandbox needs besides getdents64 (2.30): fail here, not in a guest call.
            if (FileStatus.Of(root, out identity) is { } error)
            {
                throw new IOException($"Cannot read the directory '{preopen.HostPath}' to preopen it: {error}.");
            }
        }
        catch (EntryPointNotFoundException e)
        {
            throw new PlatformNotSupportedException("WASI preopened directories need glibc 2.30 or later (statx, getdents64).", e);
        }

        return new Preopen(preopen.HostPath, preopen.GuestPath, preopen.Access == WasiDirectoryAccess.ReadWrite, identity);
    }

    /// <summary>Opens the directory for a guest descriptor, checking it is the one the host was made with.</summary>
    /// <exception cref="WasiLimitException">The guest holds as many open files as it may.</exception>
    /// <exception cref="IOException">The directory is gone or was replaced.</exception>
    public FdHandle OpenForGuest(WasiContext context)
    {
        var fd = context.OpenFile(() => Libc.Open(_hostPath, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0), out var error)
            ?? throw new IOException($"the preopened directory '{GuestPath}' cannot be opened: {error}");
        if (FileStatus.Of(fd, out var status) is not null || status.Device != _device || status.Inode != _inode)
        {
            fd.Dispose();
            throw new IOException($"the preopened directory '{GuestPath}' was replaced after the host was made");
        }

        return fd;
    }
}
