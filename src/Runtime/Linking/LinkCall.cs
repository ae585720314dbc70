using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Linking;

/// <summary>
/// The handle bookkeeping of one linked call whose type contains handles: the borrows the callee was lent (which it
/// must drop before it returns) and the caller's owning handles lent for the call (whose lend count goes back down
/// when the call ends).
/// </summary>
internal sealed class LinkCall
{
    private readonly List<ResourceHandle> _lent = new();

    public LinkCall(InstanceState callee) => CalleeScope = new CallScope(callee);

    /// <summary>The callee's scope: the borrow handles created for it count as outstanding until it drops them.</summary>
    public CallScope CalleeScope { get; }

    /// <summary>Records an owning handle of the caller lent to the callee as a borrow.</summary>
    public void Lend(ResourceHandle handle)
    {
        handle.Lends++;
        _lent.Add(handle);
    }

    /// <summary>Forgets an earlier call, so the object can serve the next call of the same linked function.</summary>
    public void Reset()
    {
        _lent.Clear();
        CalleeScope.Reset();
    }

    /// <summary>Ends the lends of the call (always, also when it failed).</summary>
    public void ReturnLends()
    {
        foreach (var h in _lent)
        {
            h.Lends--;
        }

        _lent.Clear();
    }
}
