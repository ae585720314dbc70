namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A canonical definition: <see cref="CanonLiftItem"/>, <see cref="CanonLowerItem"/>,
/// <see cref="CanonResourceNewItem"/>, <see cref="CanonResourceDropItem"/>, <see cref="CanonResourceRepItem"/>
/// or <see cref="CanonBuiltinItem"/> (every other built-in).
/// </summary>
internal abstract record CanonItem : ComponentItem
{
    private protected CanonItem()
    {
    }
}

/// <summary><c>(canon lift f opts (type ft))</c>: adds a component function.</summary>
/// <param name="CoreFunctionIndex">Index in the core function index space.</param>
/// <param name="Options">The canonical options.</param>
/// <param name="TypeIndex">Index of the function type in the type index space.</param>
internal sealed record CanonLiftItem(uint CoreFunctionIndex, CanonicalOptions Options, uint TypeIndex) : CanonItem
{
    /// <inheritdoc/>
    public override string Describe() => $"canon lift of core func {CoreFunctionIndex} as type {TypeIndex}";
}

/// <summary><c>(canon lower f opts (core func))</c>: adds a core function.</summary>
/// <param name="FunctionIndex">Index in the (component) function index space.</param>
/// <param name="Options">The canonical options.</param>
internal sealed record CanonLowerItem(uint FunctionIndex, CanonicalOptions Options) : CanonItem
{
    /// <inheritdoc/>
    public override string Describe() => $"canon lower of func {FunctionIndex}";
}

/// <summary><c>(canon resource.new rt (core func))</c>.</summary>
/// <param name="TypeIndex">Index of the resource type in the type index space.</param>
internal sealed record CanonResourceNewItem(uint TypeIndex) : CanonItem
{
    /// <inheritdoc/>
    public override string Describe() => $"canon resource.new of type {TypeIndex}";
}

/// <summary><c>(canon resource.drop rt (core func))</c>.</summary>
/// <param name="TypeIndex">Index of the resource type in the type index space.</param>
internal sealed record CanonResourceDropItem(uint TypeIndex) : CanonItem
{
    /// <inheritdoc/>
    public override string Describe() => $"canon resource.drop of type {TypeIndex}";
}

/// <summary><c>(canon resource.rep rt (core func))</c>.</summary>
/// <param name="TypeIndex">Index of the resource type in the type index space.</param>
internal sealed record CanonResourceRepItem(uint TypeIndex) : CanonItem
{
    /// <inheritdoc/>
    public override string Describe() => $"canon resource.rep of type {TypeIndex}";
}

/// <summary>
/// Any other canonical built-in (async, task, stream, future, error-context, waitable, thread, ...).
/// Each adds a core function. Only the immediates that <see cref="Kind"/> has are set.
/// </summary>
/// <param name="Kind">Which built-in.</param>
internal sealed record CanonBuiltinItem(CanonBuiltinKind Kind) : CanonItem
{
    /// <summary>The component type index immediate (stream/future built-ins), if any.</summary>
    public uint? TypeIndex { get; init; }

    /// <summary>The canonical options immediate, if any.</summary>
    public CanonicalOptions? Options { get; init; }

    /// <summary>The <c>async</c> immediate.</summary>
    public bool IsAsync { get; init; }

    /// <summary>The <c>cancellable</c> immediate.</summary>
    public bool IsCancellable { get; init; }

    /// <summary>The <c>shared</c> immediate.</summary>
    public bool IsShared { get; init; }

    /// <summary>The core value type immediate (<c>context.get</c>/<c>context.set</c>).</summary>
    public CoreValueType? ValueType { get; init; }

    /// <summary>The context slot immediate (<c>context.get</c>/<c>context.set</c>).</summary>
    public uint? Slot { get; init; }

    /// <summary>The core memory immediate (<c>waitable-set.wait</c>/<c>waitable-set.poll</c>).</summary>
    public uint? MemoryIndex { get; init; }

    /// <summary>The core type immediate (thread built-ins).</summary>
    public uint? CoreTypeIndex { get; init; }

    /// <summary>The core table immediate (thread built-ins).</summary>
    public uint? TableIndex { get; init; }

    /// <summary>The result type of <c>task.return</c> (null when it returns nothing or for other built-ins).</summary>
    public ValueTypeReference? Result { get; init; }

    /// <summary>The built-in's name as written in the text format, e.g. <c>stream.read</c>.</summary>
    public string Name => Kind.ToText();

    /// <inheritdoc/>
    public override string Describe() => TypeIndex is { } t ? $"canon {Name} of type {t}" : $"canon {Name}";
}
