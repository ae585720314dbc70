using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// A host implementation of an imported function that completes later (an async import): the guest that calls it
/// with an async lower gets a subtask and goes on; a synchronous caller of an async function type waits in the
/// instantiation's event loop, where other tasks run meanwhile.
/// </summary>
/// <param name="arguments">The lifted arguments, in declaration order.</param>
/// <param name="cancellationToken">Cancelled when the guest cancels the call (<c>subtask.cancel</c>).</param>
/// <returns>The results: empty for a function without a result, else one value. A cancelled task is a cancelled call.</returns>
public delegate Task<WitValue[]> AsyncHostFunction(WitValue[] arguments, CancellationToken cancellationToken);

public sealed partial class HostImports
{
    /// <summary>Defines a top-level function import implemented by a .NET task (see <see cref="AsyncHostFunction"/>).</summary>
    public HostImports DefineAsyncFunction(string name, AsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        _items[name] = function;
        return this;
    }

    /// <summary>
    /// Defines a top-level function import implemented by a .NET task, written for one function type: instantiation
    /// fails with <see cref="ComponentLinkException"/> (naming the import, both types and the first difference) unless
    /// the import has exactly that parameter and result type. See <see cref="AsyncHostFunction"/>.
    /// </summary>
    public HostImports DefineAsyncFunction(string name, AbiFunctionType type, AsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        _items[name] = new TypedAsyncHostDefinition(type, function);
        return this;
    }
}

public sealed partial class HostInstance
{
    /// <summary>Defines a function of the instance implemented by a .NET task (see <see cref="AsyncHostFunction"/>).</summary>
    public HostInstance DefineAsyncFunction(string name, AsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        Set(name, function);
        return this;
    }

    /// <summary>
    /// Defines a function of the instance implemented by a .NET task, written for one function type; see
    /// <see cref="HostImports.DefineAsyncFunction(string, AbiFunctionType, AsyncHostFunction)"/>.
    /// </summary>
    public HostInstance DefineAsyncFunction(string name, AbiFunctionType type, AsyncHostFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(function);
        Set(name, new TypedAsyncHostDefinition(type, function));
        return this;
    }
}

/// <summary>An async host function defined with the function type it was written for.</summary>
internal sealed record TypedAsyncHostDefinition(AbiFunctionType Type, AsyncHostFunction Function);
