using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Linking;

/// <summary>
/// <c>canon lower</c> of a function that another component instance lifted (a live link, or two components inside
/// one composed binary): a fused adapter, decided once from the two sides' types and canonical options, that moves
/// the caller's flat arguments or spilled argument tuple straight into the callee, calls it, moves the results back
/// the same way (into the caller's return area when they spill), runs the callee's <c>post-return</c> and checks its
/// borrows. No dynamic values.
/// </summary>
internal static class LinkedTrampoline
{
    /// <summary>The core function the caller imports for <paramref name="callee"/>.</summary>
    /// <param name="store">The caller's store.</param>
    /// <param name="name">The callee, for messages.</param>
    /// <param name="callee">The lifted function of the other instance.</param>
    /// <param name="type">The function type as the caller lowers it (equal to the callee's: checked before).</param>
    /// <param name="caller">The caller's canonical options.</param>
    public static Function Lower(Store store, string name, LiftedFunction callee, AbiFunctionType type, CanonOptions caller) =>
        Trampolines.CoreHostFunction(store, type.LowerSignature, new Body(name, callee, type, caller));

    /// <summary>The adapter of one linked function.</summary>
    private sealed class Body : UncheckedCallback
    {
        /// <summary>A lifted function takes at most 16 flat parameters and returns at most one flat result.</summary>
        private const int MaxCalleeSlots = CanonicalAbi.MaxFlatParams;

        private readonly string _name;
        private readonly LiftedFunction _callee;
        private readonly AbiFunctionType _type;
        private readonly CanonOptions _caller;
        private readonly ValueTransfer _arguments;
        private readonly ValueTransfer _results;
        private readonly bool _usesHandles;
        private readonly int _postReturnSlots;
        private readonly int _callerParameterCount;
        private readonly bool _scalar;
        private LinkCall? _call;

        public Body(string name, LiftedFunction callee, AbiFunctionType type, CanonOptions caller)
        {
            _name = name;
            _callee = callee;
            _type = type;
            _caller = caller;
            _arguments = new ValueTransfer(caller, callee.Options);
            _results = new ValueTransfer(callee.Options, caller);
            _usesHandles = type.Parameters.Any(AbiTypes.ContainsHandles) || type.Results.Any(AbiTypes.ContainsHandles);
            _postReturnSlots = Math.Max(type.LiftSignature.Results.Length, callee.Options.PostReturn?.ParameterCount ?? 0);
            _callerParameterCount = type.LowerSignature.Parameters.Length;
            _scalar = !type.ParametersSpilled && !type.ResultsSpilled && type.Parameters.All(IsScalar) && type.Results.All(IsScalar);
        }

        public override void Invoke(Span<RawValue> slots)
        {
            if (_scalar)
            {
                InvokeScalar(slots);
                return;
            }

            _caller.CheckMayLeave(_name);
            var calleeOptions = _callee.Options;
            var calleeInstance = calleeOptions.Instance;
            var entered = calleeInstance.Enter(_caller.Instance);
            var call = _usesHandles ? TakeCall(calleeInstance) : null;
            Span<RawValue> core = stackalloc RawValue[MaxCalleeSlots];
            var phase = Phase.Arguments;
            try
            {
                var m = default(LinkMemories);
                PassArguments(slots, core, ref m, call);
                phase = Phase.Callee;
                _callee.Core.Call(core);
                phase = Phase.Results;
                PassResults(core, slots, ref m);
                phase = Phase.Callee;
                calleeOptions.CallPostReturn(core[.._postReturnSlots]);
                call?.CalleeScope.Finish();
            }
            catch (CoreTrapException trap)
            {
                // Guest code trapped: the callee's (its code, realloc, post-return), or the caller's realloc for results.
                if (phase == Phase.Results)
                {
                    _caller.ThrowTrapped($"realloc for the results of '{_name}'", trap);
                }

                calleeOptions.ThrowTrapped($"'{_name}'", trap);
                throw; // not reached: ThrowTrapped always throws
            }
            catch (ComponentTrapException e) when (BlamesCallee(phase, e.Kind))
            {
                // The caller traps too: the exception unwinds it.
                calleeInstance.Poisoned = true;
                throw;
            }
            finally
            {
                call?.ReturnLends();
                InstanceState.Leave(entered);
            }
        }

