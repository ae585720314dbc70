namespace WitBindgen.WitParser.Model;

/// <summary>What a type definition is. Each kind can rewrite the type references it holds.</summary>
public abstract record TypeDefKind
{
    /// <summary>
    /// Returns a copy with every contained reference rewritten. <paramref name="value"/> maps
    /// references in value positions (fields, payloads, elements); <paramref name="direct"/> maps the
    /// target of an alias or handle, which is never turned into an implicit <c>own</c> handle.
    /// </summary>
    internal abstract TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct);

    /// <summary>All type references held directly by this kind.</summary>
    public abstract IEnumerable<WitType> References { get; }
}

/// <summary>A resource type.</summary>
public sealed record ResourceKind : TypeDefKind
{
    /// <summary>The single instance.</summary>
    public static readonly ResourceKind Instance = new();

    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => this;

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Array.Empty<WitType>();
}

/// <summary>A type alias or a type brought in by <c>use</c>.</summary>
/// <param name="Target">The aliased type.</param>
public sealed record AliasKind(WitType Target) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        Target.Id is { } id ? new AliasKind(WitType.Of(direct(id))) : this;

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { Target };
}

/// <summary>A record field.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">The field type.</param>
/// <param name="Docs">Its documentation.</param>
public sealed record Field(string Name, WitType Type, Docs Docs);

/// <summary>A record.</summary>
/// <param name="Fields">The fields in order.</param>
public sealed record RecordKind(IReadOnlyList<Field> Fields) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new RecordKind(Fields.Select(f => f with { Type = value(f.Type) }).ToArray());

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Fields.Select(f => f.Type);
}

/// <summary>A variant case.</summary>
/// <param name="Name">The case name.</param>
/// <param name="Type">The payload type, if any.</param>
/// <param name="Docs">Its documentation.</param>
public sealed record Case(string Name, WitType? Type, Docs Docs);

/// <summary>A variant.</summary>
/// <param name="Cases">The cases in order.</param>
public sealed record VariantKind(IReadOnlyList<Case> Cases) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new VariantKind(Cases.Select(c => c with { Type = c.Type is { } t ? value(t) : null }).ToArray());

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Cases.Where(c => c.Type.HasValue).Select(c => c.Type!.Value);
}

/// <summary>A named flag or enum case.</summary>
/// <param name="Name">The name.</param>
/// <param name="Docs">Its documentation.</param>
public sealed record NamedItem(string Name, Docs Docs);

/// <summary>An enum.</summary>
/// <param name="Cases">The cases in order.</param>
public sealed record EnumKind(IReadOnlyList<NamedItem> Cases) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => this;

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Array.Empty<WitType>();
}

/// <summary>A flags type.</summary>
/// <param name="Flags">The flags in order.</param>
public sealed record FlagsKind(IReadOnlyList<NamedItem> Flags) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => this;

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Array.Empty<WitType>();
}

/// <summary>A tuple.</summary>
/// <param name="Types">The element types.</param>
public sealed record TupleKind(IReadOnlyList<WitType> Types) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new TupleKind(Types.Select(value).ToArray());

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Types;
}

/// <summary><c>option&lt;T&gt;</c>.</summary>
/// <param name="Inner">The payload type.</param>
public sealed record OptionKind(WitType Inner) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => new OptionKind(value(Inner));

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { Inner };
}

/// <summary><c>result&lt;T, E&gt;</c> in any of its four forms.</summary>
/// <param name="Ok">The success payload, if any.</param>
/// <param name="Err">The error payload, if any.</param>
public sealed record ResultKind(WitType? Ok, WitType? Err) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new ResultKind(Ok is { } o ? value(o) : null, Err is { } e ? value(e) : null);

    /// <inheritdoc />
    public override IEnumerable<WitType> References =>
        new[] { Ok, Err }.Where(t => t.HasValue).Select(t => t!.Value);
}

/// <summary><c>list&lt;T&gt;</c>.</summary>
/// <param name="Element">The element type.</param>
public sealed record ListKind(WitType Element) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => new ListKind(value(Element));

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { Element };
}

/// <summary><c>list&lt;T, N&gt;</c>.</summary>
/// <param name="Element">The element type.</param>
/// <param name="Length">The fixed length.</param>
public sealed record FixedLengthListKind(WitType Element, uint Length) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new FixedLengthListKind(value(Element), Length);

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { Element };
}

/// <summary><c>map&lt;K, V&gt;</c>.</summary>
/// <param name="Key">The key type.</param>
/// <param name="Value">The value type.</param>
public sealed record MapKind(WitType Key, WitType Value) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => new MapKind(value(Key), value(Value));

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { Key, Value };
}

/// <summary><c>future</c> or <c>future&lt;T&gt;</c>.</summary>
/// <param name="Payload">The payload type, if any.</param>
public sealed record FutureKind(WitType? Payload) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new FutureKind(Payload is { } p ? value(p) : null);

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Payload is { } p ? new[] { p } : Array.Empty<WitType>();
}

/// <summary><c>stream</c> or <c>stream&lt;T&gt;</c>.</summary>
/// <param name="Payload">The payload type, if any.</param>
public sealed record StreamKind(WitType? Payload) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) =>
        new StreamKind(Payload is { } p ? value(p) : null);

    /// <inheritdoc />
    public override IEnumerable<WitType> References => Payload is { } p ? new[] { p } : Array.Empty<WitType>();
}

/// <summary><c>own&lt;R&gt;</c> or <c>borrow&lt;R&gt;</c>.</summary>
/// <param name="IsBorrow">True for <c>borrow</c>.</param>
/// <param name="Resource">The resource (or an alias of it).</param>
public sealed record HandleKind(bool IsBorrow, TypeId Resource) : TypeDefKind
{
    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => new HandleKind(IsBorrow, direct(Resource));

    /// <inheritdoc />
    public override IEnumerable<WitType> References => new[] { WitType.Of(Resource) };
}

/// <summary>A placeholder for a type imported from another package, replaced during resolution.</summary>
internal sealed record UnknownKind : TypeDefKind
{
    public static readonly UnknownKind Instance = new();

    internal override TypeDefKind Rewrite(Func<WitType, WitType> value, Func<TypeId, TypeId> direct) => this;

    public override IEnumerable<WitType> References => Array.Empty<WitType>();
}
