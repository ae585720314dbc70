using WitBindgen.Runtime;

namespace WitBindgen.Composition;

/// <summary>
/// Instantiates a plan's instances on a <see cref="ComponentRuntime"/>, linking each argument to the earlier
/// instance's export with the runtime's live linking (<see cref="HostImports.Link"/>): the import's type is checked
/// against the export's before any guest code runs, and calls go memory to memory. Pass-through imports come from the
/// host's <see cref="HostImports"/>.
/// </summary>
internal sealed class RuntimeLinker : ICompositionLinker<ComponentInstance>
{
    private readonly CompositionPlan _plan;
    private readonly ComponentRuntime _runtime;
    private readonly HostImports? _host;
    private readonly Dictionary<string, LoadedComponent> _loaded = new(StringComparer.Ordinal);

    public RuntimeLinker(CompositionPlan plan, ComponentRuntime runtime, HostImports? host)
    {
        _plan = plan;
        _runtime = runtime;
        _host = host;
    }

    /// <summary>The instances created so far, in plan order (disposed by the caller when a later one fails).</summary>
    public List<ComponentInstance> Created { get; } = new();

    public ComponentInstance Instantiate(PlannedInstance instance, IReadOnlyList<LinkArgument<ComponentInstance>> arguments)
    {
        var path = instance.Package.ComponentPath;
        if (!_loaded.TryGetValue(path, out var component))
        {
            component = _runtime.LoadFile(path);
            _loaded[path] = component;
        }

        var imports = new HostImports();
        if (_host is not null && instance.PassThroughImports.Length > 0)
        {
            imports.Add(_host);
        }

        foreach (var argument in arguments)
        {
            var binding = argument.Binding;
            if (binding.SourceExport is not null)
            {
                imports.Link(binding.ImportName, argument.Source, binding.SourceExport);
                continue;
            }

            // A whole instance passed as an instance import: each of its exported functions is the import's function
            // of the same name (the runtime checks the import's declared functions against them at instantiation).
            var provided = imports.DefineInstance(binding.ImportName);
            var functions = _plan.FindInstance(binding.SourceInstance)!.Package.Exports.Where(e => e.Kind == PackageItemKind.Function);
            foreach (var function in functions)
            {
                provided.Link(function.Name, argument.Source, exportInstance: null, exportFunction: function.Name);
            }
        }

        var created = component.Instantiate(imports);
        Created.Add(created);
        return created;
    }
}
