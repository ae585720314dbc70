using Wasmtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.State;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// The cooperative threading built-ins (CanonicalABI.md 🧵 <c>thread.*</c>). Explicit threads need stack switching,
/// which Wasmtime's core API does not offer: a component that contains these built-ins instantiates, and calling one
/// traps with a message that says so — except where CanonicalABI.md itself traps first (a task of a synchronous
/// function type may not suspend).
/// </summary>
internal static partial class AsyncBuiltins
{
    private static Function? CreateThread(Store store, Definition d, AsyncScheduler scheduler)
    {
        var item = d.Item;
        var instance = d.Instance;
        var name = item.Name;
        return item.Kind switch
        {
            CanonBuiltinKind.ThreadIndex => BuiltinBody.Create(store, name, instance, [], [I32], _ => Unsupported(name)),
            CanonBuiltinKind.ThreadNewIndirect => BuiltinBody.Create(store, name, instance, [I32, I32], [I32], _ => Unsupported(name)),
            CanonBuiltinKind.ThreadResumeLater => BuiltinBody.Create(store, name, instance, [I32], [], _ => Unsupported(name)),
            CanonBuiltinKind.ThreadSuspend => BuiltinBody.Create(store, name, instance, [], [I32], _ => Suspend(scheduler, instance, name)),
            CanonBuiltinKind.ThreadSuspendThenResume or CanonBuiltinKind.ThreadSuspendThenPromote =>
                BuiltinBody.Create(store, name, instance, [I32], [I32], _ => Suspend(scheduler, instance, name)),
            CanonBuiltinKind.ThreadYieldThenResume or CanonBuiltinKind.ThreadYieldThenPromote =>
                BuiltinBody.Create(store, name, instance, [I32], [I32], _ => Unsupported(name)),
            CanonBuiltinKind.ThreadAvailableParallelism => BuiltinBody.Create(store, name, instance, [], [I32], s => s[0] = Abi.RawValue.FromI32(1)),
            _ => null,
        };
    }

    /// <summary>Suspending the current thread: a synchronous task may not (a trap CanonicalABI.md specifies); else unsupported.</summary>
    private static void Suspend(AsyncScheduler scheduler, InstanceState instance, string name)
    {
        CheckMayBlock(scheduler, instance, name);
        Unsupported(name);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Unsupported(string name) =>
        throw new ComponentTrapException(ComponentTrapKind.Unsupported, $"{name} is not supported by this runtime: explicit threads need stack switching, which Wasmtime's core API does not offer");
}
