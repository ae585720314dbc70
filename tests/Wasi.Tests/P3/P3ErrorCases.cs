namespace WitBindgen.Wasi.Tests.P3;

/// <summary>Case indices of the WASI 0.3 error variants the tests check (wit-0.3/deps).</summary>
internal static class P3ErrorCases
{
    /// <summary><c>wasi:filesystem/types.error-code</c>.</summary>
    public static int Filesystem(string name) => Array.IndexOf(FilesystemCases, name) is var i and >= 0 ? i : throw new ArgumentException(name);

    private static readonly string[] FilesystemCases =
    [
        "access", "already", "bad-descriptor", "busy", "deadlock", "quota", "exist", "file-too-large",
        "illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io", "is-directory", "loop", "too-many-links",
        "message-size", "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory", "insufficient-space",
        "not-directory", "not-empty", "not-recoverable", "unsupported", "no-tty", "no-such-device", "overflow",
        "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy", "cross-device", "other",
    ];
}
