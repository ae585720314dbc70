namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A core type definition (<c>core:deftype</c>): a <see cref="CoreRecursiveType"/> (function, struct and
/// array types, possibly in a recursion group) or a <see cref="CoreModuleType"/>.
/// </summary>
internal abstract record CoreType
{
    private protected CoreType()
    {
    }

    /// <summary>How many core type indices the definition adds (the members of a recursion group, else 1).</summary>
    public abstract int IndexCount { get; }

    /// <summary>A short, human-readable description.</summary>
    public abstract string Describe();
}

/// <summary>
/// A recursion group of core types. A plain <c>(func ...)</c>, <c>(struct ...)</c> or <c>(array ...)</c>
/// is a group of one final subtype without supertypes.
/// </summary>
/// <param name="Types">The members of the group, each adding one core type index.</param>
internal sealed record CoreRecursiveType(IReadOnlyList<CoreSubType> Types) : CoreType
{
    /// <summary>The members of the group, each adding one core type index.</summary>
    public IReadOnlyList<CoreSubType> Types { get; init; } = ValueList.Of(Types);

    /// <inheritdoc/>
    public override int IndexCount => Types.Count;

    /// <inheritdoc/>
    public override string Describe() => Types.Count == 1
        ? Types[0].Describe()
        : $"(rec {string.Join(" ", Types.Select(t => t.Describe()))})";
}

/// <summary>A core subtype: <c>(sub final? supertype* comptype)</c>.</summary>
/// <param name="IsFinal">Whether the type is final (the default for a plain composite type).</param>
/// <param name="SuperTypes">Indices of declared supertypes in the core type index space.</param>
/// <param name="Type">The composite type.</param>
internal sealed record CoreSubType(bool IsFinal, IReadOnlyList<uint> SuperTypes, CoreCompositeType Type)
{
    /// <summary>Indices of declared supertypes in the core type index space.</summary>
    public IReadOnlyList<uint> SuperTypes { get; init; } = ValueList.Of(SuperTypes);

    /// <summary>A short, human-readable description.</summary>
    public string Describe() => IsFinal && SuperTypes.Count == 0
        ? Type.Describe()
        : $"(sub{(IsFinal ? " final" : "")}{string.Concat(SuperTypes.Select(s => $" {s}"))} {Type.Describe()})";
}

/// <summary>
/// A core composite type: <see cref="CoreFunctionType"/>, <see cref="CoreStructType"/> or
/// <see cref="CoreArrayType"/>.
/// </summary>
internal abstract record CoreCompositeType
{
    private protected CoreCompositeType()
    {
    }

    /// <summary>A short, human-readable description.</summary>
    public abstract string Describe();
}

/// <summary><c>(func (param t*) (result t*))</c>.</summary>
/// <param name="Parameters">The parameter types.</param>
/// <param name="Results">The result types.</param>
internal sealed record CoreFunctionType(IReadOnlyList<CoreValueType> Parameters, IReadOnlyList<CoreValueType> Results) : CoreCompositeType
{
    /// <summary>The result types.</summary>
    public IReadOnlyList<CoreValueType> Results { get; init; } = ValueList.Of(Results);

    /// <summary>The parameter types.</summary>
    public IReadOnlyList<CoreValueType> Parameters { get; init; } = ValueList.Of(Parameters);

    /// <inheritdoc/>
    public override string Describe() =>
        $"(func{(Parameters.Count > 0 ? $" (param {string.Join(" ", Parameters)})" : "")}{(Results.Count > 0 ? $" (result {string.Join(" ", Results)})" : "")})";
}

/// <summary><c>(struct (field ft)*)</c>.</summary>
/// <param name="Fields">The field types.</param>
internal sealed record CoreStructType(IReadOnlyList<CoreFieldType> Fields) : CoreCompositeType
{
    /// <summary>The field types.</summary>
    public IReadOnlyList<CoreFieldType> Fields { get; init; } = ValueList.Of(Fields);

    /// <inheritdoc/>
    public override string Describe() => $"(struct{string.Concat(Fields.Select(f => $" (field {f})"))})";
}

/// <summary><c>(array ft)</c>.</summary>
/// <param name="Element">The element field type.</param>
internal sealed record CoreArrayType(CoreFieldType Element) : CoreCompositeType
{
    /// <inheritdoc/>
    public override string Describe() => $"(array {Element})";
}

/// <summary>A struct field or array element type: a storage type and its mutability.</summary>
/// <param name="Storage">The storage type.</param>
/// <param name="Mutable">Whether the field is mutable.</param>
internal sealed record CoreFieldType(CoreStorageType Storage, bool Mutable)
{
    /// <inheritdoc/>
    public override string ToString() => Mutable ? $"(mut {Storage})" : Storage.ToString();
}

/// <summary>A storage type: a value type, or a packed <c>i8</c>/<c>i16</c>.</summary>
/// <param name="PackedBits">8 or 16 for a packed type; 0 for a value type.</param>
/// <param name="ValueType">The value type when not packed.</param>
internal readonly record struct CoreStorageType(int PackedBits, CoreValueType ValueType)
{
    /// <inheritdoc/>
    public override string ToString() => PackedBits switch
    {
        8 => "i8",
        16 => "i16",
        _ => ValueType.ToString(),
    };
}
