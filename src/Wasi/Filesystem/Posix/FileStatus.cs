using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Filesystem.Posix;

/// <summary>A time as <c>statx</c> reports it: seconds since the Unix epoch and nanoseconds.</summary>
internal readonly record struct FileTime(long Seconds, uint Nanoseconds);

/// <summary>What <c>statx(2)</c> says about a file, without following a final symbolic link.</summary>
internal readonly record struct FileStatus(
    DescriptorType Type,
    ulong Device,
    ulong Inode,
    ulong LinkCount,
    ulong Size,
    FileTime Accessed,
    FileTime Modified,
    FileTime Changed)
{
    private const uint BasicStats = 0x7ff;
    private const int BufferSize = 256;

    /// <summary>The status of the open file <paramref name="fd"/> itself.</summary>
    public static ErrorCode? Of(SafeHandle fd, out FileStatus status) => Of(fd, string.Empty, out status);

    /// <summary>
    /// The status of the entry <paramref name="name"/> (a single name, never followed if it is a symbolic link) in the
    /// directory <paramref name="directory"/>, or of the directory itself when the name is empty.
    /// </summary>
    public static unsafe ErrorCode? Of(SafeHandle directory, string name, out FileStatus status)
    {
        var buffer = stackalloc byte[BufferSize];
        var flags = Libc.AtSymlinkNofollow | (name.Length == 0 ? Libc.AtEmptyPath : 0);
        if (Libc.Statx(directory, name, flags, BasicStats, buffer) != 0)
        {
            status = default;
            return Errno.LastCode;
        }

        var b = new ReadOnlySpan<byte>(buffer, BufferSize);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(b[140..]);
        status = new FileStatus(
            TypeOfMode(mode),
            device,
            BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            Time(b[64..]),
            Time(b[112..]),
            Time(b[96..]));
        return null;
    }

    /// <summary>The descriptor type for a <c>st_mode</c>'s file type bits.</summary>
    public static DescriptorType TypeOfMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => DescriptorType.RegularFile,
        0x4000 => DescriptorType.Directory,
        0xA000 => DescriptorType.SymbolicLink,
        0x2000 => DescriptorType.CharacterDevice,
        0x6000 => DescriptorType.BlockDevice,
        0x1000 => DescriptorType.Fifo,
        0xC000 => DescriptorType.Socket,
        _ => DescriptorType.Unknown,
    };

    private static FileTime Time(ReadOnlySpan<byte> timestamp) =>
        new(BinaryPrimitives.ReadInt64LittleEndian(timestamp), BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]));
}
