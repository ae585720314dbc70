using WitBindgen.Runtime.Instantiation;

namespace WitBindgen.Runtime.Linking;

/// <summary>An import satisfied by an export of another live component instance (<see cref="HostImports.Link"/>).</summary>
/// <param name="Source">The exporting instance.</param>
/// <param name="ExportName">Its top-level export (an instance, a function or a type).</param>
/// <param name="FunctionName">A function of the exported instance <paramref name="ExportName"/>, or null for the export itself.</param>
internal sealed record LinkedExport(ComponentInstance Source, string ExportName, string? FunctionName)
{
    /// <summary>How messages name the exporting side.</summary>
    public string Describe() => FunctionName is null
        ? $"export '{ExportName}' of {Source.State.Description}"
        : $"function '{FunctionName}' of the export '{ExportName}' of {Source.State.Description}";

    /// <summary>The runtime value the export stands for: a lifted function, a runtime instance or a resource type.</summary>
    /// <param name="importName">The import it satisfies, for messages.</param>
    /// <exception cref="ComponentLinkException">The export does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The exporting instance has been disposed.</exception>
    public object Resolve(string importName)
    {
        Source.State.ThrowIfDisposed();
        var value = Source.FindExport(ExportName);
        if (value is not null && FunctionName is not null)
        {
            value = value is RuntimeInstance instance ? instance.GetValueOrDefault(FunctionName) : null;
        }

        return value ?? throw new ComponentLinkException(
            $"cannot link import '{importName}': {Source.State.Description} has no {(FunctionName is null ? $"export '{ExportName}'" : $"function '{FunctionName}' in its export '{ExportName}'")}");
    }
}
