using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>A component-level function: a lifted core function, a host function, or another component's export.</summary>
internal interface IComponentCallable
{
    /// <summary>Calls the function; <paramref name="caller"/> is the calling instance, or null for the host.</summary>
    WitValue[] Call(InstanceState? caller, WitValue[] arguments);
}

/// <summary>A host function seen as a component function.</summary>
internal sealed class HostCallable : IComponentCallable
{
    private readonly HostFunction _function;

    public HostCallable(string name, HostFunction function, AbiFunctionType? type = null)
    {
        Name = name;
        _function = function;
        Type = type;
    }

    public string Name { get; }

    /// <summary>The function type the host wrote the function for, or null when it adapts to any.</summary>
    public AbiFunctionType? Type { get; }

    public WitValue[] Call(InstanceState? caller, WitValue[] arguments) => _function(arguments);
}

/// <summary>A raw host function seen as a component function; only lowered imports can call it.</summary>
internal sealed class RawHostCallable : IComponentCallable
{
    public RawHostCallable(string name, RawHostDefinition definition)
    {
        Name = name;
        Definition = definition;
    }

    public string Name { get; }

    public RawHostDefinition Definition { get; }

    public WitValue[] Call(InstanceState? caller, WitValue[] arguments) =>
        throw new NotSupportedException($"'{Name}' is a raw host function; it can only be called by a component that imports it.");
}

/// <summary>A component instance value: named exports (functions, types, instances, …).</summary>
internal sealed class RuntimeInstance
{
    private readonly Dictionary<string, object>? _source;
    private readonly Func<string, object, object?>? _convert;

    public RuntimeInstance(string name, Dictionary<string, object?> exports)
    {
        Name = name;
        Exports = exports;
    }

    /// <summary>
    /// An instance whose exports are converted from <paramref name="source"/> (a host instance's definitions) when
    /// first looked up: a component names few of the functions of the interfaces it imports (WASI's define hundreds).
    /// <paramref name="source"/> is read, never changed (a <see cref="HostInstance.Snapshot"/> that other
    /// instantiations share).
    /// </summary>
    public RuntimeInstance(string name, Dictionary<string, object> source, Func<string, object, object?> convert)
    {
        Name = name;
        _source = source;
        _convert = convert;
        Exports = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The exports looked up so far (every export of an instance not made from a host instance).</summary>
    public Dictionary<string, object?> Exports { get; }

    /// <summary>The export named <paramref name="name"/>, if there is one.</summary>
    public bool TryGet(string name, out object? value)
    {
        if (_source is null)
        {
            return Exports.TryGetValue(name, out value);
        }

        // A component may re-export the instance, so lookups can come from any thread after the instantiation.
        lock (Exports)
        {
            if (Exports.TryGetValue(name, out value))
            {
                return true;
            }

            if (_source.TryGetValue(name, out var provided))
            {
                Exports[name] = value = _convert!(name, provided);
                return true;
            }

            return false;
        }
    }

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    public object? GetValueOrDefault(string name) => TryGet(name, out var value) ? value : null;

    public object? Get(string name) =>
        TryGet(name, out var value) ? value : throw new ComponentLinkException($"instance '{Name}' has no export named '{name}'");
}

/// <summary>A core instance value: a real Wasmtime instance or a bag of core exports.</summary>
internal sealed class CoreInstanceValue
{
    private readonly Instance? _instance;
    private readonly Store? _store;
    private readonly Wasmtime.Module? _module;
    private readonly NativeInstance _native;
    private readonly Dictionary<string, object>? _exports;

    /// <summary>
    /// The function exports handed out, so every alias of one export sees the same wrapper (and the instantiation
    /// prepares one core function for it); the value lives only while the component is being instantiated.
    /// </summary>
    private Dictionary<string, Function>? _functions;

    public CoreInstanceValue(Instance instance, Store store, Wasmtime.Module module)
    {
        _instance = instance;
        _store = store;
        if (NativeInstantiation.CanReadFunctions)
        {
            _module = module;
            _native = NativeInstantiation.Handle(instance);
        }
    }

    public CoreInstanceValue(Dictionary<string, object> exports) => _exports = exports;

    /// <summary>The export named <paramref name="name"/>: a function, memory, table, global or <see cref="CoreTag"/>; null when there is none.</summary>
    public object? GetExport(string name)
    {
        if (_exports is not null)
        {
            return _exports.TryGetValue(name, out var value) ? value : null;
        }

        if (_module is not null)
        {
            // Functions without the managed wrapper's store cache (see NativeInstantiation.GetFunction).
            if (_functions?.TryGetValue(name, out var known) == true)
            {
                return known;
            }

            if (NativeInstantiation.GetFunction(_store!, _native, _module, name) is { } function)
            {
                (_functions ??= new(StringComparer.Ordinal))[name] = function;
                return function;
            }
        }

        // Wasmtime .NET has no tags: an export that is none of the four it knows may be one.
        return (object?)_instance!.GetFunction(name) ?? (object?)_instance.GetMemory(name) ?? (object?)_instance.GetTable(name)
            ?? (object?)_instance.GetGlobal(name) ?? NativeInstantiation.GetTag(_store!, _instance, name);
    }
}

/// <summary>A nested component definition together with the frame it was defined in (for outer aliases).</summary>
internal sealed record ComponentClosure(Binary.ComponentDefinition Definition, Frame Frame);

/// <summary>
/// The guest memory of a canonical ABI option, read through <see cref="NativeMemoryView"/> (direct C API
/// calls, and only after guest code has run, since only guest code can grow or move it).
/// </summary>
internal sealed class WasmMemory : IGuestMemory
{
    private readonly InstanceState _instance;
    private readonly NativeMemoryView? _native;
    private readonly Memory _memory;

    public WasmMemory(Memory memory, InstanceState instance)
    {
        _memory = memory;
        _instance = instance;
        _native = NativeMemoryView.TryCreate(memory);
    }

    /// <summary>The Wasmtime memory.</summary>
    public Memory Managed => _memory;

    public Span<byte> GetSpan()
    {
        _instance.ThrowIfDisposed();
        return _native is { } native ? native.GetSpan() : _memory.GetSpan(0, GuestMemoryReach.Clamp((ulong)_memory.GetLength()));
    }

    /// <summary>
    /// The memory's contents, read from Wasmtime only when the view's last reading does not reach
    /// <paramref name="end"/> (see <see cref="NativeMemoryView.GetSpan(ulong)"/>): for accesses whose extent is known.
    /// </summary>
    public Span<byte> GetSpan(ulong end)
    {
        _instance.ThrowIfDisposed();
        return _native is { } native ? native.GetSpan(end) : _memory.GetSpan(0, GuestMemoryReach.Clamp((ulong)_memory.GetLength()));
    }
}
