using System.Runtime.InteropServices;
using System.Text;
using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>How <see cref="Beneath"/> resolves paths.</summary>
internal enum PathResolution
{
    /// <summary>The kernel's <c>openat2</c> with <c>RESOLVE_BENEATH</c> where it has it, otherwise <see cref="Walk"/>.</summary>
    Automatic,

    /// <summary>One name at a time with <c>openat</c>, <c>O_NOFOLLOW</c> and <c>O_DIRECTORY</c>, links read and expanded here.</summary>
    Walk,
}

/// <summary>
/// Resolves guest paths beneath an open directory handle, as the WASI filesystem specifies: the path is relative
/// to the directory, and resolution fails with <c>not-permitted</c> when the path is absolute, when <c>..</c>
/// climbs above the directory, or when a symbolic link holds an absolute path or leads above it. Resolution works on
/// handles only, never on host path strings, so nothing done to the tree meanwhile — renames, removals, a directory
/// swapped for a symbolic link by this guest, another guest or the host — can lead it out: each step either opens
/// the next directory without following a link (<c>O_NOFOLLOW</c>) or reads the link and expands it under the same
/// rules, and <c>..</c> returns to a directory already held. The kernel's <c>openat2</c> with
/// <c>RESOLVE_BENEATH</c> gives the same guarantees in one call and is used where it exists.
/// </summary>
internal static class Beneath
{
    /// <summary>The most symbolic links one resolution expands (Linux's own limit) before failing with <c>loop</c>.</summary>
    public const int MaxSymlinks = 40;

    private const int LinkBufferBytes = 4096;
    private const int DirectoryStep = Libc.OPath | Libc.OCloExec;
    private const ulong BeneathOnly = Libc.ResolveBeneath | Libc.ResolveNoMagicLinks;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<bool> KernelResolves = new(ProbeOpenat2);

    /// <summary>Whether this kernel resolves beneath a directory itself (<c>openat2</c>, Linux 5.6).</summary>
    public static bool HasOpenat2 => KernelResolves.Value;

    /// <summary>Resolves <paramref name="path"/> beneath the directory <paramref name="start"/>.</summary>
    /// <param name="start">The directory the path is relative to; resolution never leaves it.</param>
    /// <param name="path">The guest's path.</param>
    /// <param name="followFinal">Whether a symbolic link in the last component is followed too (always for a trailing <c>/</c>).</param>
    /// <param name="limits">The path and name length caps.</param>
    /// <param name="mode">How to resolve.</param>
    /// <param name="place">Where the path leads; dispose it.</param>
    /// <returns>Null on success, otherwise the error code.</returns>
    public static ErrorCode? Resolve(SafeHandle start, string path, bool followFinal, WasiLimits limits, PathResolution mode, out Place place)
    {
        place = default;
        if (Check(path, limits) is { } error)
        {
            return error;
        }

        if (mode == PathResolution.Automatic && KernelResolves.Value)
        {
            var result = Kernel(start, path, followFinal, limits, out place, out var walkInstead);
            if (!walkInstead)
            {
                return result;
            }
        }

        return Walk(start, path, followFinal, limits, out place);
    }

    /// <summary>What no path may be: empty, longer than the cap, holding a NUL, or absolute.</summary>
    private static ErrorCode? Check(string path, WasiLimits limits)
    {
        if (path.Length == 0)
        {
            return ErrorCode.NoEntry;
        }

        // A string's UTF-8 form has at least as many bytes as it has UTF-16 code units.
        if (path.Length > limits.MaxPathBytes || Encoding.UTF8.GetByteCount(path) > limits.MaxPathBytes)
        {
            return ErrorCode.NameTooLong;
        }

        if (path.Contains('\0'))
        {
            return ErrorCode.Invalid;
        }

        return path[0] == '/' ? ErrorCode.NotPermitted : null;
    }

