using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem;

namespace WitBindgen.Wasi;

/// <summary>
/// The one place a WASI function's host code runs: whatever it throws becomes the error the function's result
/// defines or, for a function without one, a <see cref="ComponentTrapException"/>
/// (<see cref="ComponentTrapKind.HostFailure"/>, or <see cref="ComponentTrapKind.LimitExceeded"/> past a
/// <see cref="WasiLimits"/> cap). Only the guest's own traps and <see cref="WasiExitException"/> pass through, so an
/// embedder never sees another exception from a WASI call.
/// </summary>
internal static class HostCall
{
    /// <summary>Runs a function without an error result.</summary>
    public static T Trap<T>(WasiContext context, string function, Func<T> body)
    {
        try
        {
            context.Enter(function);
            return body();
        }
        catch (Exception e) when (IsHostFailure(e))
        {
            throw WasiContext.Trap(function, e);
        }
    }

    /// <summary>Runs a function without a result.</summary>
    public static void Trap(WasiContext context, string function, Action body) =>
        Trap(context, function, () =>
        {
            body();
            return 0;
        });

    /// <summary>Runs a function whose error is a <c>wasi:filesystem</c> error code.</summary>
    public static Result<T, ErrorCode> Fs<T>(WasiContext context, string function, Func<Result<T, ErrorCode>> body)
    {
        try
        {
            context.Enter(function);
            return body();
        }
        catch (Exception e) when (IsHostFailure(e))
        {
            return Result<T, ErrorCode>.FromErr(FilesystemErrors.From(e));
        }
    }

    /// <summary>Runs a function whose error is some other type, mapping exceptions with <paramref name="error"/>.</summary>
    public static Result<T, TError> Run<T, TError>(WasiContext context, string function, Func<Exception, TError> error, Func<Result<T, TError>> body)
    {
        try
        {
            context.Enter(function);
            return body();
        }
        catch (Exception e) when (IsHostFailure(e))
        {
            return Result<T, TError>.FromErr(error(e));
        }
    }

    /// <summary>Whether an exception is host code failing, as opposed to the guest's own trap or exit passing through.</summary>
    public static bool IsHostFailure(Exception e) => e is not (ComponentTrapException or WasiExitException);
}
