using System.Runtime.InteropServices;
using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Filesystem.Posix;

/// <summary>Linux <c>errno</c> values (the same on every architecture this host supports) and their WASI error codes.</summary>
internal static class Errno
{
    public const int Perm = 1;
    public const int NoEnt = 2;
    public const int Intr = 4;
    public const int Again = 11;
    public const int NoMem = 12;
    public const int Acces = 13;
    public const int Exist = 17;
    public const int XDev = 18;
    public const int NotDir = 20;
    public const int IsDir = 21;
    public const int Inval = 22;
    public const int FBig = 27;
    public const int NameTooLong = 36;
    public const int NoSys = 38;
    public const int Loop = 40;

    /// <summary>The <c>errno</c> of the last failed call.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    /// <summary>The WASI error code for the last failed call.</summary>
    public static ErrorCode LastCode => ToErrorCode(Last);

    /// <summary>The WASI error code for an <c>errno</c>.</summary>
    public static ErrorCode ToErrorCode(int errno) => errno switch
    {
        1 => ErrorCode.NotPermitted,
        2 => ErrorCode.NoEntry,
        4 => ErrorCode.Interrupted,
        5 => ErrorCode.Io,
        6 => ErrorCode.NoSuchDevice,
        9 => ErrorCode.BadDescriptor,
        11 => ErrorCode.WouldBlock,
        12 or 23 or 24 => ErrorCode.InsufficientMemory,
        13 => ErrorCode.Access,
        16 => ErrorCode.Busy,
        17 => ErrorCode.Exist,
        18 => ErrorCode.CrossDevice,
        19 => ErrorCode.NoDevice,
        20 => ErrorCode.NotDirectory,
        21 => ErrorCode.IsDirectory,
        22 or 7 => ErrorCode.Invalid,
        25 => ErrorCode.NoTty,
        26 => ErrorCode.TextFileBusy,
        27 => ErrorCode.FileTooLarge,
        28 => ErrorCode.InsufficientSpace,
        29 => ErrorCode.InvalidSeek,
        30 => ErrorCode.ReadOnly,
        31 => ErrorCode.TooManyLinks,
        32 => ErrorCode.Pipe,
        35 => ErrorCode.Deadlock,
        36 => ErrorCode.NameTooLong,
        37 => ErrorCode.NoLock,
        38 or 95 => ErrorCode.Unsupported,
        39 => ErrorCode.NotEmpty,
        40 => ErrorCode.Loop,
        75 => ErrorCode.Overflow,
        84 => ErrorCode.IllegalByteSequence,
        90 => ErrorCode.MessageSize,
        114 => ErrorCode.Already,
        115 => ErrorCode.InProgress,
        122 => ErrorCode.Quota,
        131 => ErrorCode.NotRecoverable,
        _ => ErrorCode.Io,
    };
}
