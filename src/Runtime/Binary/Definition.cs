namespace WitBindgen.Runtime.Binary;

/// <summary>
/// Something that adds entries to index spaces: a <see cref="ComponentItem"/> in a component, or a
/// <see cref="Declaration"/> in a component or instance type.
/// </summary>
internal abstract record Definition
{
    /// <summary>Byte offset in the binary where the definition starts.</summary>
    public int Offset { get; init; }

    /// <summary>A short, human-readable description, e.g. <c>canon lower of func 3</c>.</summary>
    public abstract string Describe();
}
