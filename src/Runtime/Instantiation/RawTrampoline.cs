using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;

namespace WitBindgen.Runtime.Instantiation;

/// <summary><c>canon lower</c> of a raw host function: core values straight to the host, no <see cref="WitValue"/>s.</summary>
internal static class RawTrampoline
{
    public static Function Lower(Store store, RawHostCallable callee, AbiFunctionType type, CanonOptions options)
    {
        var signature = type.LowerSignature;
        var function = callee.Definition.Function;

        // Without handles a call needs no per-call resource scope, so one context serves every call.
        var usesHandles = type.Parameters.Any(AbiTypes.ContainsHandles) || type.Results.Any(AbiTypes.ContainsHandles);
        var shared = usesHandles ? null : options.Context(null);
        return Trampolines.CoreHostFunction(store, signature, new RawImportBody(callee.Name, options, function, shared));
    }

    /// <summary>One lowered raw import: the reentrance check, the call's context, the host function.</summary>
    private sealed class RawImportBody(string name, CanonOptions options, RawHostFunction function, AbiContext? shared) : UncheckedCallback
    {
        public override void Invoke(Span<RawValue> slots)
        {
            options.CheckMayLeave(name);
            if (shared is not null)
            {
                function(shared, slots);
                return;
            }

            var scope = new CallScope(options.Instance);
            function(options.Context(scope), slots);
            scope.Finish();
        }
    }
}
