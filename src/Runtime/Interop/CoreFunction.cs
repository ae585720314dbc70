using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;

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

    // The signature, to make a managed wrapper again when one is needed (WasmAdapter's imports): a live instance
    // keeps dozens of prepared functions, and not their wrappers.
    private readonly IReadOnlyList<ValueKind> _parameters;
    private readonly IReadOnlyList<ValueKind> _results;

    /// <summary>Prepares a core function for raw calls.</summary>
    public CoreFunction(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _parameters = function.Parameters;
        _results = function.Results;
        var boxed = FuncField.GetValue(function) ?? throw new InvalidOperationException("function handle missing");
        _func.StoreId = (ulong)FuncStoreIdField.GetValue(boxed)!;
        _func.Private = (IntPtr)FuncPrivateField.GetValue(boxed)!;
        var store = (Store)StoreField.GetValue(function)!;
        _context = (IntPtr)ContextField.GetValue(store)!;
        _epoch = StoreEpoch.For(store);
        ParameterCount = function.Parameters.Count;
        ResultCount = function.Results.Count;
        _slotsNeeded = Math.Max(ParameterCount, ResultCount);
    }

    /// <summary>The fewest slots a call needs: max(parameters, results).</summary>
    private readonly int _slotsNeeded;

    /// <summary>A managed wrapper of the function, to pass it to a core instantiation of <paramref name="store"/> (its store).</summary>
    public Function ToManaged(Store store) => NativeInstantiation.NewFunction(store, _func, _parameters, _results);

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
        if (slots.Length < _slotsNeeded)
        {
            throw new ArgumentException("the slot array is shorter than the function's parameters or results", nameof(slots));
        }

        fixed (RawValue* p = slots)
        {
            if (ThreadStack.IsShort())
            {
                CallOnLargeStack(p, slots.Length);
            }
            else
            {
                CallHere(p, slots.Length);
            }
        }
    }

    private void CallHere(RawValue* slots, int length)
    {
        IntPtr error, trap;
        var adapters = _epoch.Adapters;
        var depth = adapters?.Depth ?? 0;
        fixed (NativeFunc* f = &_func)
        {
            error = NativeMethods.FuncCallUnchecked(_context, f, slots, (nuint)length, out trap);
        }

        _epoch.Advance();

        if (error != IntPtr.Zero || trap != IntPtr.Zero)
        {
            // Wasm adapters the trap unwound never ran their exit: their callees are poisoned and left here, and the
            // innermost one is named as where the trap happened (as the host-side adapter would have).
            var unwound = adapters?.Unwind(depth);
            var exception = TrapFrom(error, trap);
            exception.Unwound = unwound;
            throw exception;
        }
    }

    /// <summary>
    /// Runs the call on a new thread with a large stack while this one, short of stack (<see cref="ThreadStack"/>),
    /// waits: guest code that recurses deeply then traps instead of overflowing this thread's stack. Host functions the
    /// guest calls run on that thread; an exception one throws reaches this thread as it would have.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CallOnLargeStack(RawValue* slots, int length)
    {
        var call = new LargeStackCall(this, slots, length);
        var thread = new Thread(static state => ((LargeStackCall)state!).Run(), ThreadStack.LargeStackBytes)
        {
            IsBackground = true,
            Name = "WitBindgen guest call",
        };
        thread.Start(call);
        thread.Join();
        call.Finish();
    }

    /// <summary>A call moved to a thread with a large stack; the caller's slots stay where they are while it waits.</summary>
    private sealed class LargeStackCall(CoreFunction function, RawValue* slots, int length)
    {
        private readonly int _caller = CallingThread.Id;
        private Exception? _error;
        private Exception? _pending;

        public void Run()
        {
            CallingThread.ActFor(_caller);
            try
            {
                function.CallHere(slots, length);
            }
            catch (Exception e)
            {
                _error = e;
            }

            _pending = PendingException.Take();
        }

        public void Finish()
        {
            if (_pending is not null)
            {
                PendingException.Set(_pending);
            }

            if (_error is not null)
            {
                ExceptionDispatchInfo.Capture(_error).Throw();
            }
        }
    }

    private static CoreTrapException TrapFrom(IntPtr error, IntPtr trap)
    {
        string message;
        byte? code = null;
        if (trap != IntPtr.Zero)
        {
            if (NativeMethods.TrapCode(trap, out var raw))
            {
                code = raw;
            }

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

        return new CoreTrapException(message, code);
    }
}

/// <summary>A trap raised by core WebAssembly code (unreachable, out-of-bounds access, …).</summary>
internal sealed class CoreTrapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoreTrapException(string message, byte? code = null)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The C API's <c>WASMTIME_TRAP_CODE_STACK_OVERFLOW</c>.</summary>
    public const byte StackOverflow = 0;

    /// <summary>The C API's <c>WASMTIME_TRAP_CODE_INTERRUPT</c> (an epoch deadline without a callback).</summary>
    public const byte Interrupt = 10;

    /// <summary>The C API's <c>WASMTIME_TRAP_CODE_OUT_OF_FUEL</c>.</summary>
    public const byte OutOfFuel = 11;

    /// <summary>Wasmtime's code for the trap (<c>wasmtime_trap_code_t</c>), when it has one (an error raised by host code has none).</summary>
    public byte? Code { get; }

    /// <summary>
    /// Where the innermost wasm adapter the trap unwound was (the instance and what it ran: <c>'function'</c>, or
    /// <c>realloc for the results of 'function'</c>), or null: the trap happened there rather than in the instance
    /// the core call went to.
    /// </summary>
    public (State.InstanceState Instance, string What)? Unwound { get; set; }
}
