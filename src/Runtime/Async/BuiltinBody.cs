using System.Collections.Immutable;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>The body of an async built-in: reads its core arguments from the slots and writes its results back from index 0.</summary>
internal delegate void BuiltinAction(Span<RawValue> slots);

/// <summary>A core function running an async built-in of one instance, with the checks every built-in makes first.</summary>
internal sealed class BuiltinBody(string name, InstanceState instance, BuiltinAction action) : UncheckedCallback
{
    public override void Invoke(Span<RawValue> slots)
    {
        if (!instance.MayLeave)
        {
            throw new ComponentTrapException($"cannot call {name} during realloc or post-return of {instance.Description}");
        }

        action(slots);
    }

    /// <summary>Makes the core function.</summary>
    public static Function Create(Store store, string name, InstanceState instance, CoreValueType[] parameters, CoreValueType[] results, BuiltinAction action) =>
        Trampolines.CoreHostFunction(store, new CoreFunctionSignature([.. parameters], [.. results]), new BuiltinBody(name, instance, action));
}
