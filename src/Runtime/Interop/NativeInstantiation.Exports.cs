using System.Runtime.CompilerServices;
using Wasmtime;
using Module = Wasmtime.Module;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// Function exports of core instances read with the C API, without the managed wrapper's per-store cache. Wasmtime
/// .NET's <see cref="Instance.GetFunction(string)"/> keeps every wrapper it hands out in its store for the store's
/// life, with two arrays for its signature: an instantiation asks for every function export its component aliases
/// (most of them only to pass to the next core instantiation), so each live instance kept about 60 wrappers. Here a
/// wrapper lives as long as the runtime's objects use it, and its signature arrays are the module's own, shared by
/// every instance of the module.
/// </summary>
internal static unsafe partial class NativeInstantiation
{
    /// <summary><c>WASMTIME_EXTERN_FUNC</c>.</summary>
    private const byte FunctionKind = 0;

    /// <summary>The parameter and result kinds of each function export of a module, read once per module.</summary>
    private static readonly ConditionalWeakTable<Module, Dictionary<string, FunctionExport>> FunctionExports = new();

    /// <summary>Whether the installed Wasmtime package exposes what <see cref="GetFunction"/> needs.</summary>
    public static bool CanReadFunctions { get; } =
        WasmtimeInternals.InstanceHandle is not null && WasmtimeInternals.StoreContext is not null && WasmtimeInternals.ExternFuncType is not null
        && WasmtimeInternals.ExternFuncStoreId is not null && WasmtimeInternals.ExternFuncPrivate is not null && WasmtimeInternals.FunctionFromHandle is not null;

    /// <summary>The native handle of a managed instance, for <see cref="GetFunction"/>.</summary>
    public static NativeInstance Handle(Instance instance) => ToNative<NativeInstance>(WasmtimeInternals.InstanceHandle!.GetValue(instance)!);

    /// <summary>
    /// The function <paramref name="module"/> exports as <paramref name="name"/>, of the instance
    /// <paramref name="instance"/> of it; null when the module exports no function of that name.
    /// Requires <see cref="CanReadFunctions"/>.
    /// </summary>
    public static Function? GetFunction(Store store, NativeInstance instance, Module module, string name)
    {
        var exports = FunctionExports.GetValue(module, static m => m.Exports.OfType<FunctionExport>().ToDictionary(e => e.Name, StringComparer.Ordinal));
        if (!exports.TryGetValue(name, out var export))
        {
            return null;
        }

        var context = CompiledAccessors.StoreContext is { } read ? read(store) : (IntPtr)WasmtimeInternals.StoreContext!.GetValue(store)!;
        var length = System.Text.Encoding.UTF8.GetByteCount(name);
        Span<byte> utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        System.Text.Encoding.UTF8.GetBytes(name, utf8);
        NativeExtern item;
        fixed (byte* bytes = utf8)
        {
            if (!InstanceExportGet(context, &instance, bytes, (nuint)length, &item) || item.Kind != FunctionKind)
            {
                return null;
            }
        }

        // wasmtime_extern_t: the kind byte, then the union at offset 8; a function is a wasmtime_func_t.
        var func = *(NativeFunc*)((byte*)&item + 8);
        GC.KeepAlive(store);
        return NewFunction(store, func, export.Parameters, export.Results);
    }

    /// <summary>A managed wrapper for a native function of <paramref name="store"/>, outside the store's wrapper cache.</summary>
    public static Function NewFunction(Store store, NativeFunc func, IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        if (CompiledAccessors.NewFunction is { } create)
        {
            return create(store, func.StoreId, func.Private, parameters, results);
        }

        var boxed = Activator.CreateInstance(WasmtimeInternals.ExternFuncType!)!;
        WasmtimeInternals.ExternFuncStoreId!.SetValue(boxed, func.StoreId);
        WasmtimeInternals.ExternFuncPrivate!.SetValue(boxed, func.Private);
        return (Function)WasmtimeInternals.FunctionFromHandle!.Invoke([store, boxed, parameters, results]);
    }
}
