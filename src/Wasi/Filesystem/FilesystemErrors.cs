using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>Maps .NET I/O exceptions to <c>wasi:filesystem</c> error codes.</summary>
internal static class FilesystemErrors
{
    public static ErrorCode From(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => ErrorCode.NoEntry,
        PathTooLongException => ErrorCode.NameTooLong,
        UnauthorizedAccessException => ErrorCode.Access,
        ObjectDisposedException => ErrorCode.BadDescriptor,
        NotSupportedException => ErrorCode.Unsupported,
        ArgumentException => ErrorCode.Invalid,
        IOException io when OperatingSystem.IsLinux() => FromLinuxErrno(io.HResult),
        _ => ErrorCode.Io,
    };

    /// <summary>On Unix, .NET puts the errno of a failed system call in an <see cref="IOException"/>'s HResult.</summary>
    private static ErrorCode FromLinuxErrno(int errno) => errno switch
    {
        1 => ErrorCode.NotPermitted,
        2 => ErrorCode.NoEntry,
        5 => ErrorCode.Io,
        9 => ErrorCode.BadDescriptor,
        13 => ErrorCode.Access,
        16 => ErrorCode.Busy,
        17 => ErrorCode.Exist,
        18 => ErrorCode.CrossDevice,
        20 => ErrorCode.NotDirectory,
        21 => ErrorCode.IsDirectory,
        22 => ErrorCode.Invalid,
        26 => ErrorCode.TextFileBusy,
        27 => ErrorCode.FileTooLarge,
        28 => ErrorCode.InsufficientSpace,
        29 => ErrorCode.InvalidSeek,
        30 => ErrorCode.ReadOnly,
        31 => ErrorCode.TooManyLinks,
        32 => ErrorCode.Pipe,
        36 => ErrorCode.NameTooLong,
        39 => ErrorCode.NotEmpty,
        40 => ErrorCode.Loop,
        95 => ErrorCode.Unsupported,
        122 => ErrorCode.Quota,
        _ => ErrorCode.Io,
    };
}
