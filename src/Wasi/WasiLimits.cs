namespace WitBindgen.Wasi;

/// <summary>
/// Caps on what one guest instance may hold or produce through WASI. The defaults are meant for untrusted guests;
/// raise them for programs that need more. Each instantiation (each <see cref="WasiHost.ToHostImports"/> or
/// <see cref="WasiConfiguration.Build"/>) counts on its own.
/// </summary>
/// <example>
/// <code>
/// var wasi = new WasiConfiguration()
///     .WithLimits(new WasiLimits { MaxOpenFiles = 16, MaxOutputBytes = 1 &lt;&lt; 20 })
///     .Build();
/// </code>
/// </example>
public sealed record WasiLimits
{
    /// <summary>The defaults.</summary>
    public static WasiLimits Default { get; } = new();

    /// <summary>
    /// Operating-system handles the guest may hold open at once: descriptors of files and directories, preopens
    /// included, and directory listings in progress. Past it, opening fails with <c>insufficient-memory</c> (or, for
    /// <c>get-directories</c>, which cannot fail, traps with <see cref="Runtime.ComponentTrapKind.LimitExceeded"/>).
    /// Default 256.
    /// </summary>
    public int MaxOpenFiles { get; init; } = 256;

    /// <summary>
    /// Live WASI resources (descriptors, streams, pollables, errors, …) the guest may hold at once. Past it, a
    /// function that reports errors fails (<c>insufficient-memory</c>, or a closed stream) and one that cannot traps
    /// with <see cref="Runtime.ComponentTrapKind.LimitExceeded"/>. Default 16,384.
    /// </summary>
    public int MaxResources { get; init; } = 16_384;

    /// <summary>The longest path, in UTF-8 bytes, a filesystem call accepts (<c>name-too-long</c> beyond). Default 4,096.</summary>
    public int MaxPathBytes { get; init; } = 4096;

    /// <summary>The longest name of one path component, in UTF-8 bytes (<c>name-too-long</c> beyond). Default 255.</summary>
    public int MaxNameBytes { get; init; } = 255;

    /// <summary>
    /// Bytes the guest may write to stdout, and again to stderr. When it is spent, the stream fails with
    /// <c>last-operation-failed</c> and is closed. Default 256 MiB.
    /// </summary>
    public long MaxOutputBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Directory entries the host reads from the operating system at once while the guest lists a directory (the
    /// listing itself is not limited). Default 1,024.
    /// </summary>
    public int MaxDirectoryEntriesPerRead { get; init; } = 1024;

    /// <summary>Throws unless every cap is positive.</summary>
    internal void Validate()
    {
        Positive(MaxOpenFiles, nameof(MaxOpenFiles));
        Positive(MaxResources, nameof(MaxResources));
        Positive(MaxPathBytes, nameof(MaxPathBytes));
        Positive(MaxNameBytes, nameof(MaxNameBytes));
        Positive(MaxOutputBytes, nameof(MaxOutputBytes));
        Positive(MaxDirectoryEntriesPerRead, nameof(MaxDirectoryEntriesPerRead));

        static void Positive(long value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }
    }
}
