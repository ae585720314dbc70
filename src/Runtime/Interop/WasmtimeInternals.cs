using System.Reflection;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The private members of the Wasmtime .NET package the raw paths read, looked up once in one place: the
/// store's C context, and the native handles (<c>wasmtime_func_t</c>, <c>wasmtime_memory_t</c>) behind
/// <see cref="Function"/> and <see cref="Memory"/>. Each is null when the installed package hides it; callers
/// either fall back to the managed API or refuse with <see cref="Require"/>.
/// </summary>
internal static class WasmtimeInternals
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary><c>Store.contextHandle</c>: the <c>wasmtime_context_t*</c>.</summary>
    public static readonly FieldInfo? StoreContext = typeof(Store).GetField("contextHandle", Private);

    /// <summary><c>Function.func</c>: the boxed <c>ExternFunc</c> (a <c>wasmtime_func_t</c>).</summary>
    public static readonly FieldInfo? FunctionHandle = typeof(Function).GetField("func", Private);

    /// <summary><c>Function.store</c>.</summary>
    public static readonly FieldInfo? FunctionStore = typeof(Function).GetField("store", Private);

    /// <summary>The package's <c>ExternFunc</c> struct.</summary>
    public static readonly Type? ExternFuncType = typeof(Function).Assembly.GetType("Wasmtime.ExternFunc");

    /// <summary><c>ExternFunc.store</c>: the store id.</summary>
    public static readonly FieldInfo? ExternFuncStoreId = ExternFuncType?.GetField("store");

    /// <summary><c>ExternFunc.__private</c>.</summary>
    public static readonly FieldInfo? ExternFuncPrivate = ExternFuncType?.GetField("__private");

    /// <summary><c>Memory.memory</c>: the boxed <c>ExternMemory</c> (a <c>wasmtime_memory_t</c>).</summary>
    public static readonly FieldInfo? MemoryHandle = typeof(Memory).GetField("memory", Private);

    /// <summary><c>Memory.store</c>.</summary>
    public static readonly FieldInfo? MemoryStore = typeof(Memory).GetField("store", Private);

    /// <summary><c>ExternMemory.store</c>: the store id.</summary>
    public static readonly FieldInfo? ExternMemoryStoreId = MemoryHandle?.FieldType.GetField("store");

    /// <summary><c>ExternMemory.__private1</c>.</summary>
    public static readonly FieldInfo? ExternMemoryPrivate1 = MemoryHandle?.FieldType.GetField("__private1");

    /// <summary><c>ExternMemory.__private2</c>.</summary>
    public static readonly FieldInfo? ExternMemoryPrivate2 = MemoryHandle?.FieldType.GetField("__private2");

    /// <summary><c>Instance.instance</c>: the boxed <c>ExternInstance</c> (a <c>wasmtime_instance_t</c>).</summary>
    public static readonly FieldInfo? InstanceHandle = typeof(Instance).GetField("instance", Private);

    /// <summary>The package's <c>ExternInstance</c> struct.</summary>
    public static readonly Type? ExternInstanceType = InstanceHandle?.FieldType;

    /// <summary>The internal <c>Instance(Store, ExternInstance)</c> constructor, which wraps an instance made through the C API.</summary>
    public static readonly ConstructorInfo? InstanceConstructor = ExternInstanceType is null
        ? null
        : typeof(Instance).GetConstructor(Private, [typeof(Store), ExternInstanceType]);

    /// <summary><c>Module.NativeHandle</c>: the safe handle of the <c>wasmtime_module_t*</c>.</summary>
    public static readonly PropertyInfo? ModuleHandle = typeof(Wasmtime.Module).GetProperty("NativeHandle", Private);

    /// <summary><c>IExternal.AsExtern()</c>: the <c>wasmtime_extern_t</c> of a function, memory, table or global.</summary>
    public static readonly MethodInfo? AsExtern = typeof(Instance).Assembly.GetType("Wasmtime.IExternal")?.GetMethod("AsExtern");

    /// <summary>The member, or an exception naming it when the installed package hides it.</summary>
    public static FieldInfo Require(FieldInfo? field, string name) =>
        field ?? throw new InvalidOperationException($"Wasmtime .NET has no {name}; the Wasmtime package version is not supported");
}
