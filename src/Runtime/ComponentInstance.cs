using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime;

/// <summary>
/// A running component: its exports, callable with dynamic values. Disposing it releases the
/// Wasmtime store that holds its core instances and drops the host-implemented resources the component
/// still owns (their host destructors run).
/// </summary>
public sealed class ComponentInstance : IDisposable
{
    private readonly Store _store;
    private readonly Dictionary<string, object?> _exports;

    private readonly List<Wasmtime.Instance> _coreInstances;

    /// <summary>The Wasmtime store of the instantiation.</summary>
    internal Store Store => _store;

    internal ComponentInstance(Store store, InstanceState state, Dictionary<string, object?> exports, List<Wasmtime.Instance> coreInstances)
    {
        _store = store;
        State = state;
        _exports = exports;
        _coreInstances = coreInstances;
    }

    /// <summary>
    /// The current size, in bytes, of the linear memories the instantiation's core instances export (each memory
    /// counted once per core instance that exports it, which in components the usual toolchains produce is once).
    /// This is the guest's own memory, as opposed to the runtime's bookkeeping; the engine commits its pages only as
    /// the guest touches them.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    public long LinearMemoryBytes
    {
        get
        {
            State.ThrowIfDisposed();
            long total = 0;
            foreach (var instance in _coreInstances)
            {
                foreach (var (_, memory) in instance.GetMemories())
                {
                    total += memory.GetLength();
                }
            }

            return total;
        }
    }

    /// <summary>The canonical ABI state of the root instance.</summary>
    public InstanceState State { get; }

    /// <summary>The names of the top-level exports.</summary>
    public IEnumerable<string> ExportNames => _exports.Keys;

    /// <summary>A top-level exported function, or null.</summary>
    public ComponentFunction? GetFunction(string name) =>
        Export(name) is IComponentCallable callable ? new ComponentFunction(name, callable) : null;

    /// <summary>A function of an exported instance (interface), or null.</summary>
    public ComponentFunction? GetFunction(string instance, string name) =>
        Export(instance, name) is IComponentCallable callable ? new ComponentFunction(instance + "#" + name, callable) : null;

    /// <summary>A top-level exported function for raw, allocation-free calls (generated bindings), or null.</summary>
    public RawComponentFunction? GetRawFunction(string name) =>
        Export(name) is LiftedFunction lifted ? new RawComponentFunction(name, lifted) : null;

    /// <summary>A function of an exported instance for raw, allocation-free calls, or null.</summary>
    public RawComponentFunction? GetRawFunction(string instance, string name) =>
        Export(instance, name) is LiftedFunction lifted ? new RawComponentFunction(instance + "#" + name, lifted) : null;

    /// <summary>An exported function lifted with the <c>async</c> option, for raw calls from generated bindings; null when there is none.</summary>
    /// <param name="name">The function name (<c>instance#function</c> for a function of an exported instance).</param>
    public RawAsyncComponentFunction? GetRawAsyncFunction(string name) =>
        (name.IndexOf('#') is var hash and >= 0 ? Export(name[..hash], name[(hash + 1)..]) : Export(name)) is Async.AsyncLiftedFunction lifted
            ? new RawAsyncComponentFunction(name, lifted)
            : null;

    /// <summary>
    /// Finds an exported function for generated bindings and checks that its type is the one the bindings were
    /// generated for (kinds, counts and element types, not just the core signature: see <see cref="AbiTypeMatch"/>).
    /// </summary>
    /// <param name="instance">The exported instance (interface) name, or null for a top-level function.</param>
    /// <param name="name">The function name.</param>
    /// <param name="expected">The function type the bindings were generated for.</param>
    /// <exception cref="ComponentLinkException">The function is missing or its type differs (the message names both types and the first difference).</exception>
    internal LiftedFunction BindLiftedFunction(string? instance, string name, AbiFunctionType expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var function = FindLiftedFunction(instance, name);
        if (AbiTypeMatch.FirstDifference(expected, function.Type) is { } difference)
        {
            throw new ComponentLinkException(
                $"the exported function {Describe(instance, name)} has type {function.Type}, but the bindings were generated for {expected}: {difference}");
        }

        return function;
    }

