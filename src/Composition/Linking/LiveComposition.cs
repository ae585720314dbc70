using WitBindgen.Runtime;

namespace WitBindgen.Composition;

/// <summary>
/// A composition running on a <see cref="ComponentRuntime"/>: one live instance per <c>let</c> of the plan, each
/// import an argument names linked to the earlier instance's export (type-checked before any guest code runs, calls
/// memory to memory), the rest from the host. Disposing it disposes the instances, the last created first.
/// </summary>
public sealed class LiveComposition : IDisposable
{
    private readonly ComposedInstances<ComponentInstance> _composed;
    private bool _disposed;

    private LiveComposition(ComposedInstances<ComponentInstance> composed) => _composed = composed;

    /// <summary>The plan this composition runs.</summary>
    public CompositionPlan Plan => _composed.Plan;

    /// <summary>The instances, in plan order.</summary>
    public IReadOnlyList<ComponentInstance> Instances => _composed.Instances;

    /// <summary>The instance bound to <paramref name="name"/> by a <c>let</c>.</summary>
    /// <exception cref="KeyNotFoundException">No instance has that name.</exception>
    public ComponentInstance this[string name] => _composed[name];

    /// <summary>
    /// Instantiates <paramref name="plan"/> on <paramref name="runtime"/>: loads each package's component (once per
    /// file), links every argument live, and gives pass-through imports (<c>...</c>) from <paramref name="host"/>.
    /// </summary>
    /// <param name="plan">A resolved plan (<see cref="WacComposition"/>).</param>
    /// <param name="runtime">The runtime that loads and runs the components.</param>
    /// <param name="host">The imports the composition passes through to the host (WASI, for example), if any.</param>
    /// <exception cref="ComponentLinkException">An argument's export does not match the import it satisfies (the message names both sides and the first differing type), or a pass-through import is missing.</exception>
    /// <exception cref="ComponentFormatException">A package's component is malformed or invalid.</exception>
    public static LiveComposition Instantiate(CompositionPlan plan, ComponentRuntime runtime, HostImports? host = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runtime);
        var linker = new RuntimeLinker(plan, runtime, host);
        try
        {
            return new LiveComposition(plan.Instantiate(linker));
        }
        catch
        {
            for (var i = linker.Created.Count - 1; i >= 0; i--)
            {
                linker.Created[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The function the composition exports as <paramref name="export"/> (an <c>export x.f;</c> of a function), or the
    /// function <paramref name="function"/> of the interface it exports as <paramref name="export"/>; null when there is none.
    /// </summary>
    /// <param name="export">The composition's export name.</param>
    /// <param name="function">For an exported interface, the function's name in it.</param>
    public ComponentFunction? GetFunction(string export, string? function = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var linked = _composed.Exports.FirstOrDefault(e => e.Export.Name == export);
        if (linked.Source is null)
        {
            return null;
        }

        var source = linked.Export.SourceExport;
        return (source, function) switch
        {
            (null, null) => null,
            (null, { } f) => linked.Source.GetFunction(f),
            ({ } s, null) => linked.Source.GetFunction(s),
            ({ } s, { } f) => linked.Source.GetFunction(s, f),
        };
    }

    /// <summary>Disposes every instance, the last created first (importers before the instances they call).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = _composed.Instances.Count - 1; i >= 0; i--)
        {
            _composed.Instances[i].Dispose();
        }
    }
}
