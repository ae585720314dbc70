using WitBindgen.Runtime.Abi;
using System.ComponentModel;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The instances a call entered, to be left when it returns: what <see cref="RawComponentFunction.Call"/> returns and
/// <see cref="RawComponentFunction.Complete(EnteredInstances, Span{Abi.RawValue})"/> or
/// <see cref="RawComponentFunction.Abort"/> takes back. Opaque; for generated bindings.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EnteredInstances
{
    internal EnteredInstances(InstanceState? single, List<InstanceState>? set)
    {
        Single = single;
        Set = set;
    }

    /// <summary>The only instance entered (the fast case).</summary>
    internal InstanceState? Single { get; }

    /// <summary>All instances entered, when there are several.</summary>
    internal List<InstanceState>? Set { get; }
}
