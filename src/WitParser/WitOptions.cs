namespace WitBindgen.WitParser;

/// <summary>Options for loading WIT.</summary>
public sealed class WitOptions
{
    /// <summary>The features that enable <c>@unstable(feature = …)</c> items.</summary>
    public IReadOnlyCollection<string> Features { get; init; } = Array.Empty<string>();

    /// <summary>Enables every <c>@unstable</c> item.</summary>
    public bool AllFeatures { get; init; }

    /// <summary>Where files are read from; the real file system by default.</summary>
    public IWitFileSystem FileSystem { get; init; } = PhysicalWitFileSystem.Instance;
}