    /// <summary>Finds an exported function lifted by the component (for generated bindings).</summary>
    /// <exception cref="ComponentLinkException">The component does not export such a function.</exception>
    internal LiftedFunction FindLiftedFunction(string? instance, string name) =>
        (instance is null ? Export(name) : Export(instance, name)) as LiftedFunction
        ?? throw new ComponentLinkException($"the component does not export the function {Describe(instance, name)}");

    private static string Describe(string? instance, string name) =>
        instance is null ? $"'{name}'" : $"'{name}' of the exported instance '{instance}'";

    /// <summary>
    /// Finds a resource type exported by an exported instance for generated bindings.
    /// </summary>
    /// <exception cref="ComponentLinkException">The resource type is missing.</exception>
    internal ResourceType BindResourceType(string instance, string name) =>
        GetResourceType(instance, name) ?? throw new ComponentLinkException($"the component does not export the resource '{name}' of the exported instance '{instance}'");

    /// <summary>A resource type exported by an exported instance, or null.</summary>
    public ResourceType? GetResourceType(string instance, string name) => Export(instance, name) as ResourceType;

    /// <summary>Drops a resource that the host owns, running its destructor in the guest.</summary>
    public void Drop(ResourceValue resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Type.Destroy(resource.Rep, null);
    }

    private object? Export(string name) => _exports.GetValueOrDefault(name);

    /// <summary>A top-level export by exact name, or an exported instance by semver-compatible name (for linking).</summary>
    internal object? FindExport(string name) => _exports.GetValueOrDefault(name) ?? FindInstance(name);

    private object? Export(string instance, string name) => FindInstance(instance)?.GetValueOrDefault(name);

    private RuntimeInstance? FindInstance(string name)
    {
        if (_exports.TryGetValue(name, out var value) && value is RuntimeInstance exact)
        {
            return exact;
        }

        var match = SemverMatch.Best(name, _exports.Where(e => e.Value is RuntimeInstance).Select(e => e.Key));
        return match is null ? null : _exports[match] as RuntimeInstance;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Raw calls and memory views hold native pointers into the store: mark it gone first. Host objects the
        // guest owned (files, streams) are released with it.
        State.End();
        _store.Dispose();
    }
}

/// <summary>An exported component function, callable with dynamic values.</summary>
public sealed class ComponentFunction
{
    private readonly IComponentCallable _callable;

    internal ComponentFunction(string name, IComponentCallable callable)
    {
        Name = name;
        _callable = callable;
    }

    /// <summary>The export's name.</summary>
    public string Name { get; }

    /// <summary>The canonical ABI type, for lifted functions.</summary>
    public AbiFunctionType? Type => (_callable as LiftedFunction)?.Type ?? (_callable as Async.AsyncLiftedFunction)?.Type;

    /// <summary>
    /// Calls the function; returns no value or one value. A function lifted with the <c>async</c> option runs the
    /// instantiation's event loop on this thread until it returns its value (blocking while it waits on host work).
    /// </summary>
    public WitValue[] Invoke(params WitValue[] arguments) => _callable.Call(null, arguments);

    /// <summary>
    /// Calls the function as a task. For a function lifted with the <c>async</c> option the event loop runs on the
    /// calling thread until the guest waits on host work, and the task completes when the guest returns its value
    /// (<c>task.return</c>); other functions run to completion before this returns. No thread is blocked while the
    /// guest waits on host work.
    /// </summary>
    /// <param name="arguments">The arguments, one per parameter.</param>
    /// <param name="cancellationToken">Stops waiting for the guest: the task is cancelled (the guest's call is not).</param>
    /// <returns>No value or one value; a trap faults the task with <see cref="ComponentTrapException"/>.</returns>
    public Task<WitValue[]> InvokeAsync(WitValue[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WitValue[]>(cancellationToken);
        }

        try
        {
            return _callable is Async.AsyncLiftedFunction lifted
                ? lifted.CallAsync(arguments, cancellationToken)
                : Task.FromResult(_callable.Call(null, arguments));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromException<WitValue[]>(e);
        }
    }
}
