namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The type of an import or export (<c>externtype</c>): <see cref="CoreModuleExternType"/>,
/// <see cref="FunctionExternType"/>, <see cref="ValueExternType"/>, <see cref="TypeExternType"/>,
/// <see cref="ComponentExternType"/> or <see cref="InstanceExternType"/>.
/// </summary>
internal abstract record ExternType
{
    private protected ExternType()
    {
    }

    /// <summary>The sort, and so the index space an import or export of this type adds to.</summary>
    public abstract Sort Sort { get; }

    /// <summary>A short, human-readable description.</summary>
    public abstract string Describe();
}

/// <summary><c>(core module (type i))</c>.</summary>
/// <param name="CoreTypeIndex">Index of a module type in the core type index space.</param>
internal sealed record CoreModuleExternType(uint CoreTypeIndex) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.CoreModule;

    /// <inheritdoc/>
    public override string Describe() => $"(core module (type {CoreTypeIndex}))";
}

/// <summary><c>(func (type i))</c>.</summary>
/// <param name="TypeIndex">Index of a function type in the type index space.</param>
internal sealed record FunctionExternType(uint TypeIndex) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.Function;

    /// <inheritdoc/>
    public override string Describe() => $"(func (type {TypeIndex}))";
}

/// <summary><c>(value b)</c>.</summary>
/// <param name="Bound">The value bound.</param>
internal sealed record ValueExternType(ValueBound Bound) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.Value;

    /// <inheritdoc/>
    public override string Describe() => $"(value {Bound})";
}

/// <summary><c>(type b)</c>.</summary>
/// <param name="Bound">The type bound.</param>
internal sealed record TypeExternType(TypeBound Bound) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.Type;

    /// <inheritdoc/>
    public override string Describe() => $"(type {Bound})";
}

/// <summary><c>(component (type i))</c>.</summary>
/// <param name="TypeIndex">Index of a component type in the type index space.</param>
internal sealed record ComponentExternType(uint TypeIndex) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.Component;

    /// <inheritdoc/>
    public override string Describe() => $"(component (type {TypeIndex}))";
}

/// <summary><c>(instance (type i))</c>.</summary>
/// <param name="TypeIndex">Index of an instance type in the type index space.</param>
internal sealed record InstanceExternType(uint TypeIndex) : ExternType
{
    /// <inheritdoc/>
    public override Sort Sort => Sort.Instance;

    /// <inheritdoc/>
    public override string Describe() => $"(instance (type {TypeIndex}))";
}

/// <summary>A <c>typebound</c>: <c>(eq i)</c> or <c>(sub resource)</c>.</summary>
/// <param name="EqualTypeIndex">For <c>(eq i)</c>, the type index; null for <c>(sub resource)</c>.</param>
internal sealed record TypeBound(uint? EqualTypeIndex)
{
    /// <summary>The <c>(sub resource)</c> bound: a fresh abstract resource type.</summary>
    public static TypeBound SubResource { get; } = new((uint?)null);

    /// <summary>Whether this is <c>(sub resource)</c>.</summary>
    public bool IsSubResource => EqualTypeIndex is null;

    /// <inheritdoc/>
    public override string ToString() => EqualTypeIndex is { } i ? $"(eq {i})" : "(sub resource)";
}

/// <summary>A <c>valuebound</c>: <c>(eq i)</c> with a value index, or a value type.</summary>
/// <param name="EqualValueIndex">For <c>(eq i)</c>, the value index.</param>
/// <param name="Type">Otherwise, the value type.</param>
internal sealed record ValueBound(uint? EqualValueIndex, ValueTypeReference? Type)
{
    /// <inheritdoc/>
    public override string ToString() => EqualValueIndex is { } i ? $"(eq {i})" : Type?.ToString() ?? "";
}
