using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>
/// An exported function lifted with the <c>async</c> option, for generated bindings: called without dynamic values.
/// The arguments are lowered when the call starts, the result is lifted when the guest calls <c>task.return</c>.
/// </summary>
public sealed class RawAsyncComponentFunction
{
    private readonly AsyncLiftedFunction _lifted;

    internal RawAsyncComponentFunction(string name, AsyncLiftedFunction lifted)
    {
        Name = name;
        _lifted = lifted;
    }

    /// <summary>The export name (<c>instance#function</c> for functions of exported instances).</summary>
    public string Name { get; }

    /// <summary>The function's canonical ABI type.</summary>
    public AbiFunctionType Type => _lifted.Type;

    /// <summary>
    /// Calls the function: runs the instantiation's event loop (see <see cref="ComponentFunction.InvokeAsync"/>) until the
    /// guest returns its value; the task completes with what <paramref name="lift"/> made of it.
    /// </summary>
    /// <typeparam name="TResult">The lifted result (any type, e.g. a placeholder for a function without a result).</typeparam>
    /// <param name="lower">Lowers the arguments when the call starts.</param>
    /// <param name="lift">Lifts the value the guest passes to <c>task.return</c>.</param>
    /// <param name="cancellationToken">Stops waiting for the guest: the task is cancelled (the guest's call is not).</param>
    /// <returns>The lifted result; a trap faults the task with <see cref="ComponentTrapException"/>.</returns>
    public Task<TResult> InvokeAsync<TResult>(RawLower lower, RawLift<TResult> lift, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(lift);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        try
        {
            return _lifted.CallRawAsync(lower, lift, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromException<TResult>(e);
        }
    }
}
