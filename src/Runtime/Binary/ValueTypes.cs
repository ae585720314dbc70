namespace WitBindgen.Runtime.Binary;

/// <summary>A primitive type defined as a type: <c>(type u32)</c>.</summary>
/// <param name="Type">The primitive type.</param>
internal sealed record PrimitiveValueType(PrimitiveType Type) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => Type.ToText();
}

/// <summary>A named, typed field or parameter: <c>"label" t</c>.</summary>
/// <param name="Name">The label.</param>
/// <param name="Type">The type.</param>
internal sealed record LabeledValueType(string Name, ValueTypeReference Type);

/// <summary><c>(record (field "l" t)+)</c>.</summary>
/// <param name="Fields">The fields, in order.</param>
internal sealed record RecordType(IReadOnlyList<LabeledValueType> Fields) : DefinedValueType
{
    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<LabeledValueType> Fields { get; init; } = ValueList.Of(Fields);

    /// <inheritdoc/>
    public override string Describe() => $"(record {string.Join(" ", Fields.Select(f => $"(field \"{f.Name}\" {f.Type})"))})";
}

/// <summary>One case of a <see cref="VariantType"/>.</summary>
/// <param name="Name">The case label.</param>
/// <param name="Type">The payload type, or null when the case has none.</param>
internal sealed record VariantCase(string Name, ValueTypeReference? Type);

/// <summary><c>(variant (case "l" t?)+)</c>.</summary>
/// <param name="Cases">The cases, in order.</param>
internal sealed record VariantType(IReadOnlyList<VariantCase> Cases) : DefinedValueType
{
    /// <summary>The cases, in order.</summary>
    public IReadOnlyList<VariantCase> Cases { get; init; } = ValueList.Of(Cases);

    /// <inheritdoc/>
    public override string Describe() =>
        $"(variant {string.Join(" ", Cases.Select(c => c.Type is { } t ? $"(case \"{c.Name}\" {t})" : $"(case \"{c.Name}\")"))})";
}

/// <summary><c>(list t)</c>.</summary>
/// <param name="Element">The element type.</param>
internal sealed record ListType(ValueTypeReference Element) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(list {Element})";
}

/// <summary><c>(list t len)</c>: a list of a fixed length.</summary>
/// <param name="Element">The element type.</param>
/// <param name="Length">The number of elements.</param>
internal sealed record FixedSizeListType(ValueTypeReference Element, uint Length) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(list {Element} {Length})";
}

/// <summary><c>(tuple t+)</c>.</summary>
/// <param name="Types">The element types, in order.</param>
internal sealed record TupleType(IReadOnlyList<ValueTypeReference> Types) : DefinedValueType
{
    /// <summary>The element types, in order.</summary>
    public IReadOnlyList<ValueTypeReference> Types { get; init; } = ValueList.Of(Types);

    /// <inheritdoc/>
    public override string Describe() => $"(tuple {string.Join(" ", Types)})";
}

/// <summary><c>(flags "l"+)</c>.</summary>
/// <param name="Names">The flag labels, in order.</param>
internal sealed record FlagsType(IReadOnlyList<string> Names) : DefinedValueType
{
    /// <summary>The flag labels, in order.</summary>
    public IReadOnlyList<string> Names { get; init; } = ValueList.Of(Names);

    /// <inheritdoc/>
    public override string Describe() => $"(flags {string.Join(" ", Names.Select(n => $"\"{n}\""))})";
}

/// <summary><c>(enum "l"+)</c>.</summary>
/// <param name="Cases">The case labels, in order.</param>
internal sealed record EnumType(IReadOnlyList<string> Cases) : DefinedValueType
{
    /// <summary>The case labels, in order.</summary>
    public IReadOnlyList<string> Cases { get; init; } = ValueList.Of(Cases);

    /// <inheritdoc/>
    public override string Describe() => $"(enum {string.Join(" ", Cases.Select(n => $"\"{n}\""))})";
}

/// <summary><c>(option t)</c>.</summary>
/// <param name="Type">The payload type.</param>
internal sealed record OptionType(ValueTypeReference Type) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(option {Type})";
}

/// <summary><c>(result t? (error u)?)</c>.</summary>
/// <param name="Ok">The success payload type, if any.</param>
/// <param name="Error">The error payload type, if any.</param>
internal sealed record ResultType(ValueTypeReference? Ok, ValueTypeReference? Error) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() =>
        $"(result{(Ok is { } ok ? $" {ok}" : "")}{(Error is { } e ? $" (error {e})" : "")})";
}

/// <summary><c>(own i)</c>: an owned handle to a resource.</summary>
/// <param name="ResourceTypeIndex">Index of the resource type in the type index space.</param>
internal sealed record OwnType(uint ResourceTypeIndex) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(own {ResourceTypeIndex})";
}

/// <summary><c>(borrow i)</c>: a borrowed handle to a resource.</summary>
/// <param name="ResourceTypeIndex">Index of the resource type in the type index space.</param>
internal sealed record BorrowType(uint ResourceTypeIndex) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(borrow {ResourceTypeIndex})";
}

/// <summary><c>(stream t?)</c>.</summary>
/// <param name="Element">The element type, or null for a stream without payload.</param>
internal sealed record StreamType(ValueTypeReference? Element) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => Element is { } e ? $"(stream {e})" : "(stream)";
}

/// <summary><c>(future t?)</c>.</summary>
/// <param name="Element">The payload type, or null for a future without payload.</param>
internal sealed record FutureType(ValueTypeReference? Element) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => Element is { } e ? $"(future {e})" : "(future)";
}

/// <summary><c>(map k v)</c>.</summary>
/// <param name="Key">The key type.</param>
/// <param name="Value">The value type.</param>
internal sealed record MapType(ValueTypeReference Key, ValueTypeReference Value) : DefinedValueType
{
    /// <inheritdoc/>
    public override string Describe() => $"(map {Key} {Value})";
}
