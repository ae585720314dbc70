using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime;

/// <summary>
/// A resource as the host sees it: its runtime type and its representation. Handles lifted from a
/// guest become these; passing one back to a guest gives that guest a handle again.
/// </summary>
/// <param name="Type">The resource's runtime type.</param>
/// <param name="Rep">The representation chosen by the resource's implementation.</param>
public sealed record ResourceValue(ResourceType Type, int Rep)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type.Name}#{Rep}";
}
