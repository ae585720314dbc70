using System.Collections.Immutable;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Resolution;

/// <summary>An instance while its <c>let</c> statement is being resolved.</summary>
internal sealed class InstanceBuilder(string name, int index, ComposedPackage? package, SourceLocation location)
{
    public string Name { get; } = name;

    public int Index { get; } = index;

    /// <summary>The package; null when it did not resolve (the error is reported; uses of the instance say nothing more).</summary>
    public ComposedPackage? Package { get; } = package;

    public SourceLocation Location { get; } = location;

    /// <summary>The bound imports by name, with where each was given.</summary>
    public Dictionary<string, (ArgumentBinding Binding, TextSpan Span)> Arguments { get; } = new(StringComparer.Ordinal);

    public ImmutableArray<PackageItem> PassThrough { get; set; } = [];

    public PlannedInstance Build()
    {
        var package = Package ?? throw new InvalidOperationException("an instance without a package is never planned");
        var arguments = package.Imports
            .Where(i => Arguments.ContainsKey(i.Name))
            .Select(i => Arguments[i.Name].Binding)
            .ToImmutableArray();
        return new PlannedInstance(Name, Index, package, arguments, PassThrough, Location);
    }
}
