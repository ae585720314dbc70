using System.Runtime.InteropServices;
using System.Text;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// A core exception tag (the exception-handling proposal's <c>tag</c>) exported by a core instance. Wasmtime .NET has
/// no managed type for tags, so the runtime keeps the C API's <c>wasmtime_extern_t</c> and hands it to the core
/// instances that import it.
/// </summary>
internal sealed class CoreTag
{
    internal CoreTag(NativeExtern native) => Native = native;

    /// <summary>The tag as the C API's extern.</summary>
    public NativeExtern Native { get; }
}

/// <summary>
/// Core tags through the C API: finding one among a core instance's exports (<c>wasmtime_instance_export_get</c>) and
/// instantiating a core module that imports one (<c>wasmtime_instance_new</c>, the result wrapped back into a managed
/// <see cref="Instance"/>). Each needs private members of the Wasmtime .NET package; without them tags are refused.
/// </summary>
internal static unsafe class CoreTags
{
    /// <summary>Whether the installed Wasmtime package exposes what tags need.</summary>
    public static bool Supported { get; } =
        WasmtimeInternals.StoreContext is not null && WasmtimeInternals.InstanceHandle is not null
        && WasmtimeInternals.InstanceConstructor is not null && WasmtimeInternals.ModuleHandle is not null
        && WasmtimeInternals.AsExtern is not null
        && WasmtimeInternals.ExternInstanceType is { IsValueType: true } type && Marshal.SizeOf(type) == sizeof(NativeInstance);

    /// <summary>The tag exported as <paramref name="name"/>, or null when the instance exports no tag by that name.</summary>
    public static CoreTag? TryGetExport(Store store, Instance instance, string name)
    {
        if (!Supported)
        {
            return null;
        }

        var handle = ToNative(WasmtimeInternals.InstanceHandle!.GetValue(instance)!);
        var utf8 = Encoding.UTF8.GetBytes(name);
        NativeExtern item;
        bool found;
        fixed (byte* n = utf8)
        {
            found = NativeMethods.InstanceExportGet(Context(store), &handle, n, (nuint)utf8.Length, &item);
        }

        if (!found)
        {
            return null;
        }

        if (item.Kind != NativeExtern.TagKind)
        {
            NativeMethods.ExternDelete(&item);
            return null;
        }

        return new CoreTag(item);
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> with <paramref name="imports"/> in the module's import order: functions,
    /// memories, tables, globals and <see cref="CoreTag"/>s. Failures are thrown as the managed constructor throws them:
    /// <see cref="TrapException"/> when a start function trapped, <see cref="WasmtimeException"/> otherwise.
    /// </summary>
    /// <exception cref="ComponentLinkException">The Wasmtime package hides what this needs.</exception>
    public static Instance Instantiate(Store store, Module module, IReadOnlyList<object> imports)
    {
        if (!Supported)
        {
            throw new ComponentLinkException(
                "a core module imports a core tag, and the installed Wasmtime .NET package has no way to pass one; the Wasmtime package version is not supported");
        }

        var externs = new NativeExtern[imports.Count];
        for (var i = 0; i < externs.Length; i++)
        {
            externs[i] = imports[i] is CoreTag tag ? tag.Native : ToExtern(imports[i]);
        }

        var moduleHandle = (SafeHandle)WasmtimeInternals.ModuleHandle!.GetValue(module)!;
        NativeInstance result;
        IntPtr error, trap;
        fixed (NativeExtern* p = externs)
        {
            error = NativeMethods.InstanceNew(Context(store), moduleHandle.DangerousGetHandle(), p, (nuint)externs.Length, &result, out trap);
        }

        GC.KeepAlive(module);
        if (trap != IntPtr.Zero)
        {
            NativeMethods.TrapMessage(trap, out var vec);
            var message = vec.ToUtf8String();
            NativeMethods.ByteVecDelete(ref vec);
            NativeMethods.TrapDelete(trap);
            throw new TrapException(message);
        }

        if (error != IntPtr.Zero)
        {
            NativeMethods.ErrorMessage(error, out var vec);
            var message = vec.ToUtf8String();
            NativeMethods.ByteVecDelete(ref vec);
            NativeMethods.ErrorDelete(error);
            throw new WasmtimeException(message);
        }

        var boxed = Marshal.PtrToStructure((IntPtr)(&result), WasmtimeInternals.ExternInstanceType!)!;
        return (Instance)WasmtimeInternals.InstanceConstructor!.Invoke([store, boxed]);
    }

    private static IntPtr Context(Store store) => (IntPtr)WasmtimeInternals.StoreContext!.GetValue(store)!;

    /// <summary>The C API extern of a managed function, memory, table or global (<c>IExternal.AsExtern</c>).</summary>
    private static NativeExtern ToExtern(object external)
    {
        var boxed = WasmtimeInternals.AsExtern!.Invoke(external, null)!;
        if (Marshal.SizeOf(boxed.GetType()) != sizeof(NativeExtern))
        {
            throw new ComponentLinkException("the installed Wasmtime .NET package lays externs out differently; core tags cannot be passed");
        }

        NativeExtern native;
        Marshal.StructureToPtr(boxed, (IntPtr)(&native), fDeleteOld: false);
        return native;
    }

    private static NativeInstance ToNative(object boxedInstance)
    {
        NativeInstance native;
        Marshal.StructureToPtr(boxedInstance, (IntPtr)(&native), fDeleteOld: false);
        return native;
    }
}
