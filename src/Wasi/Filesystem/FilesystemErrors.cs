using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>A failed system call, carried as an exception where a stream has to report it.</summary>
internal sealed class PosixException : IOException
{
    public PosixException(string operation, ErrorCode code)
        : base($"{operation} failed: {code}")
    {
        Code = code;
    }

    public ErrorCode Code { get; }
}

/// <summary>Maps exceptions from host code to <c>wasi:filesystem</c> error codes.</summary>
internal static class FilesystemErrors
{
    public static ErrorCode From(Exception e) => e switch
    {
        PosixException posix => posix.Code,
        WasiLimitException or OutOfMemoryException => ErrorCode.InsufficientMemory,
        OverflowException => ErrorCode.Overflow,
        FileNotFoundException or DirectoryNotFoundException => ErrorCode.NoEntry,
        PathTooLongException => ErrorCode.NameTooLong,
        UnauthorizedAccessException => ErrorCode.Access,
        ObjectDisposedException => ErrorCode.BadDescriptor,
        NotSupportedException or PlatformNotSupportedException => ErrorCode.Unsupported,
        ArgumentException => ErrorCode.Invalid,
        IOException io when OperatingSystem.IsLinux() && io.HResult is > 0 and < 4096 => Errno.ToErrorCode(io.HResult),
        _ => ErrorCode.Io,
    };
}
