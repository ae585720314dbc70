using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// A core function lifted to a component function (<c>canon lift</c>): lowers arguments into the
/// guest, calls it through the raw fast path, lifts the results and runs <c>post-return</c>.
/// </summary>
internal sealed class LiftedFunction : IComponentCallable
{
    private readonly CoreFunction _core;
    private readonly CanonOptions _options;

    public LiftedFunction(string name, CoreFunction core, AbiFunctionType type, CanonOptions options)
    {
        Name = name;
        _core = core;
        Type = type;
        _options = options;
    }

    public string Name { get; }

    public AbiFunctionType Type { get; }

    public CoreFunction Core => _core;

    public CanonOptions Options => _options;

    public WitValue[] Call(InstanceState? caller, WitValue[] arguments)
    {
        var instance = _options.Instance;
        var entered = instance.Enter(caller);
        // Built-ins called from this call (context.*, waitable-set.wait in an async-typed function) find it here.
        var scheduler = Async.AsyncScheduler.For(instance);
        var task = new Async.GuestTask(instance, null, Type.IsAsync, null, null);
        scheduler.Push(task);
        try
        {
            var scope = new CallScope(instance);
            var cx = _options.Context(scope);
            int slotCount = Math.Max(1, Math.Max(Type.LiftSignature.Parameters.Length, Type.LiftSignature.Results.Length));
            Span<RawValue> slots = slotCount <= 32 ? stackalloc RawValue[slotCount] : new RawValue[slotCount];
            CanonicalAbi.LowerExportArguments(cx, Type, arguments, slots);
            _core.Call(slots);
            int resultCount = Type.LiftSignature.Results.Length;
            var results = CanonicalAbi.LiftExportResults(cx, Type, slots[..resultCount]);
            _options.CallPostReturn(slots[..Math.Max(resultCount, _options.PostReturn?.ParameterCount ?? 0)]);

            scope.Finish();
            return results;
        }
        catch (CoreTrapException trap)
        {
            _options.ThrowTrapped($"'{Name}'", trap);
            throw; // not reached: ThrowTrapped always throws
        }
        catch (ComponentTrapException)
        {
            instance.Poisoned = true;
            throw;
        }
        finally
        {
            scheduler.Pop(task);
            InstanceState.Leave(entered);
        }
    }
}
