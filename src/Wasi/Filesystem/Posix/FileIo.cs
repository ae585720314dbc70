using System.Runtime.InteropServices;
using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Filesystem.Posix;

/// <summary>Reads and writes at explicit offsets (<c>pread</c>/<c>pwrite</c>), so streams and calls never share a position.</summary>
internal static unsafe class FileIo
{
    /// <summary>Reads at most <c>buffer.Length</c> bytes at <paramref name="offset"/>; 0 at the end of the file.</summary>
    /// <exception cref="PosixException">The call failed.</exception>
    public static int ReadAt(SafeHandle fd, Span<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var count = Libc.Pread(fd, p, (nuint)buffer.Length, offset);
                if (count >= 0)
                {
                    return (int)count;
                }

                if (Errno.Last != Errno.Intr)
                {
                    throw new PosixException("pread", Errno.LastCode);
                }
            }
        }
    }

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    /// <exception cref="PosixException">The call failed (<c>file-too-large</c> past the largest offset).</exception>
    public static void WriteAt(SafeHandle fd, ReadOnlySpan<byte> data, long offset)
    {
        if (offset > long.MaxValue - data.Length)
        {
            throw new PosixException("pwrite", ErrorCode.FileTooLarge);
        }

        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var count = Libc.Pwrite(fd, p + done, (nuint)(data.Length - done), offset + done);
                if (count < 0)
                {
                    if (Errno.Last == Errno.Intr)
                    {
                        continue;
                    }

                    throw new PosixException("pwrite", Errno.LastCode);
                }

                done += (int)count;
            }
        }
    }

    /// <summary>The size of the open file.</summary>
    public static long Length(SafeHandle fd) =>
        FileStatus.Of(fd, out var status) is { } error ? throw new PosixException("statx", error) : (long)Math.Min(status.Size, long.MaxValue);
}
