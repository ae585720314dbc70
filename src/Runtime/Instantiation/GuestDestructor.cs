using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The destructor of a resource a component defines, run as CanonicalABI.md's <c>canon resource.drop</c> runs it: as
/// a call into the implementing instance from the instance that dropped the handle (or the host), entering what that
/// call enters. A trap in it poisons the implementing instance and reaches the dropper as a
/// <see cref="ComponentTrapException"/>.
/// </summary>
internal static class GuestDestructor
{
    /// <summary>The destructor: called with the representation and the dropping instance (null: the host).</summary>
    public static Action<int, InstanceState?> Create(InstanceState implementation, string resourceName, CoreFunction dtor)
    {
        var options = new CanonOptions(implementation, null, null, null, StringEncoding.Utf8);
        return (rep, caller) =>
        {
            var entered = implementation.EnterToDestroy(caller);
            try
            {
                Span<RawValue> slots = stackalloc RawValue[1];
                slots[0] = RawValue.FromI32(rep);
                dtor.Call(slots);
            }
            catch (CoreTrapException trap)
            {
                options.ThrowTrapped($"the destructor of '{resourceName}'", trap);
            }
            catch (ComponentTrapException)
            {
                implementation.Poisoned = true;
                throw;
            }
            finally
            {
                InstanceState.Leave(entered);
            }
        };
    }
}
