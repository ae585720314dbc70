using System.ComponentModel;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// Streams, futures and error contexts for generated bindings: lowering a host-held readable end into the guest's table
/// (as an argument of an export or a result of an import) and lifting a guest's readable end into a host-held one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AsyncHandles
{
    /// <summary>Moves <paramref name="reader"/> into the table of the call's instance; returns its index.</summary>
    /// <param name="context">The call's context (its resource hooks name the instance).</param>
    /// <param name="reader">The end; finished afterwards.</param>
    public static uint LowerStream<T>(AbiContext context, StreamReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return AsyncValues.LowerShared(context, reader.End.Transfer());
    }

    /// <summary>Moves <paramref name="reader"/> into the table of the call's instance; returns its index.</summary>
    /// <param name="context">The call's context (its resource hooks name the instance).</param>
    /// <param name="reader">The end; finished afterwards.</param>
    public static uint LowerFuture<T>(AbiContext context, FutureReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return AsyncValues.LowerShared(context, reader.End.Transfer());
    }

    /// <summary>Takes the readable stream end at <paramref name="index"/> out of the call's instance's table (traps when it is none, or busy).</summary>
    /// <param name="context">The call's context.</param>
    /// <param name="index">The end's index in the guest's table.</param>
    /// <param name="codec">The element codec.</param>
    public static StreamReader<T> LiftStream<T>(AbiContext context, uint index, WitCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new StreamReader<T>(AsyncValues.LiftShared(context, isStream: true, codec.Type, index), codec);
    }

    /// <summary>Takes the readable future end at <paramref name="index"/> out of the call's instance's table (traps when it is none, or busy).</summary>
    /// <param name="context">The call's context.</param>
    /// <param name="index">The end's index in the guest's table.</param>
    /// <param name="codec">The value codec.</param>
    public static FutureReader<T> LiftFuture<T>(AbiContext context, uint index, WitCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new FutureReader<T>(AsyncValues.LiftShared(context, isStream: false, codec.Type, index), codec);
    }

    /// <summary>Adds <paramref name="errorContext"/> to the table of the call's instance; returns its index.</summary>
    /// <param name="context">The call's context (its resource hooks name the instance).</param>
    /// <param name="errorContext">The error context; it stays valid (an error context is shared, not moved).</param>
    public static uint LowerErrorContext(AbiContext context, ErrorContext errorContext) => AsyncValues.LowerErrorContext(context, errorContext);

    /// <summary>The error context at <paramref name="index"/> in the call's instance's table (traps when it is none); it stays there.</summary>
    /// <param name="context">The call's context.</param>
    /// <param name="index">The error context's index in the guest's table.</param>
    public static ErrorContext LiftErrorContext(AbiContext context, uint index) => AsyncValues.LiftErrorContext(context, index);
}
