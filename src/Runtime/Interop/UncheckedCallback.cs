using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The body of a host function made with <c>wasmtime_func_new_unchecked</c>: it receives the core
/// arguments in Wasmtime's own slot array and writes the results back into it — no boxing, no copy.
/// </summary>
internal abstract class UncheckedCallback
{
    /// <summary>The epoch of the store the function lives in, advanced on every call (guest code ran before it).</summary>
    public StoreEpoch? Epoch { get; set; }

    /// <summary>Runs the function; an exception becomes a trap and reaches the host caller unchanged.</summary>
    public abstract void Invoke(Span<RawValue> slots);

    /// <summary>What a call from the guest runs: advance the store's epoch, then <see cref="Invoke"/>.</summary>
    public void Enter(Span<RawValue> slots)
    {
        Epoch?.Advance();
        Invoke(slots);
    }
}

/// <summary>Creates core host functions whose callbacks take raw slots (<c>wasmtime_func_new_unchecked</c>).</summary>
internal static unsafe class UncheckedFunctions
{
    /// <summary>Whether the installed Wasmtime package exposes what this path needs.</summary>
    public static bool Supported { get; } =
        WasmtimeInternals.ExternFuncStoreId is not null && WasmtimeInternals.ExternFuncPrivate is not null && WasmtimeInternals.StoreContext is not null && WasmtimeInternals.FunctionFromHandle is not null;

    /// <summary>Creates the function, or returns null when <see cref="Supported"/> is false.</summary>
    public static Function? TryCreate(Store store, CoreFunctionSignature signature, UncheckedCallback body)
    {
        if (!Supported)
        {
            return null;
        }

        var context = (IntPtr)WasmtimeInternals.StoreContext!.GetValue(store)!;
        var parameters = Kinds(signature.Parameters);
        var results = Kinds(signature.Results);
        var type = NewFunctionType(signature);
        var handle = GCHandle.Alloc(body);
        NativeFunc func;
        try
        {
            NativeMethods.FuncNewUnchecked(context, type, &Callback, GCHandle.ToIntPtr(handle), &Finalize, &func);
        }
        catch
        {
            handle.Free();
            throw;
        }
        finally
        {
            NativeMethods.FuncTypeDelete(type);
        }

        return NativeInstantiation.NewFunction(store, func, parameters, results);
    }

    private static IntPtr NewFunctionType(CoreFunctionSignature signature)
    {
        NativeMethods.ValTypeVec p, r;
        NewVec(signature.Parameters.AsSpan(), &p);
        NewVec(signature.Results.AsSpan(), &r);
        return NativeMethods.FuncTypeNew(&p, &r);
    }

    private static void NewVec(ReadOnlySpan<CoreValueType> types, NativeMethods.ValTypeVec* vec)
    {
        var valTypes = stackalloc IntPtr[Math.Max(1, types.Length)];
        for (int i = 0; i < types.Length; i++)
        {
            // wasm_valkind_t: WASM_I32 = 0, WASM_I64 = 1, WASM_F32 = 2, WASM_F64 = 3.
            valTypes[i] = NativeMethods.ValTypeNew(types[i] switch
            {
                CoreValueType.I32 => 0,
                CoreValueType.I64 => 1,
                CoreValueType.F32 => 2,
                _ => 3,
            });
        }

        NativeMethods.ValTypeVecNew(vec, (nuint)types.Length, valTypes);
    }

    /// <summary>One array of the managed wrapper's kinds per distinct list of core types, shared by every function made with it.</summary>
    private static readonly ConcurrentDictionary<string, ValueKind[]> KindArrays = new(StringComparer.Ordinal);

    private static ValueKind[] Kinds(ImmutableArray<CoreValueType> types)
    {
        if (types.IsEmpty)
        {
            return [];
        }

        var key = string.Create(types.Length, types, static (chars, t) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('0' + (int)t[i]);
            }
        });
        return KindArrays.TryGetValue(key, out var known) ? known : KindArrays.GetOrAdd(key, _ => types.Select(Kind).ToArray());
    }

    /// <summary>The managed wrapper's name for a core value type.</summary>
    public static ValueKind Kind(CoreValueType type) => type switch
    {
        CoreValueType.I32 => ValueKind.Int32,
        CoreValueType.I64 => ValueKind.Int64,
        CoreValueType.F32 => ValueKind.Float32,
        _ => ValueKind.Float64,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Callback(IntPtr env, IntPtr caller, RawValue* slots, nuint count)
    {
        try
        {
            var body = (UncheckedCallback)GCHandle.FromIntPtr(env).Target!;
            body.Enter(new Span<RawValue>(slots, (int)count));
            return IntPtr.Zero;
        }
        catch (Exception e)
        {
            PendingException.Set(e);
            var message = System.Text.Encoding.UTF8.GetBytes(e.Message);
            fixed (byte* m = message)
            {
                return NativeMethods.TrapNew(m, (nuint)message.Length);
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Finalize(IntPtr env) => GCHandle.FromIntPtr(env).Free();
}
