namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A <c>valtype</c>: either a primitive value type written inline, or an index in the type index space
/// of the scope it appears in.
/// </summary>
internal readonly record struct ValueTypeReference
{
    private ValueTypeReference(PrimitiveType? primitive, uint typeIndex)
    {
        Primitive = primitive;
        TypeIndex = typeIndex;
    }

    /// <summary>The primitive type, when <see cref="IsPrimitive"/>.</summary>
    public PrimitiveType? Primitive { get; }

    /// <summary>The type index, when not <see cref="IsPrimitive"/> (0 otherwise).</summary>
    public uint TypeIndex { get; }

    /// <summary>Whether this is an inline primitive type rather than a type index.</summary>
    public bool IsPrimitive => Primitive.HasValue;

    /// <summary>A reference to an inline primitive type.</summary>
    /// <param name="type">The primitive type.</param>
    public static ValueTypeReference FromPrimitive(PrimitiveType type) => new(type, 0);

    /// <summary>A reference to a type index.</summary>
    /// <param name="typeIndex">Index in the type index space.</param>
    public static ValueTypeReference FromIndex(uint typeIndex) => new(null, typeIndex);

    /// <summary>The text form: the primitive's name, or <c>type N</c>.</summary>
    public override string ToString() => Primitive is { } p ? p.ToText() : $"type {TypeIndex}";
}
