namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A component-level type definition (<c>deftype</c>): a <see cref="DefinedValueType"/>, a
/// <see cref="FunctionType"/>, a <see cref="ComponentType"/>, an <see cref="InstanceType"/> or a
/// <see cref="ResourceType"/>. Type indices inside it refer to the type index space of the scope the
/// definition appears in.
/// </summary>
internal abstract record DefinedType
{
    private protected DefinedType()
    {
    }

    /// <summary>A short, human-readable description, e.g. <c>(list u8)</c>.</summary>
    public abstract string Describe();
}

/// <summary>
/// A value type definition (<c>defvaltype</c>): <see cref="PrimitiveValueType"/>, <see cref="RecordType"/>,
/// <see cref="VariantType"/>, <see cref="ListType"/>, <see cref="FixedSizeListType"/>, <see cref="TupleType"/>,
/// <see cref="FlagsType"/>, <see cref="EnumType"/>, <see cref="OptionType"/>, <see cref="ResultType"/>,
/// <see cref="OwnType"/>, <see cref="BorrowType"/>, <see cref="StreamType"/>, <see cref="FutureType"/>
/// or <see cref="MapType"/>.
/// </summary>
internal abstract record DefinedValueType : DefinedType
{
    private protected DefinedValueType()
    {
    }
}
