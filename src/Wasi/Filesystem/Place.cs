using System.Runtime.InteropServices;
using WitBindgen.Wasi.Filesystem.Posix;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>
/// Where a guest path led: an entry <see cref="Name"/> (a single name, never containing <c>/</c>) in an open
/// directory, or, for a path ending in <c>.</c> or <c>..</c>, the open directory itself. Operations act on it with
/// the <c>*at</c> calls and never follow a symbolic link in <see cref="Name"/>; resolution already expanded every
/// link it was asked to follow, under the sandbox's rules.
/// </summary>
internal readonly struct Place : IDisposable
{
    private readonly FdHandle? _owned;

    public Place(SafeHandle directory, FdHandle? owned, string? name, bool mustBeDirectory)
    {
        Directory = directory;
        _owned = owned;
        Name = name;
        MustBeDirectory = mustBeDirectory;
    }

    /// <summary>The directory holding the entry, or the directory the path named.</summary>
    public SafeHandle Directory { get; }

    /// <summary>The entry's name, or null when the path named <see cref="Directory"/> itself.</summary>
    public string? Name { get; }

    /// <summary>Whether the path ended with <c>/</c>, so the entry must be a directory.</summary>
    public bool MustBeDirectory { get; }

    /// <summary>Whether the path named the directory itself rather than an entry in it.</summary>
    public bool IsDirectoryItself => Name is null;

    /// <summary>Closes the directory handle if resolution opened it.</summary>
    public void Dispose() => _owned?.Dispose();
}
