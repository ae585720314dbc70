namespace WitBindgen.Composition;

/// <summary>
/// One instantiation argument of a planned instance: the import it satisfies and where the value comes from, an
/// export of an instance created earlier (or that whole instance).
/// </summary>
/// <param name="ImportName">The import of the instantiated component, as named in its binary.</param>
/// <param name="Kind">What the import is (the value has the same kind).</param>
/// <param name="SourceInstance">The name of the earlier instance that provides the value.</param>
/// <param name="SourceExport">The export of <paramref name="SourceInstance"/> that is passed; null when the whole instance is.</param>
public sealed record ArgumentBinding(string ImportName, PackageItemKind Kind, string SourceInstance, string? SourceExport)
{
    /// <inheritdoc />
    public override string ToString() =>
        SourceExport is null ? $"{ImportName} <- {SourceInstance}" : $"{ImportName} <- {SourceInstance}[\"{SourceExport}\"]";
}
