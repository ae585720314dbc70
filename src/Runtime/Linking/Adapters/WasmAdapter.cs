using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Linking.Adapters;

/// <summary>
/// The fused adapter of a link compiled to wasm, decided once when the caller's <c>canon lower</c> is instantiated:
/// when caller and callee are two instances of one instantiation (so one Wasmtime store: siblings in a composed
/// binary) and the function's type is one the wasm adapter covers (<see cref="AdapterText"/>), a small core
/// module is instantiated in that store, importing the callee's core function, its <c>post-return</c>, the host-side
/// adapter (<see cref="LinkedTrampoline"/>, its slow path) and the store's <see cref="AdapterCells"/>; the caller
/// imports its export and calls the callee without leaving wasm. Every other link keeps the host-side adapter.
/// </summary>
internal static class WasmAdapter
{
    /// <summary>The wasm adapter's export for a link, or null when the link keeps <paramref name="host"/>.</summary>
    /// <param name="runtime">The runtime (compiles and caches the adapter modules).</param>
    /// <param name="store">The caller's store.</param>
    /// <param name="callee">The lifted function of the other instance.</param>
    /// <param name="type">The function type (equal on both sides: checked before).</param>
    /// <param name="caller">The caller's canonical options.</param>
    /// <param name="host">The host-side adapter of the same link: the wasm adapter's slow path.</param>
    public static Function? TryLower(ComponentRuntime runtime, Store store, LiftedFunction callee, AbiFunctionType type, CanonOptions caller, Function host)
    {
        var callerInstance = caller.Instance;
        var calleeInstance = callee.Options.Instance;
        var postReturn = callee.Options.PostReturn;
        var memories = caller.Memory is not null && callee.Options.Memory is not null;
        StringEncoding? strings = AdapterStrings.Copies(caller.Encoding, callee.Options.Encoding) ? caller.Encoding : null;
        if (!runtime.WasmAdapters
            || !ReferenceEquals(callerInstance.Root, calleeInstance.Root)
            || !AdapterText.Supports(type, postReturn?.ParameterCount, memories, callee.Options.Realloc is not null, caller.Realloc is not null, strings)
            || !calleeInstance.TryEnteringChain(callerInstance, out var stop))
        {
            return null;
        }

        try
        {
            var cells = AdapterCells.For(store, callerInstance.Root);
            if (cells.CellOf(callerInstance) is not { } callerCell || Chain(cells, calleeInstance, stop) is not { } calleeCells)
            {
                return null;
            }

            var id = cells.Register(calleeInstance, stop, callee.Name);
            var resultsId = AdapterText.HasStringResult(type) ? cells.RegisterResults(id, callerInstance) : id;
            var text = AdapterText.Build(type, callerCell, calleeCells, id, resultsId, postReturn is not null, caller.Encoding);
            var module = runtime.GetAdapterModule(text);
            var imports = new List<object> { cells.Memory, callee.Core.ToManaged(store), host };
            if (postReturn is not null)
            {
                imports.Add(postReturn.ToManaged(store));
            }

            if (AdapterText.UsesMemories(type))
            {
                imports.Add(caller.Memory!.Managed);
                imports.Add(callee.Options.Memory!.Managed);
            }

            if (AdapterText.HasLists(type))
            {
                imports.Add(callee.Options.Realloc!.ToManaged(store));
                imports.Add(Trampolines.CoreHostFunction(store, FailSignature, new FailedAllocation(callee.Options)));
            }

            if (type.ResultsSpilled)
            {
                imports.Add(Trampolines.CoreHostFunction(store, FailResultSignature, new FailedResult(type.Results[0], callee.Options, caller)));
            }

            if (AdapterText.HasStringResult(type))
            {
                imports.Add(caller.Realloc!.ToManaged(store));
                imports.Add(Trampolines.CoreHostFunction(store, FailSignature, new FailedAllocation(caller)));
                imports.Add(Trampolines.CoreHostFunction(store, FailStringSignature, new FailedString(callee.Options)));
            }

            if (AdapterText.HasSpilledVariant(type))
            {
                imports.Add(Trampolines.CoreHostFunction(store, FailResultSignature, new FailedVariant(type.Results[0], new ValueTransfer(callee.Options, caller))));
            }

            if (AdapterText.ChecksResult(type))
            {
                var signature = new CoreFunctionSignature([type.LiftSignature.Results[0]], []);
                imports.Add(Trampolines.CoreHostFunction(store, signature, new FailedFlat(type.Results[0], new ValueTransfer(callee.Options, caller))));
            }

            var instance = new Instance(store, module, imports.ToArray());
            runtime.WasmAdaptersCreated++;
            return instance.GetFunction("adapter");
        }
        catch (WasmtimeException)
        {
            // The store's limits refused the adapter's memory or instance: the host-side adapter serves the link.
            return null;
        }
    }