    /// <summary>The walk: one directory at a time, holding each, links expanded here.</summary>
    private static ErrorCode? Walk(SafeHandle start, string path, bool follow, WasiLimits limits, out Place place)
    {
        place = default;
        var pending = new Stack<string>();
        PushComponents(pending, path);
        var mustBeDirectory = path.EndsWith('/');
        follow |= mustBeDirectory;

        // The directories entered below start, innermost last; `..` closes the innermost and so returns to its parent.
        var entered = new List<FdHandle>();
        var links = 0;
        try
        {
            while (pending.TryPop(out var name))
            {
                var last = pending.Count == 0;
                var top = entered.Count == 0 ? start : entered[^1];
                if (name == "." || name == "..")
                {
                    if (name == "..")
                    {
                        if (entered.Count == 0)
                        {
                            return ErrorCode.NotPermitted;
                        }

                        entered[^1].Dispose();
                        entered.RemoveAt(entered.Count - 1);
                    }

                    if (last)
                    {
                        place = Itself(start, entered);
                        return null;
                    }

                    continue;
                }

                if (Encoding.UTF8.GetByteCount(name) > limits.MaxNameBytes)
                {
                    return ErrorCode.NameTooLong;
                }

                if (last && !follow)
                {
                    place = Entry(start, entered, name, mustBeDirectory);
                    return null;
                }

                if (!last)
                {
                    var fd = Libc.OpenAt(top, name, DirectoryStep | Libc.ODirectory | Libc.ONoFollow, 0);
                    if (fd >= 0)
                    {
                        entered.Add(new FdHandle(fd));
                        continue;
                    }

                    // ENOTDIR or ELOOP: a file, or a symbolic link (which O_NOFOLLOW refused to follow).
                    var errno = Errno.Last;
                    if (errno is not (Errno.NotDir or Errno.Loop))
                    {
                        return Errno.ToErrorCode(errno);
                    }
                }

                var read = ReadLink(top, name, out var target);
                if (read is Errno.Inval || (read is Errno.NoEnt && last))
                {
                    // Not a symbolic link: the last component is the entry; anything before one must be a directory.
                    if (!last)
                    {
                        return ErrorCode.NotDirectory;
                    }

                    place = Entry(start, entered, name, mustBeDirectory);
                    return null;
                }

                if (Expand(read, target, ref links) is { } error)
                {
                    return error;
                }

                mustBeDirectory |= last && target.EndsWith('/');
                PushComponents(pending, target);
            }

            place = Itself(start, entered);
            return null;
        }
        finally
        {
            foreach (var directory in entered)
            {
                directory.Dispose();
            }
        }
    }

    /// <summary>The kernel's resolution: the directory part in one <c>openat2</c>; a final link expanded here and resolved again.</summary>
    private static ErrorCode? Kernel(SafeHandle start, string path, bool follow, WasiLimits limits, out Place place, out bool walkInstead)
    {
        place = default;
        walkInstead = false;
        var mustBeDirectory = false;
        var links = 0;
        while (true)
        {
            if (path.EndsWith('/'))
            {
                follow = mustBeDirectory = true;
            }

            var trimmed = path.TrimEnd('/');
            foreach (var component in trimmed.Split('/'))
            {
                if (Encoding.UTF8.GetByteCount(component) > limits.MaxNameBytes)
                {
                    return ErrorCode.NameTooLong;
                }
            }

            if (trimmed.Split('/').All(c => c is "." or ""))
            {
                // The start itself (which may have been removed: then no lookup of "." in it would succeed).
                place = new Place(start, null, null, mustBeDirectory: false);
                return null;
            }

            var cut = trimmed.LastIndexOf('/');
            var prefix = cut < 0 ? string.Empty : trimmed[..cut];
            var name = trimmed[(cut + 1)..];
            if (name is "." or "..")
            {
                if (OpenBeneath(start, trimmed, out var itself, out walkInstead) is { } error)
                {
                    return error;
                }

                place = new Place(itself!, itself, null, mustBeDirectory: false);
                return null;
            }

            FdHandle? parent = null;
            if (prefix.Length > 0 && OpenBeneath(start, prefix, out parent, out walkInstead) is { } prefixError)
            {
                return prefixError;
            }

            SafeHandle directory = parent ?? start;
            if (!follow)
            {
                place = new Place(directory, parent, name, mustBeDirectory);
                return null;
            }

            var read = ReadLink(directory, name, out var target);
            if (read is Errno.Inval or Errno.NoEnt)
            {
                place = new Place(directory, parent, name, mustBeDirectory);
                return null;
            }

            parent?.Dispose();
            if (Expand(read, target, ref links) is { } linkError)
            {
                return linkError;
            }

            // Following a link in a directory is resolving the link's text from that directory.
            path = (prefix.Length == 0 ? target : prefix + "/" + target) + (mustBeDirectory ? "/" : string.Empty);
        }
    }

