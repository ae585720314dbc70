using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>What a directory entry is, without following a symbolic link.</summary>
internal enum EntryKind
{
    Missing,
    File,
    Directory,
    SymbolicLink,
}

/// <summary>A guest path resolved to a place below a preopen.</summary>
/// <param name="Components">The names from the preopen's root down to the entry (empty for the root itself).</param>
/// <param name="HostPath">The host path of the entry.</param>
/// <param name="IsBase">True when the path named the base directory itself (such as <c>.</c> or <c>a/..</c>).</param>
internal readonly record struct ResolvedPath(string[] Components, string HostPath, bool IsBase);

/// <summary>
/// Resolves guest paths inside a preopened directory, the way the WASI filesystem specifies: the path is relative
/// to a base directory, and resolution fails with <c>not-permitted</c> when the path is absolute, when <c>..</c>
/// climbs above the base directory, or when a symbolic link holds an absolute path or leads above the base.
/// Every symbolic link on the way is read and expanded here, component by component, so the host path handed to
/// the operating system contains no symbolic link except, when not following, the last component.
/// </summary>
internal sealed class PathResolver
{
    /// <summary>The most symbolic links one resolution expands (as Linux's limit) before failing with <c>loop</c>.</summary>
    public const int MaxSymlinks = 40;

    public PathResolver(string root, bool writable)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Writable = writable;
    }

    /// <summary>The preopen's host path.</summary>
    public string Root { get; }

    /// <summary>Whether the preopen grants writes.</summary>
    public bool Writable { get; }

    public string HostPathOf(IReadOnlyList<string> components) =>
        components.Count == 0 ? Root : Path.Combine(Root, Path.Combine(components.ToArray()));

    /// <summary>Resolves <paramref name="path"/> against the directory at <paramref name="baseComponents"/>.</summary>
    /// <param name="baseComponents">The base directory, below the root.</param>
    /// <param name="path">The guest's path.</param>
    /// <param name="followFinal">Whether a symbolic link in the last component is followed too.</param>
    /// <param name="resolved">The resolved entry.</param>
    /// <returns>Null on success, otherwise the error code.</returns>
    public ErrorCode? Resolve(IReadOnlyList<string> baseComponents, string path, bool followFinal, out ResolvedPath resolved)
    {
        resolved = default;
        if (path.Length == 0)
        {
            return ErrorCode.NoEntry;
        }

        if (path.Contains('\0'))
        {
            return ErrorCode.Invalid;
        }

        if (IsAbsolute(path))
        {
            return ErrorCode.NotPermitted;
        }

        // A trailing slash asks for a directory, so a link in the last component is followed.
        followFinal |= path.EndsWith('/');
        var pending = new LinkedList<string>(Split(path));
        var stack = new List<string>(baseComponents);
        var floor = baseComponents.Count;
        var links = 0;
        while (pending.First is { } first)
        {
            var name = first.Value;
            pending.RemoveFirst();
            if (name == "..")
            {
                if (stack.Count == floor)
                {
                    return ErrorCode.NotPermitted;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            if (!IsPortableName(name))
            {
                return ErrorCode.NotPermitted;
            }

            stack.Add(name);
            if (pending.Count == 0 && !followFinal)
            {
                break;
            }

            var current = HostPathOf(stack);
            var target = ReadLink(current);
            if (target is null)
            {
                // A component followed by more must be a directory, so `missing/..` fails as the OS would.
                if (pending.Count > 0)
                {
                    switch (Kind(current))
                    {
                        case EntryKind.Missing:
                            return ErrorCode.NoEntry;
                        case EntryKind.File:
                            return ErrorCode.NotDirectory;
                    }
                }

                continue;
            }

            if (++links > MaxSymlinks)
            {
                return ErrorCode.Loop;
            }

            if (IsAbsolute(target))
            {
                return ErrorCode.NotPermitted;
            }

            stack.RemoveAt(stack.Count - 1);
            var parts = Split(target);
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                pending.AddFirst(parts[i]);
            }
        }

        var host = HostPathOf(stack);

        // Belt and braces: the path built from checked names must lie below the root.
        var full = Path.GetFullPath(host);
        if (!(full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            return ErrorCode.NotPermitted;
        }

        resolved = new ResolvedPath(stack.ToArray(), host, stack.Count == floor && stack.SequenceEqual(baseComponents));
        return null;
    }

    /// <summary>What is at <paramref name="hostPath"/>, without following a final symbolic link.</summary>
    public static EntryKind Kind(string hostPath)
    {
        if (ReadLink(hostPath) is not null)
        {
            return EntryKind.SymbolicLink;
        }

        if (Directory.Exists(hostPath))
        {
            return EntryKind.Directory;
        }

        return File.Exists(hostPath) ? EntryKind.File : EntryKind.Missing;
    }

    /// <summary>The target of the symbolic link at <paramref name="hostPath"/>, or null when it is not one (or does not exist).</summary>
    public static string? ReadLink(string hostPath)
    {
        try
        {
            return new FileInfo(hostPath).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || (OperatingSystem.IsWindows() && (Path.IsPathRooted(path) || path.Contains(':')));

    private static string[] Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();

    /// <summary>On Windows a backslash would separate components the guest did not write; elsewhere any name is fine.</summary>
    private static bool IsPortableName(string name) => !OperatingSystem.IsWindows() || name.IndexOfAny(['\\', ':']) < 0;
}
