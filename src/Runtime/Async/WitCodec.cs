using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// Lifts and lowers the elements of a <c>stream&lt;T&gt;</c> or <c>future&lt;T&gt;</c> between guest memory and .NET values:
/// what the host-held ends (<see cref="StreamReader{T}"/>, <see cref="FutureWriter{T}"/>, …) use to copy. Generated
/// bindings supply one per element type; <see cref="WitCodecs"/> has the built-in ones.
/// </summary>
/// <typeparam name="T">The .NET type of one element.</typeparam>
public abstract class WitCodec<T>
{
    /// <summary>Creates a codec for elements of the canonical ABI type <paramref name="type"/>.</summary>
    protected WitCodec(AbiType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
    }

    /// <summary>The element's canonical ABI type (its size and alignment in memory; checked against the guest's).</summary>
    public AbiType Type { get; }

    /// <summary>Lifts one element stored at <paramref name="pointer"/> in the guest's memory.</summary>
    /// <param name="context">The guest's memory, string encoding and resource handles.</param>
    /// <param name="pointer">The element's address (in bounds and aligned).</param>
    public abstract T Load(AbiContext context, uint pointer);

    /// <summary>Lowers one element into the guest's memory at <paramref name="pointer"/>.</summary>
    /// <param name="context">The guest's memory, <c>realloc</c>, string encoding and resource handles.</param>
    /// <param name="value">The element.</param>
    /// <param name="pointer">The element's address (in bounds and aligned).</param>
    public abstract void Store(AbiContext context, T value, uint pointer);

    /// <summary>Lifts <c>destination.Length</c> consecutive elements; override for a bulk copy.</summary>
    /// <param name="context">The guest's memory, string encoding and resource handles.</param>
    /// <param name="pointer">The first element's address.</param>
    /// <param name="destination">Receives the elements.</param>
    public virtual void LoadMany(AbiContext context, uint pointer, Span<T> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Load(context, pointer + ((uint)i * (uint)Type.Size));
        }
    }

    /// <summary>Lowers consecutive elements; override for a bulk copy.</summary>
    /// <param name="context">The guest's memory, <c>realloc</c>, string encoding and resource handles.</param>
    /// <param name="values">The elements.</param>
    /// <param name="pointer">The first element's address.</param>
    public virtual void StoreMany(AbiContext context, ReadOnlySpan<T> values, uint pointer)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Store(context, values[i], pointer + ((uint)i * (uint)Type.Size));
        }
    }
}
