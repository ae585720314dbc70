namespace WitBindgen.Composition;

/// <summary>An export of the composition: its name and the instance export (or whole instance) it exposes.</summary>
/// <param name="Name">The name the composition exports it under.</param>
/// <param name="Kind">What it is.</param>
/// <param name="SourceInstance">The instance that provides it.</param>
/// <param name="SourceExport">The export of <paramref name="SourceInstance"/>; null when the whole instance is exported.</param>
public sealed record CompositionExport(string Name, PackageItemKind Kind, string SourceInstance, string? SourceExport)
{
    /// <inheritdoc />
    public override string ToString() =>
        SourceExport is null ? $"{Name} <- {SourceInstance}" : $"{Name} <- {SourceInstance}[\"{SourceExport}\"]";
}
