namespace WitBindgen.Runtime;

/// <summary>
/// A component broke the rules of the canonical ABI (bad pointer, bad handle, bad discriminant,
/// reentrance, …). The offending instance is marked unusable; the host and other instances carry on.
/// </summary>
public class ComponentTrapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComponentTrapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ComponentTrapException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
