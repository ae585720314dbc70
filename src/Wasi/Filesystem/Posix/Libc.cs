using System.Runtime.InteropServices;

namespace WitBindgen.Wasi.Filesystem.Posix;

/// <summary>
/// The Linux system calls the filesystem sandbox is built on, through the C library (glibc 2.30 or later: it
/// exports <c>statx</c> and <c>getdents64</c>). Every call that names a file takes a directory handle and a single
/// name, or a path that only <c>openat2</c> resolves (with <c>RESOLVE_BENEATH</c>); none is handed a host path
/// built from guest input. Handles are <see cref="SafeHandle"/>s, so a handle closed by one guest call can never be
/// confused with a descriptor number the process reused.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    public const int AtSymlinkNofollow = 0x100;
    public const int AtRemoveDir = 0x200;
    public const int AtEmptyPath = 0x1000;

    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int ORdWr = 2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int OTrunc = 0x200;
    public const int OAppend = 0x400;
    public const int ONonBlock = 0x800;
    public const int ODSync = 0x1000;
    public const int OSync = 0x101000;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;

    /// <summary><c>RESOLVE_NO_MAGICLINKS</c>: no <c>/proc/self/fd</c>-style links.</summary>
    public const ulong ResolveNoMagicLinks = 0x02;

    /// <summary><c>RESOLVE_BENEATH</c>: every step, <c>..</c> and symbolic links included, stays below the directory.</summary>
    public const ulong ResolveBeneath = 0x08;

    private const long SysOpenat2 = 437;

    /// <summary><c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> differ between architectures (arm64 has its own values).</summary>
    public static readonly int ODirectory = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <inheritdoc cref="ODirectory"/>
    public static readonly int ONoFollow = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>Whether this process can use these calls: Linux on x64 or arm64 (the architectures whose flag values are known here).</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(SafeHandle directory, string name, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long Syscall(long number, SafeHandle directory, string path, OpenHow* how, nuint size);

    /// <summary><c>openat2(2)</c>; fails with <c>ENOSYS</c> on kernels before 5.6 (or where a seccomp filter hides it).</summary>
    public static int OpenAt2(SafeHandle directory, string path, int flags, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = 0, Resolve = resolve };
        return (int)Syscall(SysOpenat2, directory, path, &how, (nuint)sizeof(OpenHow));
    }

    /// <summary><c>fcntl</c>'s <c>F_DUPFD_CLOEXEC</c>.</summary>
    public const int FDupFdCloExec = 1030;

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(SafeHandle fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(SafeHandle directory, string name, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ReadLinkAt(SafeHandle directory, string name, byte* buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkdirAt(SafeHandle directory, string name, uint mode);

    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(SafeHandle directory, string name, int flags);

    [LibraryImport(Library, EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RenameAt(SafeHandle oldDirectory, string oldName, SafeHandle newDirectory, string newName);

    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LinkAt(SafeHandle oldDirectory, string oldName, SafeHandle newDirectory, string newName, int flags);

    [LibraryImport(Library, EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SymlinkAt(string target, SafeHandle directory, string name);

    [LibraryImport(Library, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UtimensAt(SafeHandle directory, string name, TimeSpec* times, int flags);

    [LibraryImport(Library, EntryPoint = "futimens", SetLastError = true)]
    public static partial int Futimens(SafeHandle fd, TimeSpec* times);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(SafeHandle fd, long length);

    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(SafeHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint Pwrite(SafeHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(SafeHandle fd);

    [LibraryImport(Library, EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int Fdatasync(SafeHandle fd);

    [LibraryImport(Library, EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint Getdents64(SafeHandle fd, byte* buffer, nuint count);

    /// <summary><c>struct open_how</c> of <c>openat2(2)</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    /// <summary>The two times <c>futimens</c> and <c>utimensat</c> take: access, then modification.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimePair
    {
        public TimeSpec Access;
        public TimeSpec Modification;
    }

    /// <summary><c>struct timespec</c> on a 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        /// <summary><c>UTIME_NOW</c>: set the time to the current time.</summary>
        public const long Now = (1L << 30) - 1;

        /// <summary><c>UTIME_OMIT</c>: leave the time as it is.</summary>
        public const long Omit = (1L << 30) - 2;

        public long Seconds;
        public long Nanoseconds;
    }
}
