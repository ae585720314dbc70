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
    internal EnteredInstances(InstanceState first, InstanceState? stop)
    {
        First = first;
        Stop = stop;
    }

    /// <summary>The callee: the first instance entered (null for a default value, which entered nothing).</summary>
    internal InstanceState? First { get; }

    /// <summary>
    /// The first of <see cref="First"/>'s ancestors that was not entered (the lowest instance the caller is inside
    /// too), or null when every ancestor was: the instances entered are <see cref="First"/> and its parents up to
    /// this one, which makes the token a pair of references rather than a list.
    /// </summary>
    internal InstanceState? Stop { get; }
}
