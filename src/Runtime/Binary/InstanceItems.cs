namespace WitBindgen.Runtime.Binary;

/// <summary>A component instance made by instantiating a component: <c>(instance (instantiate c (with n si)*))</c>.</summary>
/// <param name="ComponentIndex">Index in the component index space.</param>
/// <param name="Arguments">The <c>with</c> arguments, in order.</param>
internal sealed record InstantiationItem(uint ComponentIndex, IReadOnlyList<InstantiationArgument> Arguments) : ComponentItem
{
    /// <summary>The <c>with</c> arguments, in order.</summary>
    public IReadOnlyList<InstantiationArgument> Arguments { get; init; } = ValueList.Of(Arguments);

    /// <inheritdoc/>
    public override string Describe() => $"instantiate of component {ComponentIndex}";
}

/// <summary>One <c>(with "name" (sort i))</c> argument of a component instantiation.</summary>
/// <param name="Name">The import name the argument satisfies.</param>
/// <param name="Sort">The sort of the supplied definition.</param>
/// <param name="Index">Index in the index space of <paramref name="Sort"/>.</param>
internal sealed record InstantiationArgument(string Name, Sort Sort, uint Index);

/// <summary>A component instance built from inline exports: <c>(instance (export "n" (func f))*)</c>.</summary>
/// <param name="Exports">The exports, in order.</param>
internal sealed record InlineInstanceItem(IReadOnlyList<InlineExport> Exports) : ComponentItem
{
    /// <summary>The exports, in order.</summary>
    public IReadOnlyList<InlineExport> Exports { get; init; } = ValueList.Of(Exports);

    /// <inheritdoc/>
    public override string Describe() => $"instance of {Exports.Count} inline exports";
}

/// <summary>One export of an <see cref="InlineInstanceItem"/>.</summary>
/// <param name="Name">The export name and attributes.</param>
/// <param name="Sort">The exported sort.</param>
/// <param name="Index">Index in the index space of <paramref name="Sort"/>.</param>
internal sealed record InlineExport(ExternName Name, Sort Sort, uint Index);
