using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// Wraps the WASI 0.3 host's functions as <see cref="HostCall"/> wraps the 0.2 ones: whatever host code throws
/// becomes a <see cref="ComponentTrapException"/> (<see cref="ComponentTrapKind.HostFailure"/>, or
/// <see cref="ComponentTrapKind.LimitExceeded"/> past a <see cref="WasiLimits"/> cap); only the guest's own traps,
/// <see cref="WasiExitException"/> and the cancellation of a cancelled call pass through.
/// </summary>
internal static class P3Call
{
    /// <summary>A synchronous function.</summary>
    public static HostFunction Sync(WasiContext context, string function, Func<WitValue[], WitValue[]> body) => arguments =>
    {
        try
        {
            context.Enter(function);
            return body(arguments);
        }
        catch (Exception e) when (HostCall.IsHostFailure(e))
        {
            throw WasiContext.Trap(function, e);
        }
    };

    /// <summary>A synchronous function with one result.</summary>
    public static HostFunction Sync(WasiContext context, string function, Func<WitValue[], WitValue> body) =>
        Sync(context, function, arguments => new[] { body(arguments) });

    /// <summary>An async function whose work is done when it is called (the guest gets its result at once).</summary>
    public static AsyncHostFunction Now(WasiContext context, string function, Func<WitValue[], WitValue> body)
    {
        var sync = Sync(context, function, body);
        return (arguments, _) =>
        {
            try
            {
                return Task.FromResult(sync(arguments));
            }
            catch (Exception e)
            {
                return Task.FromException<WitValue[]>(e);
            }
        };
    }

    /// <summary>An async function that completes later (a .NET task); cancelling the call cancels it.</summary>
    public static AsyncHostFunction Later(WasiContext context, string function, Func<WitValue[], CancellationToken, Task<WitValue[]>> body) =>
        async (arguments, cancellationToken) =>
        {
            try
            {
                context.Enter(function);
                return await body(arguments, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (HostCall.IsHostFailure(e))
            {
                throw WasiContext.Trap(function, e);
            }
        };

    /// <summary>The host object behind a handle argument.</summary>
    public static T Resource<T>(Runtime.CompilerServices.HostResourceTable<T> table, WitValue handle)
        where T : class =>
        handle.AsHandle() is ResourceValue value
            ? table.Get(value.Rep)
            : throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, "expected a resource handle");
}
