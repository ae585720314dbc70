namespace WitBindgen.Runtime;

/// <summary>
/// A component cannot be instantiated: an import is missing or has the wrong kind, or the
/// component uses a feature this runtime does not support. Raised before any guest code runs
/// whenever possible.
/// </summary>
public sealed class ComponentLinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComponentLinkException(string message)
        : base(message)
    {
    }
}
