namespace WitBindgen.Composition;

/// <summary>
/// The seam between a <see cref="CompositionPlan"/> and a runtime that can link live instances: it creates one
/// planned instance from the instances already created. <see cref="CompositionPlan.Instantiate{TInstance}"/> calls it
/// once per instance, in plan order.
/// </summary>
/// <typeparam name="TInstance">The linker's instance type.</typeparam>
public interface ICompositionLinker<TInstance>
    where TInstance : class
{
    /// <summary>
    /// Instantiates <paramref name="instance"/>'s package (its <see cref="ComposedPackage.ComponentPath"/>), satisfying
    /// each import in <paramref name="arguments"/> with the given export of an earlier instance and each of
    /// <see cref="PlannedInstance.PassThroughImports"/> from the host.
    /// </summary>
    /// <param name="instance">The planned instance.</param>
    /// <param name="arguments">Its arguments, each with the already created instance that provides the value.</param>
    /// <returns>The new instance.</returns>
    TInstance Instantiate(PlannedInstance instance, IReadOnlyList<LinkArgument<TInstance>> arguments);
}

/// <summary>An argument of a planned instance with the created instance that provides its value.</summary>
/// <typeparam name="TInstance">The linker's instance type.</typeparam>
/// <param name="Binding">The import and the source export.</param>
/// <param name="Source">The created instance named by <see cref="ArgumentBinding.SourceInstance"/>.</param>
public readonly record struct LinkArgument<TInstance>(ArgumentBinding Binding, TInstance Source)
    where TInstance : class;

/// <summary>An export of the composition with the created instance that provides it.</summary>
/// <typeparam name="TInstance">The linker's instance type.</typeparam>
/// <param name="Export">The export.</param>
/// <param name="Source">The created instance named by <see cref="CompositionExport.SourceInstance"/>.</param>
public readonly record struct LinkedExport<TInstance>(CompositionExport Export, TInstance Source)
    where TInstance : class;

/// <summary>The instances a linker created for a plan, and the composition's exports resolved to them.</summary>
/// <typeparam name="TInstance">The linker's instance type.</typeparam>
public sealed class ComposedInstances<TInstance>
    where TInstance : class
{
    internal ComposedInstances(CompositionPlan plan, IReadOnlyList<TInstance> instances, IReadOnlyList<LinkedExport<TInstance>> exports)
    {
        Plan = plan;
        Instances = instances;
        Exports = exports;
    }

    /// <summary>The plan that was instantiated.</summary>
    public CompositionPlan Plan { get; }

    /// <summary>The created instances, in plan order (parallel to <see cref="CompositionPlan.Instances"/>).</summary>
    public IReadOnlyList<TInstance> Instances { get; }

    /// <summary>The composition's exports, in plan order.</summary>
    public IReadOnlyList<LinkedExport<TInstance>> Exports { get; }

    /// <summary>The instance bound to <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No instance has that name.</exception>
    public TInstance this[string name] =>
        Plan.FindInstance(name) is { } planned ? Instances[planned.Index] : throw new KeyNotFoundException($"no instance `{name}` in the composition");
}
