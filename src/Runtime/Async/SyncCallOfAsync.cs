using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// A synchronous <c>canon lower</c> of a function of an async type: the call may block until the callee returns, so a
/// caller whose own function type is synchronous traps before calling (as the reference tests and Wasmtime do).
/// </summary>
internal sealed class SyncCallOfAsync(string name, IComponentCallable callee) : IComponentCallable
{
    public WitValue[] Call(InstanceState? caller, WitValue[] arguments)
    {
        if (caller is not null && AsyncScheduler.For(caller).CurrentIn(caller) is not { IsAsyncType: true })
        {
            throw new ComponentTrapException(
                $"cannot block a synchronous task before returning (a synchronous call of the async function '{name}'): only functions of an async type may block");
        }

        return callee.Call(caller, arguments);
    }
}
