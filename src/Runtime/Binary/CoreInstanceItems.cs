namespace WitBindgen.Runtime.Binary;

/// <summary>A core instance made by instantiating a core module: <c>(core instance (instantiate m (with n (instance i))*))</c>.</summary>
/// <param name="ModuleIndex">Index in the core module index space.</param>
/// <param name="Arguments">The <c>with</c> arguments, in order.</param>
internal sealed record CoreInstantiationItem(uint ModuleIndex, IReadOnlyList<CoreInstantiationArgument> Arguments) : ComponentItem
{
    /// <summary>The <c>with</c> arguments, in order.</summary>
    public IReadOnlyList<CoreInstantiationArgument> Arguments { get; init; } = ValueList.Of(Arguments);

    /// <inheritdoc/>
    public override string Describe() => $"core instantiate of core module {ModuleIndex}";
}

/// <summary>One <c>(with "name" (instance i))</c> argument of a core instantiation.</summary>
/// <param name="Name">The import module name the argument satisfies.</param>
/// <param name="Sort">The sort of the argument; <see cref="Sort.CoreInstance"/> is the only valid one today.</param>
/// <param name="Index">Index in the index space of <paramref name="Sort"/>.</param>
internal sealed record CoreInstantiationArgument(string Name, Sort Sort, uint Index);

/// <summary>A core instance built from inline exports: <c>(core instance (export "n" (func f))*)</c>.</summary>
/// <param name="Exports">The exports, in order.</param>
internal sealed record CoreInlineInstanceItem(IReadOnlyList<CoreInlineExport> Exports) : ComponentItem
{
    /// <summary>The exports, in order.</summary>
    public IReadOnlyList<CoreInlineExport> Exports { get; init; } = ValueList.Of(Exports);

    /// <inheritdoc/>
    public override string Describe() => $"core instance of {Exports.Count} inline exports";
}

/// <summary>One export of a <see cref="CoreInlineInstanceItem"/>.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Sort">The exported core sort.</param>
/// <param name="Index">Index in the index space of <paramref name="Sort"/>.</param>
internal sealed record CoreInlineExport(string Name, Sort Sort, uint Index);
