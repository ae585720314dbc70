namespace WitBindgen.Runtime.Binary;

/// <summary><c>(resource (rep t) (dtor f)?)</c>: a resource type defined by this component.</summary>
/// <param name="Representation">The core representation type (<c>i32</c>).</param>
/// <param name="DestructorIndex">Index of the destructor in the core function index space, if any.</param>
internal sealed record ResourceType(CoreValueType Representation, uint? DestructorIndex) : DefinedType
{
    /// <inheritdoc/>
    public override string Describe() =>
        $"(resource (rep {Representation}){(DestructorIndex is { } d ? $" (dtor (core func {d}))" : "")})";
}
