using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// A host implementation of an imported async function over core values, for generated bindings: the arguments are
/// lifted when the guest calls (while its memory holds them), the result is lowered when the returned task completes.
/// </summary>
/// <param name="context">The calling instance's memory, <c>realloc</c>, string encoding and handle table for this call.</param>
/// <param name="arguments">
/// The core arguments: the flat parameters, or one pointer to their tuple when <paramref name="spilled"/> (more than
/// 4 flat values for an async lower, more than 16 for a synchronous one).
/// </param>
/// <param name="spilled">Whether <paramref name="arguments"/> is one pointer to the parameters in memory.</param>
/// <param name="cancellationToken">Cancelled when the guest cancels the call (<c>subtask.cancel</c>).</param>
/// <returns>The result to lower (null for a function without one); a cancelled task is a cancelled call.</returns>
public delegate Task<RawAsyncResult?> RawAsyncHostFunction(AbiContext context, ReadOnlySpan<RawValue> arguments, bool spilled, CancellationToken cancellationToken);

/// <summary>Lowers one value into flat core values (from <c>flat[0]</c>).</summary>
/// <typeparam name="T">The value's type.</typeparam>
public delegate void RawLowerValue<T>(AbiContext context, T value, Span<RawValue> flat);

/// <summary>The result of a raw async host function, lowered into the caller once the task completed.</summary>
public abstract class RawAsyncResult
{
    /// <summary>Stores the result at <paramref name="pointer"/> in the caller's memory (the return area).</summary>
    /// <param name="context">The caller's memory, <c>realloc</c>, string encoding and handle table.</param>
    /// <param name="pointer">The return area.</param>
    public abstract void Store(AbiContext context, uint pointer);

    /// <summary>Lowers the result into its flat core values (a synchronous caller's result of one flat value).</summary>
    /// <param name="context">The caller's memory, <c>realloc</c>, string encoding and handle table.</param>
    /// <param name="flat">Receives the flat values.</param>
    public abstract void Lower(AbiContext context, Span<RawValue> flat);

    /// <summary>A result of <paramref name="value"/> with its store and lowering.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="store">Stores it at an address.</param>
    /// <param name="lower">Lowers it into flat values.</param>
    public static RawAsyncResult Of<T>(T value, Action<AbiContext, T, uint> store, RawLowerValue<T> lower)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lower);
        return new Typed<T>(value, store, lower);
    }

    private sealed class Typed<T>(T value, Action<AbiContext, T, uint> store, RawLowerValue<T> lower) : RawAsyncResult
    {
        public override void Store(AbiContext context, uint pointer) => store(context, value, pointer);

        public override void Lower(AbiContext context, Span<RawValue> flat) => lower(context, value, flat);
    }
}

/// <summary>A raw async host function together with the type it was written for.</summary>
internal sealed record RawAsyncHostDefinition(AbiFunctionType Type, RawAsyncHostFunction Function);

public sealed partial class HostImports
{
    /// <summary>Defines a top-level async function import over core values (see <see cref="RawAsyncHostFunction"/>), for generated bindings.</summary>
    /// <param name="name">The import name.</param>
    /// <param name="type">The function type the implementation was written for (checked at instantiation).</param>
    /// <param name="function">The implementation.</param>
    public HostImports DefineRawAsyncFunction(string name, AbiFunctionType type, RawAsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        _items[name] = new RawAsyncHostDefinition(type, function);
        return this;
    }
}

public sealed partial class HostInstance
{
    /// <summary>Defines an async function of the instance over core values (see <see cref="RawAsyncHostFunction"/>), for generated bindings.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="type">The function type the implementation was written for (checked at instantiation).</param>
    /// <param name="function">The implementation.</param>
    public HostInstance DefineRawAsyncFunction(string name, AbiFunctionType type, RawAsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        Set(name, new RawAsyncHostDefinition(type, function));
        return this;
    }
}