    /// <summary>Opens a directory path with <c>openat2</c>, beneath <paramref name="start"/>.</summary>
    private static ErrorCode? OpenBeneath(SafeHandle start, string path, out FdHandle? directory, out bool walkInstead)
    {
        directory = null;
        walkInstead = false;
        var fd = Libc.OpenAt2(start, path, DirectoryStep | Libc.ODirectory, BeneathOnly);
        if (fd >= 0)
        {
            directory = new FdHandle(fd);
            return null;
        }

        switch (Errno.Last)
        {
            case Errno.XDev:
                // RESOLVE_BENEATH's answer to `..` above the start, or to an absolute symbolic link.
                return ErrorCode.NotPermitted;
            case Errno.Again or Errno.NoSys:
                // EAGAIN: a rename raced with `..`; the walk has no such restriction.
                walkInstead = true;
                return ErrorCode.Io;
            case var errno:
                return Errno.ToErrorCode(errno);
        }
    }

    /// <summary>Checks a symbolic link about to be followed: it was read, is not one too many, not empty and not absolute.</summary>
    private static ErrorCode? Expand(int read, string target, ref int links)
    {
        if (read != 0)
        {
            return Errno.ToErrorCode(read);
        }

        if (++links > MaxSymlinks)
        {
            return ErrorCode.Loop;
        }

        if (target.Length == 0)
        {
            return ErrorCode.NoEntry;
        }

        return target[0] == '/' ? ErrorCode.NotPermitted : null;
    }

    /// <summary>Reads the symbolic link <paramref name="name"/> in <paramref name="directory"/>.</summary>
    /// <returns>0, or the <c>errno</c>: <c>EINVAL</c> when it is not a link, <c>EILSEQ</c> when its text is not UTF-8.</returns>
    public static unsafe int ReadLink(SafeHandle directory, string name, out string target)
    {
        target = string.Empty;
        var buffer = stackalloc byte[LinkBufferBytes];
        var count = Libc.ReadLinkAt(directory, name, buffer, LinkBufferBytes);
        if (count < 0)
        {
            return Errno.Last;
        }

        if (count >= LinkBufferBytes)
        {
            return Errno.NameTooLong;
        }

        try
        {
            target = StrictUtf8.GetString(buffer, (int)count);
            return 0;
        }
        catch (DecoderFallbackException)
        {
            return 84; // EILSEQ
        }
    }

    private static Place Itself(SafeHandle start, List<FdHandle> entered)
    {
        if (entered.Count == 0)
        {
            return new Place(start, null, null, mustBeDirectory: false);
        }

        var directory = entered[^1];
        entered.RemoveAt(entered.Count - 1);
        return new Place(directory, directory, null, mustBeDirectory: false);
    }

    private static Place Entry(SafeHandle start, List<FdHandle> entered, string name, bool mustBeDirectory)
    {
        if (entered.Count == 0)
        {
            return new Place(start, null, name, mustBeDirectory);
        }

        var directory = entered[^1];
        entered.RemoveAt(entered.Count - 1);
        return new Place(directory, directory, name, mustBeDirectory);
    }

    /// <summary>Pushes the components of <paramref name="path"/> so that the first pops first; empty ones are dropped.</summary>
    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static bool ProbeOpenat2()
    {
        try
        {
            var fd = Libc.Open("/", DirectoryStep | Libc.ODirectory, 0);
            if (fd < 0)
            {
                return false;
            }

            using var root = new FdHandle(fd);
            var probe = Libc.OpenAt2(root, ".", DirectoryStep | Libc.ODirectory, BeneathOnly);
            if (probe < 0)
            {
                return false;
            }

            Libc.Close(probe);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
