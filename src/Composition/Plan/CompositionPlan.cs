using System.Collections.Immutable;
using System.Text;

namespace WitBindgen.Composition;

/// <summary>
/// A resolved composition: the instances to create in order (each with its package's component file, its
/// arguments and its pass-through imports), the composition's own imports and its exports. Immutable; it is what a
/// linker needs to instantiate the components one after the other (see <see cref="Instantiate{TInstance}"/>).
/// </summary>
public sealed class CompositionPlan
{
    internal CompositionPlan(
        string packageName,
        string? version,
        ImmutableArray<ComposedPackage> packages,
        ImmutableArray<PlannedInstance> instances,
        ImmutableArray<CompositionImport> imports,
        ImmutableArray<CompositionExport> exports)
    {
        PackageName = packageName;
        Version = version;
        Packages = packages;
        Instances = instances;
        Imports = imports;
        Exports = exports;
    }

    /// <summary>The composition's own package name from its <c>package</c> directive, without the version.</summary>
    public string PackageName { get; }

    /// <summary>The version in the <c>package</c> directive, if any.</summary>
    public string? Version { get; }

    /// <summary>The distinct packages the composition instantiates, in order of first use.</summary>
    public ImmutableArray<ComposedPackage> Packages { get; }

    /// <summary>
    /// The instances in dependency order: the order of the <c>let</c> statements, in which every argument names an
    /// instance created before (WAC is evaluated top-down, so the graph has no cycles).
    /// </summary>
    public ImmutableArray<PlannedInstance> Instances { get; }

    /// <summary>The composition's imports: the pass-through imports of its instances, by name, in order of first use.</summary>
    public ImmutableArray<CompositionImport> Imports { get; }

    /// <summary>The composition's exports, in statement order.</summary>
    public ImmutableArray<CompositionExport> Exports { get; }

    /// <summary>The instance bound to <paramref name="name"/>, or null.</summary>
    public PlannedInstance? FindInstance(string name) => Instances.FirstOrDefault(i => i.Name == name);

    /// <summary>
    /// Instantiates the plan with <paramref name="linker"/>: one call per instance, in plan order, each given the
    /// values of its arguments from the instances created before it. The linker provides pass-through imports itself.
    /// </summary>
    /// <typeparam name="TInstance">The linker's instance type.</typeparam>
    /// <param name="linker">Creates one instance (for example on top of the runtime's live linking).</param>
    /// <returns>The created instances and the composition's exports, resolved to them.</returns>
    public ComposedInstances<TInstance> Instantiate<TInstance>(ICompositionLinker<TInstance> linker)
        where TInstance : class
    {
        ArgumentNullException.ThrowIfNull(linker);
        var created = new List<TInstance>(Instances.Length);
        var byName = new Dictionary<string, TInstance>(StringComparer.Ordinal);
        foreach (var planned in Instances)
        {
            var arguments = planned.Arguments
                .Select(binding => new LinkArgument<TInstance>(binding, byName[binding.SourceInstance]))
                .ToList();
            var instance = linker.Instantiate(planned, arguments)
                ?? throw new InvalidOperationException($"the linker returned no instance for `{planned.Name}`");
            created.Add(instance);
            byName[planned.Name] = instance;
        }

        var exports = Exports.Select(e => new LinkedExport<TInstance>(e, byName[e.SourceInstance])).ToList();
        return new ComposedInstances<TInstance>(this, created, exports);
    }

    /// <summary>A readable listing of the plan (no file paths), one line per instance, argument, import and export.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("package ").Append(PackageName);
        if (Version is not null)
        {
            sb.Append('@').Append(Version);
        }

        sb.Append('\n');
        foreach (var instance in Instances)
        {
            sb.Append("instance ").Append(instance).Append('\n');
            foreach (var argument in instance.Arguments)
            {
                sb.Append("  argument ").Append(argument).Append('\n');
            }

            foreach (var passed in instance.PassThroughImports)
            {
                sb.Append("  pass-through ").Append(passed.Name).Append('\n');
            }
        }

        foreach (var import in Imports)
        {
            sb.Append("import ").Append(import).Append('\n');
        }

        foreach (var export in Exports)
        {
            sb.Append("export ").Append(export).Append('\n');
        }

        return sb.ToString();
    }
}
