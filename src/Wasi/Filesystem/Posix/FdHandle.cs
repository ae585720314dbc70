using System.Runtime.InteropServices;

namespace WitBindgen.Wasi.Filesystem.Posix;

/// <summary>
/// An open Linux file descriptor. Calls take it as a <see cref="SafeHandle"/>, so it stays open while a call uses it
/// and its number is never used after it was closed (a number the process may have reused for another file).
/// </summary>
internal sealed class FdHandle : SafeHandle
{
    private readonly Action? _released;

    /// <summary>Wraps <paramref name="fd"/>; <paramref name="released"/> runs once when it is closed.</summary>
    public FdHandle(int fd, Action? released = null)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
        _released = released;
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        var closed = Libc.Close((int)handle.ToInt64()) == 0;
        _released?.Invoke();
        return closed;
    }
}
