using System.Runtime.InteropServices;
using Wasmtime;
using Module = Wasmtime.Module;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// Core exception tags between core instances. Wasmtime .NET has no type for a tag: it can neither return a
/// tag export of an instance nor pass one to an instantiation. Tags are therefore read with the C API
/// (<c>wasmtime_instance_export_get</c>), and a module that imports one is instantiated with
/// <c>wasmtime_instance_new</c>, its other imports converted the way the managed wrapper converts them, and the
/// result wrapped in the managed <see cref="Instance"/>.
/// </summary>
internal static unsafe partial class NativeInstantiation
{
    /// <summary><c>WASMTIME_EXTERN_TAG</c>.</summary>
    private const byte TagKind = 5;

    /// <summary>The tag exported as <paramref name="name"/> by <paramref name="instance"/> of <paramref name="store"/>, if it is one.</summary>
    public static CoreTag? GetTag(Store store, Instance instance, string name)
    {
        if (WasmtimeInternals.InstanceHandle is null || WasmtimeInternals.StoreContext is null)
        {
            return null;
        }

        var context = (IntPtr)WasmtimeInternals.StoreContext.GetValue(store)!;
        var handle = ToNative<NativeInstance>(WasmtimeInternals.InstanceHandle.GetValue(instance)!);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        NativeExtern item;
        fixed (byte* bytes = utf8)
        {
            if (!InstanceExportGet(context, &handle, bytes, (nuint)utf8.Length, &item))
            {
                return null;
            }
        }

        return item.Kind == TagKind ? new CoreTag(item) : null;
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/> with <paramref name="imports"/> (functions,
    /// tables, memories, globals and <see cref="CoreTag"/>s, in the module's import order).
    /// </summary>
    /// <exception cref="ComponentLinkException">The imports do not match, or this Wasmtime package hides what is needed.</exception>
    /// <exception cref="NativeTrapException">The module's start function trapped.</exception>
    public static Instance Instantiate(Store store, Module module, object[] imports)
    {
        if (WasmtimeInternals.InstanceHandle is null || WasmtimeInternals.InstanceFromHandle is null || WasmtimeInternals.ModuleHandle is null || WasmtimeInternals.AsExtern is null || WasmtimeInternals.StoreContext is null)
        {
            throw new ComponentLinkException("core exception tags cannot be passed between core instances with the installed Wasmtime package");
        }

        var context = (IntPtr)WasmtimeInternals.StoreContext.GetValue(store)!;
        var moduleHandle = (SafeHandle)WasmtimeInternals.ModuleHandle.GetValue(module)!;
        var externs = new NativeExtern[imports.Length];
        for (var i = 0; i < imports.Length; i++)
        {
            externs[i] = imports[i] switch
            {
                CoreTag tag => tag.Extern,
                Function or Table or Memory or Global => ToNative<NativeExtern>(WasmtimeInternals.AsExtern.Invoke(imports[i], null)!),
                _ => throw new ComponentLinkException($"import {i} of a core module is not a core function, table, memory, global or tag"),
            };
        }

        NativeInstance instance;
        IntPtr error, trap;
        var added = false;
        try
        {
            moduleHandle.DangerousAddRef(ref added);
            fixed (NativeExtern* items = externs)
            {
                error = InstanceNew(context, moduleHandle.DangerousGetHandle(), items, (nuint)externs.Length, &instance, out trap);
            }
        }
        finally
        {
            if (added)
            {
                moduleHandle.DangerousRelease();
            }

            GC.KeepAlive(imports);
        }

        if (error != IntPtr.Zero)
        {
            NativeMethods.ErrorMessage(error, out var message);
            var text = message.ToUtf8String();
            NativeMethods.ByteVecDelete(ref message);
            NativeMethods.ErrorDelete(error);

            // An exception the start function threw and nothing caught comes back as an error carrying the wasm
            // backtrace of the code that ran: guest code ran and failed, a trap like any other.
            if (text.Contains("wasm backtrace", StringComparison.Ordinal))
            {
                throw new NativeTrapException(NativeText.Clean(text));
            }

            throw new ComponentLinkException($"core module instantiation failed: {text}");
        }

        if (trap != IntPtr.Zero)
        {
            NativeMethods.TrapMessage(trap, out var message);
            var text = message.ToUtf8String().TrimEnd('\0');
            NativeMethods.ByteVecDelete(ref message);
            NativeMethods.TrapDelete(trap);
            throw new NativeTrapException(text);
        }

        var managed = Marshal.PtrToStructure((IntPtr)(&instance), WasmtimeInternals.InstanceHandle.FieldType)!;
        return (Instance)WasmtimeInternals.InstanceFromHandle.Invoke([store, managed]);
    }

    /// <summary>The bytes of a boxed managed wrapper struct, read as the C struct of the same layout.</summary>
    private static T ToNative<T>(object boxed)
        where T : unmanaged
    {
        if (Marshal.SizeOf(boxed.GetType()) != sizeof(T))
        {
            throw new ComponentLinkException($"the installed Wasmtime package lays out {boxed.GetType().Name} differently than expected");
        }

        T native;
        Marshal.StructureToPtr(boxed, (IntPtr)(&native), false);
        return native;
    }

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_instance_export_get")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool InstanceExportGet(IntPtr context, NativeInstance* instance, byte* name, nuint length, NativeExtern* item);

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_instance_new")]
    private static partial IntPtr InstanceNew(IntPtr context, IntPtr module, NativeExtern* imports, nuint count, NativeInstance* instance, out IntPtr trap);
}

/// <summary>The C API's <c>wasmtime_extern_t</c>: a kind byte and a 24-byte union.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct NativeExtern
{
    public byte Kind;
}

/// <summary>The C API's <c>wasmtime_instance_t</c>: a store id and an opaque index.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeInstance
{
    public ulong StoreId;
    public nuint Private;
}

/// <summary>A core exception tag exported by a core instance, as the C API hands it out.</summary>
internal sealed class CoreTag
{
    internal CoreTag(NativeExtern native) => Extern = native;

    /// <summary>The tag as the C API's <c>wasmtime_extern_t</c>.</summary>
    internal NativeExtern Extern { get; }
}

/// <summary>A trap raised while instantiating a core module through the C API (its start function trapped).</summary>
internal sealed class NativeTrapException(string message) : Exception(message);
