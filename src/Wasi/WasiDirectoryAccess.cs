namespace WitBindgen.Wasi;

/// <summary>What a guest may do with a preopened directory.</summary>
public enum WasiDirectoryAccess
{
    /// <summary>
    /// The guest may list the directory, stat and read files below it, and follow symbolic links that stay inside
    /// it. Every operation that would create, change or delete something fails with <c>read-only</c>.
    /// </summary>
    ReadOnly,

    /// <summary>The guest may also create, write, rename and delete files, directories and links below the directory.</summary>
    ReadWrite,
}
