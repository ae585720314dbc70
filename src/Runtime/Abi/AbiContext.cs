namespace WitBindgen.Runtime.Abi;

/// <summary>
/// The canonical options and ambient hooks one lift or lower runs with (CanonicalABI.md
/// <c>LiftLowerContext</c>): the guest's memory, its <c>realloc</c>, its string encoding and the engine's
/// resource handle conversions. Immutable; create one per canonical definition, or per call when the
/// resource hooks are per call.
/// </summary>
public sealed class AbiContext
{
    /// <summary>The <c>memory</c> option, required when values touch linear memory.</summary>
    public IGuestMemory? Memory { get; init; }

    /// <summary>The <c>realloc</c> option, required when lowering strings, lists or spilled parameters into the guest.</summary>
    public GuestRealloc? Realloc { get; init; }

    /// <summary>The <c>string-encoding</c> option; UTF-8 by default.</summary>
    public StringEncoding StringEncoding { get; init; } = StringEncoding.Utf8;

    /// <summary>Converts <c>own</c> and <c>borrow</c> handles; required when values contain handles.</summary>
    public IResourceHandles? Resources { get; init; }

    /// <summary>The largest string, in bytes, a lift accepts (<see cref="ComponentLimits.StringBytes"/>); the ABI's bound by default.</summary>
    internal int MaxStringBytes { get; init; } = CanonicalAbi.MaxStringByteLength;

    /// <summary>The most list elements a lift accepts (<see cref="ComponentLimits.ListElements"/>); no more than the ABI's bound by default.</summary>
    internal uint MaxListElements { get; init; } = uint.MaxValue;

    /// <summary>Returns the guest memory's current contents.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="Memory"/> was configured.</exception>
    public Span<byte> GetMemory() =>
        (Memory ?? throw new InvalidOperationException("The canonical option 'memory' is required to lift or lower this value.")).GetSpan();

    /// <summary>
    /// The guest memory's contents for an access that ends at <paramref name="end"/> (exclusive): a runtime memory
    /// whose last reading already reaches that far is not asked again (its base never moves), so a call that only
    /// touches memory the guest had already is spared the size look-up. Bounds checks against the span stay exact.
    /// </summary>
    internal Span<byte> GetMemoryUpTo(ulong end) => Memory is Instantiation.WasmMemory wasm ? wasm.GetSpan(end) : GetMemory();

    internal IResourceHandles GetResources() =>
        Resources ?? throw new InvalidOperationException("Resource hooks (AbiContext.Resources) are required to lift or lower handles.");

    /// <summary>Calls <c>realloc</c> and traps unless the block it returns is aligned and inside memory.</summary>
    internal uint Reallocate(uint originalPointer, uint originalSize, uint alignment, uint newSize) =>
        Reallocate(originalPointer, originalSize, alignment, newSize, out _);

    /// <summary>
    /// Calls <c>realloc</c>, traps unless the block it returns is aligned and inside memory, and hands out the
    /// memory it checked the block against (read after the call, which may have grown it).
    /// </summary>
    internal uint Reallocate(uint originalPointer, uint originalSize, uint alignment, uint newSize, out Span<byte> memory)
    {
        var realloc = Realloc ?? throw new InvalidOperationException("The canonical option 'realloc' is required to lower this value.");
        var pointer = realloc(originalPointer, originalSize, alignment, newSize);
        memory = GetMemoryUpTo((ulong)pointer + newSize);
        AbiChecks.CheckAllocation(memory.Length, pointer, alignment, newSize);
        return pointer;
    }

    /// <summary>Calls <c>realloc(0, 0, alignment, size)</c> and checks the block it returns.</summary>
    internal uint Allocate(uint alignment, uint size) => Reallocate(0, 0, alignment, size, out _);

    /// <summary>Allocates like <see cref="Allocate(uint, uint)"/> and hands out the memory it checked the block against.</summary>
    internal uint Allocate(uint alignment, uint size, out Span<byte> memory) => Reallocate(0, 0, alignment, size, out memory);
}