    /// <summary><c>fail</c>: <c>(param ptr size align)</c>.</summary>
    private static readonly CoreFunctionSignature FailSignature = new([CoreValueType.I32, CoreValueType.I32, CoreValueType.I32], []);

    /// <summary>
    /// Raises the trap the host-side adapter raises for a block a <c>realloc</c> returned misaligned or out of
    /// bounds (the same check, so the same kind and message); the trap unwinds the adapter, poisoning the callee
    /// when the <c>realloc</c> was the callee's (the adapter's stack entry says whose it was).
    /// </summary>
    private sealed class FailedAllocation(CanonOptions side) : Interop.UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            AbiChecks.CheckAllocation(side.Memory!.GetSpan().Length, slots[0].U32, slots[2].U32, slots[1].U32);
            throw new ComponentTrapException($"realloc of {side.Instance.Description} returned an invalid block");
        }
    }

    /// <summary><c>fail-string</c>: <c>(param ptr units)</c>.</summary>
    private static readonly CoreFunctionSignature FailStringSignature = new([CoreValueType.I32, CoreValueType.I32], []);

    /// <summary>
    /// Raises the trap the host-side adapter raises for a string result the callee returned that does not load
    /// (its length, alignment, bounds or encoding: <see cref="StringLoader.Load"/>, the same checks in the same order);
    /// the trap unwinds the adapter, poisoning the callee.
    /// </summary>
    private sealed class FailedString(CanonOptions callee) : Interop.UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            StringLoader.Load(callee.Memory!.GetSpan(), callee.Encoding, slots[0].U32, slots[1].U32);
            throw new ComponentTrapException($"string at 0x{slots[0].U32:x} is not valid in its encoding");
        }
    }

    /// <summary><c>fail-result</c>: <c>(param from to)</c>.</summary>
    private static readonly CoreFunctionSignature FailResultSignature = new([CoreValueType.I32, CoreValueType.I32], []);

    /// <summary>
    /// Raises the trap the host-side adapter raises for a spilled result whose block in the callee's memory, or the
    /// caller's return area, is misaligned or out of bounds (the same checks in the same order); the trap unwinds the
    /// adapter, poisoning the callee, as the host-side adapter poisons it for any fault in the results.
    /// </summary>
    private sealed class FailedResult(AbiType result, CanonOptions callee, CanonOptions caller) : Interop.UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            AbiChecks.CheckValue(callee.Memory!.GetSpan().Length, slots[0].U32, result, "results");
            AbiChecks.CheckValue(caller.Memory!.GetSpan().Length, slots[1].U32, result, "return area");
            throw new ComponentTrapException($"the results of a call into {callee.Instance.Description} are invalid");
        }
    }

    /// <summary>
    /// Raises the trap the host-side adapter raises for a variant result in memory whose discriminant names no case:
    /// its own copy of the value (which checks the discriminant first); the trap unwinds the adapter, poisoning the callee.
    /// </summary>
    private sealed class FailedVariant(AbiType result, ValueTransfer transfer) : Interop.UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            var m = default(LinkMemories);
            transfer.Refresh(ref m);
            transfer.Stored(result, slots[0].U32, slots[1].U32, ref m, null);
            throw new ComponentTrapException($"the result at 0x{slots[0].U32:x} is not valid");
        }
    }

    /// <summary>
    /// Raises the trap the host-side adapter raises for a one-slot result that is not valid (a <c>char</c> that is
    /// no scalar value, a discriminant naming no case): its own conversion of the value; the trap unwinds the
    /// adapter, poisoning the callee.
    /// </summary>
    private sealed class FailedFlat(AbiType result, ValueTransfer transfer) : Interop.UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            Span<RawValue> converted = stackalloc RawValue[1];
            var m = default(LinkMemories);
            int si = 0, di = 0;
            transfer.Flat(result, slots, ref si, converted, ref di, ref m, null);
            throw new ComponentTrapException($"the result 0x{slots[0].U32:x} is not valid");
        }
    }

    /// <summary>The cells of the instances a call enters (the callee, then its parents below <paramref name="stop"/>).</summary>
    private static List<int>? Chain(AdapterCells cells, InstanceState callee, InstanceState? stop)
    {
        var offsets = new List<int>();
        for (var i = callee; i is not null && !ReferenceEquals(i, stop); i = i.Parent)
        {
            if (cells.CellOf(i) is not { } offset)
            {
                return null;
            }

            offsets.Add(offset);
        }

        return offsets;
    }
}