        /// <summary>
        /// The fast path of a function whose parameters and result are all one-slot scalars (numbers, <c>bool</c>,
        /// <c>char</c>): the caller's and the callee's core signatures are the same, so the values are checked and
        /// converted in place in Wasmtime's slot array and the callee is called on that array itself: no copy, no
        /// memories, no handle scope. Entering and leaving, <c>may_leave</c>, post-return, traps and poisoning are
        /// as on the general path.
        /// </summary>
        private void InvokeScalar(Span<RawValue> slots)
        {
            _caller.CheckMayLeave(_name);
            var calleeOptions = _callee.Options;
            var calleeInstance = calleeOptions.Instance;
            var entered = calleeInstance.Enter(_caller.Instance);
            var phase = Phase.Arguments;
            try
            {
                var m = default(LinkMemories);
                int si = 0, di = 0;
                foreach (var parameter in _type.Parameters)
                {
                    _arguments.Flat(parameter, slots, ref si, slots, ref di, ref m, null);
                }

                phase = Phase.Callee;
                _callee.Core.Call(slots);
                if (_type.Results.Length == 0)
                {
                    calleeOptions.CallPostReturn(slots[.._postReturnSlots]);
                    return;
                }

                // The callee's own result goes to post-return; the caller receives it checked and converted.
                phase = Phase.Results;
                Span<RawValue> result = stackalloc RawValue[1];
                si = di = 0;
                _results.Flat(_type.Results[0], slots, ref si, result, ref di, ref m, null);
                phase = Phase.Callee;
                calleeOptions.CallPostReturn(slots[.._postReturnSlots]);
                slots[0] = result[0];
            }
            catch (CoreTrapException trap)
            {
                calleeOptions.ThrowTrapped($"'{_name}'", trap);
                throw; // not reached: ThrowTrapped always throws
            }
            catch (ComponentTrapException e) when (BlamesCallee(phase, e.Kind))
            {
                calleeInstance.Poisoned = true;
                throw;
            }
            finally
            {
                InstanceState.Leave(entered);
            }
        }

        private static bool IsScalar(AbiType type) => type.Kind is AbiTypeKind.Bool or AbiTypeKind.S8 or AbiTypeKind.U8
            or AbiTypeKind.S16 or AbiTypeKind.U16 or AbiTypeKind.S32 or AbiTypeKind.U32 or AbiTypeKind.S64 or AbiTypeKind.U64
            or AbiTypeKind.F32 or AbiTypeKind.F64 or AbiTypeKind.Char;

        /// <summary>
        /// Whether a trap is the callee's doing and so poisons it as well as the caller: anything its realloc returned
        /// while receiving arguments, and anything about its results, post-return or borrows. An invalid argument
        /// (the caller's values) or the caller's realloc for results leaves the callee usable.
        /// </summary>
        private static bool BlamesCallee(Phase phase, ComponentTrapKind kind)
        {
            var realloc = kind is ComponentTrapKind.ReallocMisaligned or ComponentTrapKind.ReallocOutOfBounds;
            return phase switch
            {
                Phase.Arguments => realloc,
                Phase.Results => !realloc,
                _ => true,
            };
        }

        private enum Phase
        {
            Arguments,
            Callee,
            Results,
        }

        /// <summary>One handle scope per adapter, reused while the callee is not running (it is entered now).</summary>
        private LinkCall TakeCall(InstanceState callee)
        {
            if (_call is null)
            {
                _call = new LinkCall(callee);
            }
            else
            {
                _call.Reset();
            }

            return _call;
        }

        private void PassArguments(scoped Span<RawValue> slots, scoped Span<RawValue> core, ref LinkMemories m, LinkCall? call)
        {
            if (!_type.ParametersSpilled)
            {
                int si = 0, di = 0;
                foreach (var parameter in _type.Parameters)
                {
                    _arguments.Flat(parameter, slots, ref si, core, ref di, ref m, call);
                }

                return;
            }

            // Both sides spill the same tuple: from the caller's memory into a block the callee's realloc gives.
            var tuple = _type.ParameterTuple!;
            var from = slots[0].U32;
            _arguments.Refresh(ref m);
            AbiChecks.CheckValue(m.From.Length, from, tuple, "parameters");
            var to = _arguments.Allocate((uint)tuple.Alignment, (uint)tuple.Size);
            _arguments.Refresh(ref m);
            _arguments.Stored(tuple, from, to, ref m, call);
            core[0] = RawValue.FromU32(to);
        }

        private void PassResults(scoped Span<RawValue> core, scoped Span<RawValue> slots, ref LinkMemories m)
        {
            if (_type.Results.Length == 0)
            {
                return;
            }

            var result = _type.Results[0];
            if (!_type.ResultsSpilled)
            {
                int si = 0, di = 0;
                _results.Flat(result, core, ref si, slots, ref di, ref m, null);
                return;
            }

            // The callee returns a pointer to its results; the caller passed a return area as its last argument.
            var from = core[0].U32;
            var to = slots[_callerParameterCount - 1].U32;
            _results.Refresh(ref m);
            AbiChecks.CheckValue(m.From.Length, from, result, "results");
            AbiChecks.CheckValue(m.To.Length, to, result, "return area");
            _results.Stored(result, from, to, ref m, null);
        }
    }
}
