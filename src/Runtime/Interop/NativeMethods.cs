using System.Runtime.InteropServices;

using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Interop;

/// <summary>The few C API functions of Wasmtime's native library that the managed wrapper does not expose.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "wasmtime";

    /// <summary>Calls a core function with arguments and results in one array of raw 16-byte slots.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_func_call_unchecked")]
    public static partial IntPtr FuncCallUnchecked(IntPtr context, NativeFunc* func, RawValue* argsAndResults, nuint length, out IntPtr trap);

    /// <summary>Creates a host function whose callback receives the arguments and results as raw slots.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_func_new_unchecked")]
    public static partial void FuncNewUnchecked(
        IntPtr context,
        IntPtr functionType,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, RawValue*, nuint, IntPtr> callback,
        IntPtr environment,
        delegate* unmanaged[Cdecl]<IntPtr, void> finalizer,
        NativeFunc* result);

    /// <summary>The base address of a linear memory (a lookup: no callbacks, so no GC transition needed).</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_memory_data")]
    [SuppressGCTransition]
    public static partial byte* MemoryData(IntPtr context, NativeMemory* memory);

    /// <summary>The byte size of a linear memory.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_memory_data_size")]
    [SuppressGCTransition]
    public static partial nuint MemoryDataSize(IntPtr context, NativeMemory* memory);

    /// <summary>Whether linear memories may move when they grow (<c>Config::memory_may_move</c>); must precede <c>wasm_engine_new_with_config</c>.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_config_memory_may_move_set")]
    public static partial void ConfigMemoryMayMoveSet(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);

    /// <summary>The address space reserved for each linear memory (<c>Config::memory_reservation</c>).</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_config_memory_reservation_set")]
    public static partial void ConfigMemoryReservationSet(IntPtr config, ulong bytes);

    [LibraryImport(Library, EntryPoint = "wasmtime_trap_new")]
    public static partial IntPtr TrapNew(byte* message, nuint length);

    [LibraryImport(Library, EntryPoint = "wasm_valtype_new")]
    public static partial IntPtr ValTypeNew(byte kind);

    [LibraryImport(Library, EntryPoint = "wasm_valtype_vec_new")]
    public static partial void ValTypeVecNew(ValTypeVec* result, nuint size, IntPtr* types);

    /// <summary>Takes ownership of both vectors.</summary>
    [LibraryImport(Library, EntryPoint = "wasm_functype_new")]
    public static partial IntPtr FuncTypeNew(ValTypeVec* parameters, ValTypeVec* results);

    [LibraryImport(Library, EntryPoint = "wasm_functype_delete")]
    public static partial void FuncTypeDelete(IntPtr functionType);

    /// <summary>Converts module or component text to binary; returns an owned error or null.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_wat2wasm")]
    public static partial IntPtr Wat2Wasm(byte* text, nuint length, ByteVec* result);

    /// <summary>Reads a trap's code (<c>wasmtime_trap_code_t</c>, a byte); false when the trap has none.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_trap_code")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool TrapCode(IntPtr trap, out byte code);

    [LibraryImport(Library, EntryPoint = "wasm_trap_message")]
    public static partial void TrapMessage(IntPtr trap, out ByteVec message);

    [LibraryImport(Library, EntryPoint = "wasm_trap_delete")]
    public static partial void TrapDelete(IntPtr trap);

    [LibraryImport(Library, EntryPoint = "wasmtime_error_message")]
    public static partial void ErrorMessage(IntPtr error, out ByteVec message);

    [LibraryImport(Library, EntryPoint = "wasmtime_error_delete")]
    public static partial void ErrorDelete(IntPtr error);

    [LibraryImport(Library, EntryPoint = "wasm_byte_vec_delete")]
    public static partial void ByteVecDelete(ref ByteVec vec);

    /// <summary><c>wasm_valtype_vec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ValTypeVec
    {
        public nuint Size;
        public IntPtr* Data;
    }

    /// <summary><c>wasm_byte_vec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ByteVec
    {
        public nuint Size;
        public byte* Data;

        /// <summary>The bytes as UTF-8 text, without the C string terminator some messages carry.</summary>
        public readonly string ToUtf8String() => Data == null ? string.Empty : NativeText.Clean(System.Text.Encoding.UTF8.GetString(Data, checked((int)Size)));
    }
}

/// <summary>The C API's <c>wasmtime_func_t</c>: a store id and an opaque index.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeFunc
{
    public ulong StoreId;
    public IntPtr Private;
}
