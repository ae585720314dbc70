using System.Reflection;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// The private members of the Wasmtime .NET package the raw paths read, looked up once in one place: the
/// store's C context, and the native handles (<c>wasmtime_func_t</c>, <c>wasmtime_memory_t</c>,
/// <c>wasmtime_instance_t</c>, <c>wasmtime_module_t*</c>) behind <see cref="Function"/>, <see cref="Memory"/>,
/// <see cref="Instance"/> and <see cref="Wasmtime.Module"/>. They were written for the package versions in
/// <see cref="SupportedVersions"/> (the project pins that range); <see cref="EnsureSupported"/> checks every one of
/// them once, when a <see cref="ComponentRuntime"/> is created, and refuses a package that lacks any.
/// </summary>
internal static class WasmtimeInternals
{
    /// <summary>The Wasmtime .NET versions these members were written for (NuGet range notation).</summary>
    public const string SupportedVersions = "[50.0.1, 51)";

    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary><c>Store.contextHandle</c>: the <c>wasmtime_context_t*</c>.</summary>
    public static readonly FieldInfo? StoreContext = typeof(Store).GetField("contextHandle", Private);

    /// <summary><c>Config.handle</c>: the <c>wasm_config_t*</c>'s safe handle.</summary>
    public static readonly FieldInfo? ConfigHandle = typeof(Config).GetField("handle", Private);

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

    /// <summary><c>Instance.instance</c>: the boxed <c>wasmtime_instance_t</c>.</summary>
    public static readonly FieldInfo? InstanceHandle = typeof(Instance).GetField("instance", Private);

    /// <summary><c>Module.handle</c>: the module's safe handle.</summary>
    public static readonly FieldInfo? ModuleHandle = typeof(Wasmtime.Module).GetField("handle", Private);

    /// <summary>The <see cref="Instance"/> constructor from a store and a native instance.</summary>
    public static readonly ConstructorInfo? InstanceFromHandle = InstanceHandle is null
        ? null
        : typeof(Instance).GetConstructor(Private, [typeof(Store), InstanceHandle.FieldType]);

    /// <summary><c>IExternal.AsExtern</c>: the native <c>wasmtime_extern_t</c> of a function, table, memory or global.</summary>
    public static readonly MethodInfo? AsExtern = typeof(Function).Assembly.GetType("Wasmtime.IExternal")?.GetMethod("AsExtern");

    /// <summary>The <see cref="Function"/> constructor from a store, a native function and its core type.</summary>
    public static readonly ConstructorInfo? FunctionFromHandle = ExternFuncType is null
        ? null
        : typeof(Function).GetConstructor(Private, [typeof(Store), ExternFuncType, typeof(IReadOnlyList<ValueKind>), typeof(IReadOnlyList<ValueKind>)]);

    private static readonly Lazy<string[]> MissingMembers = new(() => FindMissing().ToArray());

    /// <summary>The members the installed package lacks (empty when it is supported).</summary>
    public static IReadOnlyList<string> Missing => MissingMembers.Value;

    /// <summary>The version of the loaded Wasmtime assembly (its informational version when it has one).</summary>
    public static string LoadedVersion
    {
        get
        {
            var assembly = typeof(Store).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
        }
    }

    /// <summary>Throws when the installed Wasmtime package lacks any member the runtime reads.</summary>
    /// <exception cref="NotSupportedException">Some members are missing; the message names the version found and each missing member.</exception>
    public static void EnsureSupported()
    {
        if (Missing.Count > 0)
        {
            throw new NotSupportedException(Describe(LoadedVersion, Missing));
        }
    }

    /// <summary>The message for a package that lacks <paramref name="missing"/>.</summary>
    public static string Describe(string version, IReadOnlyList<string> missing) =>
        $"WitBindgen.Runtime reads private members of Wasmtime .NET and supports the versions {SupportedVersions}; "
        + $"the loaded Wasmtime assembly is version {version} and lacks {string.Join(", ", missing)}. "
        + $"Reference a Wasmtime package in {SupportedVersions}.";

    /// <summary>The member, or an exception naming it when the installed package hides it.</summary>
    public static FieldInfo Require(FieldInfo? field, string name) =>
        field ?? throw new NotSupportedException(Describe(LoadedVersion, [name]));

    /// <summary>Every member looked up above, with the name a refusal gives it.</summary>
    internal static (object? Member, string Name)[] Checked =>
        new (object? Member, string Name)[]
        {
            (StoreContext, "Store.contextHandle"),
            (ConfigHandle, "Config.handle"),
            (FunctionHandle, "Function.func"),
            (FunctionStore, "Function.store"),
            (ExternFuncType, "type Wasmtime.ExternFunc"),
            (ExternFuncStoreId, "ExternFunc.store"),
            (ExternFuncPrivate, "ExternFunc.__private"),
            (MemoryHandle, "Memory.memory"),
            (MemoryStore, "Memory.store"),
            (ExternMemoryStoreId, "ExternMemory.store"),
            (ExternMemoryPrivate1, "ExternMemory.__private1"),
            (ExternMemoryPrivate2, "ExternMemory.__private2"),
            (InstanceHandle, "Instance.instance"),
            (ModuleHandle, "Module.handle"),
            (InstanceFromHandle, "Instance(Store, ExternInstance) constructor"),
            (AsExtern, "IExternal.AsExtern"),
            (FunctionFromHandle, "Function(Store, ExternFunc, IReadOnlyList<ValueKind>, IReadOnlyList<ValueKind>) constructor"),
        };

    private static IEnumerable<string> FindMissing()
    {
        foreach (var (member, name) in Checked)
        {
            if (member is null)
            {
                yield return name;
            }
        }

        // The native layouts the raw paths copy: a field whose type changed is as bad as a missing one.
        if (StoreContext is not null && StoreContext.FieldType != typeof(IntPtr))
        {
            yield return "Store.contextHandle of type IntPtr";
        }

        if (ExternFuncStoreId is not null && ExternFuncStoreId.FieldType != typeof(ulong))
        {
            yield return "ExternFunc.store of type ulong";
        }

        if (ExternMemoryStoreId is not null && ExternMemoryStoreId.FieldType != typeof(ulong))
        {
            yield return "ExternMemory.store of type ulong";
        }

        if (ConfigHandle is not null && !typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(ConfigHandle.FieldType))
        {
            yield return "Config.handle of a SafeHandle type";
        }

        if (ModuleHandle is not null && !typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(ModuleHandle.FieldType))
        {
            yield return "Module.handle of a SafeHandle type";
        }
    }
}
