using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The handle bookkeeping of one call into or out of a component instance: moves owned handles
/// in and out of the instance's table, lends borrows for the duration of the call, and checks at
/// the end that borrows lent to the guest were dropped. For an async lower the lends last until the caller is told
/// that the subtask resolved (<see cref="Async.Subtask.DeliverResolve"/>), as CanonicalABI.md's <c>Subtask.lenders</c>.
/// </summary>
internal sealed class CallScope : IResourceHandles
{
    private readonly InstanceState _instance;
    private List<ResourceHandle>? _lent;
    private List<ResourceValue>? _lentToImplementation;

    public CallScope(InstanceState instance) => _instance = instance;

    /// <summary>The instance whose table the call's handles (and stream and future ends) are in.</summary>
    public InstanceState Instance => _instance;

    /// <summary>The function whose reusable scope this is (<see cref="RawComponentFunction.CreateCallContext"/>), if any.</summary>
    public object? Owner { get; init; }

    /// <summary>Borrow handles created by this call that the guest has not dropped yet.</summary>
    public int OutstandingBorrows { get; set; }

    /// <summary>Forgets an earlier call's records, so the scope can serve the next call of the same function.</summary>
    public void Reset()
    {
        _lent?.Clear();
        _lentToImplementation?.Clear();
        OutstandingBorrows = 0;
    }

    public object LiftOwn(AbiOwnType type, uint handle)
    {
        var h = _instance.Handles.Get((int)handle);
        CheckType(h, type.Resource);
        if (!h.Own)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is a borrow, but an owned handle was expected");
        }

        if (h.Lends != 0)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle {handle} is still lent out and cannot be moved");
        }

        _instance.Handles.Remove((int)handle);
        return new ResourceValue(h.Type, h.Rep);
    }

    public object LiftBorrow(AbiBorrowType type, uint handle)
    {
        // CanonicalABI.md lift_borrow: the source handle, owning or itself a borrow passed on, is lent until the call
        // ends, so that it cannot be dropped (and, for a borrow, its task cannot return) while the callee may use it.
        var h = _instance.Handles.Get((int)handle);
        CheckType(h, type.Resource);
        h.Lends++;
        (_lent ??= new List<ResourceHandle>()).Add(h);
        return new ResourceValue(h.Type, h.Rep);
    }

    public uint LowerOwn(AbiOwnType type, object resource)
    {
        var value = Expect(resource, type.Resource);
        if (_lentToImplementation is not null && _lentToImplementation.Contains(value))
        {
            // The canonical ABI's lift of an own handle traps while the handle is lent (num_lends != 0); a host
            // caller holds no handle, so check here that the resource is not also a borrow argument of this call.
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"resource {value} is lent to this call as a borrow and cannot also be moved into it");
        }

        return Add(new ResourceHandle(value.Type, value.Rep, own: true, borrowScope: null));
    }

    public uint LowerBorrow(AbiBorrowType type, object resource)
    {
        var value = Expect(resource, type.Resource);
        if (ReferenceEquals(value.Type.Implementation, _instance))
        {
            (_lentToImplementation ??= new List<ResourceValue>()).Add(value);
            return (uint)value.Rep;
        }

        OutstandingBorrows++;
        return Add(new ResourceHandle(value.Type, value.Rep, own: false, borrowScope: this));
    }

    /// <summary>
    /// Adds a handle to the instance's table. The host lowers arguments before its call enters the instance, so the
    /// instantiation is claimed for the calling thread meanwhile: no call from another thread can be using the table.
    /// </summary>
    private uint Add(ResourceHandle handle)
    {
        var claimed = _instance.Claim();
        try
        {
            return (uint)_instance.Handles.Add(handle);
        }
        finally
        {
            _instance.Release(claimed);
        }
    }

    /// <summary>Ends the call: returns lent handles and checks that lent borrows were dropped.</summary>
    public void Finish()
    {
        ReturnLends();
        if (OutstandingBorrows > 0)
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"{OutstandingBorrows} borrowed handle(s) were not dropped before the call returned");
        }
    }

    /// <summary>Gives the handles lent for the call's arguments back to their owner (once).</summary>
    public void ReturnLends()
    {
        if (_lent is null)
        {
            return;
        }

        foreach (var h in _lent)
        {
            h.Lends--;
        }

        _lent.Clear();
    }

    private static ResourceValue Expect(object resource, object type)
    {
        if (resource is not ResourceValue value)
        {
            throw new ArgumentException($"expected a {nameof(ResourceValue)} for a handle, got {resource.GetType().Name}");
        }

        if (!ReferenceEquals(value.Type, type))
        {
            throw new ArgumentException($"a resource of type '{value.Type}' was passed where '{type}' was expected");
        }

        return value;
    }

    private static void CheckType(ResourceHandle h, object expected)
    {
        if (!ReferenceEquals(h.Type, expected))
        {
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"handle refers to a resource of type '{h.Type}', but '{expected}' was expected");
        }
    }
}
