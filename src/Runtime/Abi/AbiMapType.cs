namespace WitBindgen.Runtime.Abi;

/// <summary>
/// <c>map&lt;K, V&gt;</c>: CanonicalABI.md despecialises it to <c>list&lt;tuple&lt;K, V&gt;&gt;</c>, so it is a list
/// (<see cref="AbiTypeKind.List"/>) whose elements are the (key, value) entries. Its values are the lists of those
/// entries as <see cref="WitValue"/> tuples, in order and with duplicate keys kept: the component model does not
/// promise unique keys, and only bindings may fold duplicates (the last entry wins).
/// </summary>
public sealed class AbiMapType : AbiListType
{
    internal AbiMapType(AbiType key, AbiType value)
        : base(Tuple(key ?? throw new ArgumentNullException(nameof(key)), value ?? throw new ArgumentNullException(nameof(value))))
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key type.</summary>
    public AbiType Key { get; }

    /// <summary>The value type.</summary>
    public AbiType Value { get; }

    /// <summary>The entry type, <c>tuple&lt;K, V&gt;</c> (the list's element).</summary>
    public AbiTupleType Entry => (AbiTupleType)Element;

    /// <inheritdoc/>
    public override string ToString() => $"map<{Key}, {Value}>";
}
