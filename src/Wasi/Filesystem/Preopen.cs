using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// A preopened directory, opened once when the host is made: everything the guest does below it is resolved from
/// this handle, so replacing the host path later (by a rename or a symbolic link) changes nothing for the guest.
/// </summary>
internal sealed class Preopen
{
    private Preopen(string guestPath, bool writable, FdHandle root)
    {
        GuestPath = guestPath;
        Writable = writable;
        Root = root;
    }

    /// <summary>The name the guest knows it by.</summary>
    public string GuestPath { get; }

    /// <summary>Whether the guest may change what is below it.</summary>
    public bool Writable { get; }

    /// <summary>The directory (an <c>O_PATH</c> handle, which grants nothing by itself).</summary>
    public FdHandle Root { get; }

    /// <summary>Opens a configured preopen.</summary>
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

        var root = new FdHandle(fd);
        try
        {
            // statx (glibc 2.28) is the newest call the sandbox needs besides getdents64 (2.30): fail here, not in a guest call.
            _ = FileStatus.Of(root, out _);
        }
        catch (EntryPointNotFoundException e)
        {
            root.Dispose();
            throw new PlatformNotSupportedException("WASI preopened directories need glibc 2.30 or later (statx, getdents64).", e);
        }

        return new Preopen(preopen.GuestPath, preopen.Access == WasiDirectoryAccess.ReadWrite, root);
    }
}
