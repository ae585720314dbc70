using System.Collections.Immutable;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition;

/// <summary>One instantiation of the plan: which package, with which arguments, and which imports pass through.</summary>
public sealed class PlannedInstance
{
    internal PlannedInstance(
        string name,
        int index,
        ComposedPackage package,
        ImmutableArray<ArgumentBinding> arguments,
        ImmutableArray<PackageItem> passThroughImports,
        SourceLocation location)
    {
        Name = name;
        Index = index;
        Package = package;
        Arguments = arguments;
        PassThroughImports = passThroughImports;
        Location = location;
    }

    /// <summary>The name the composition binds it to with <c>let</c>.</summary>
    public string Name { get; }

    /// <summary>Its position in <see cref="CompositionPlan.Instances"/>; every argument comes from an instance with a smaller index.</summary>
    public int Index { get; }

    /// <summary>The package it instantiates.</summary>
    public ComposedPackage Package { get; }

    /// <summary>The imports satisfied by earlier instances, in the order the package lists its imports.</summary>
    public ImmutableArray<ArgumentBinding> Arguments { get; }

    /// <summary>The imports left to the composition's own imports (<c>...</c>), in the package's order.</summary>
    public ImmutableArray<PackageItem> PassThroughImports { get; }

    /// <summary>Where the <c>let</c> that creates it is written.</summary>
    public SourceLocation Location { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = new {Package.Reference}";
}
