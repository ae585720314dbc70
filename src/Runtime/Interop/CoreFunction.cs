using System.Reflection;
using Wasmtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// A core WebAssembly function prepared for the fastest call the platform offers: arguments and
/// results travel in one stack-allocated array of raw slots through
/// <c>wasmtime_func_call_unchecked</c>. The native handles are read from the managed wrapper once,
/// when the function is prepared.
/// </summary>
internal sealed unsafe class CoreFunction
{
    private static readonly FieldInfo FuncField = WasmtimeInternals.Require(WasmtimeInternals.FunctionHandle, "Function.func");
    private static readonly FieldInfo StoreField = WasmtimeInternals.Require(WasmtimeInternals.FunctionStore, "Function.store");
    private static readonly FieldInfo ContextField = WasmtimeInternals.Require(WasmtimeInternals.StoreContext, "Store.contextHandle");
    private static readonly FieldInfo FuncStoreIdField = WasmtimeInternals.Require(WasmtimeInternals.ExternFuncStoreId, "ExternFunc.store");
    private static readonly FieldInfo FuncPrivateField = WasmtimeInternals.Require(WasmtimeInternals.ExternFuncPrivate, "ExternFunc.__private");

    private NativeFunc _func;
    private readonly IntPtr _context;
    private readonly StoreEpoch _epoch;

    /// <summary>Prepares a core function for raw calls.</summary>
    public CoreFunction(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Managed = function;
        var boxed = FuncField.GetValue(function) ?? throw new InvalidOperationException("function handle missing");
        _func.StoreId = (ulong)FuncStoreIdField.GetValue(boxed)!;
        _func.Private = (IntPtr)FuncPrivateField.GetValue(boxed)!;
        var store = (Store)StoreField.GetValue(function)!;
        _context = (IntPtr)ContextField.GetValue(store)!;
        _epoch = StoreEpoch.For(store);
        ParameterCount = function.Parameters.Count;
        ResultCount = function.Results.Count;
    }

    /// <summary>The managed wrapper.</summary>
    public Function Managed { get; }

    /// <summary>The number of core parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of core results.</summary>
    public int ResultCount { get; }

    /// <summary>
    /// Calls the function. <paramref name="slots"/> holds the arguments on entry and the results on
    /// return; it must be at least max(parameters, results) long. A trap throws <see cref="CoreTrapException"/>.
    /// </summary>
    public void Call(Span<RawValue> slots)
    {
        if (slots.Length < Math.Max(ParameterCount, ResultCount))
        {
            throw new ArgumentException("the slot array is shorter than the function's parameters or results", nameof(slots));
        }

        IntPtr error, trap;
        fixed (RawValue* p = slots)
        fixed (NativeFunc* f = &_func)
        {
            error = NativeMethods.FuncCallUnchecked(_context, f, p, (nuint)slots.Length, out trap);
        }

        _epoch.Advance();

        if (error != IntPtr.Zero || trap != IntPtr.Zero)
        {
            throw TrapFrom(error, trap);
        }
    }

    private static Exception TrapFrom(IntPtr error, IntPtr trap)
    {
        string message;
        if (trap != IntPtr.Zero)
        {
            NativeMethods.TrapMessage(trap, out var vec);
            message = vec.ToUtf8String();
            NativeMethods.ByteVecDelete(ref vec);
            NativeMethods.TrapDelete(trap);
        }
        else
        {
            NativeMethods.ErrorMessage(error, out var vec);
            message = vec.ToUtf8String();
            NativeMethods.ByteVecDelete(ref vec);
            NativeMethods.ErrorDelete(error);
        }

        return new CoreTrapException(message);
    }
}

/// <summary>A trap raised by core WebAssembly code (unreachable, out-of-bounds access, …).</summary>
internal sealed class CoreTrapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoreTrapException(string message)
        : base(message)
    {
    }
}
