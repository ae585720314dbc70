using System.Collections.Immutable;

namespace WitBindgen.Composition;

/// <summary>
/// An import of the composition itself: an import that one or more instances pass through with <c>...</c>. Every
/// instance that passes an import of the same name shares the one value the host provides.
/// </summary>
public sealed class CompositionImport
{
    internal CompositionImport(string name, PackageItemKind kind, ImmutableArray<string> instances)
    {
        Name = name;
        Kind = kind;
        Instances = instances;
    }

    /// <summary>The import name, as the instantiated components name it.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public PackageItemKind Kind { get; }

    /// <summary>The instances that receive it, in plan order.</summary>
    public ImmutableArray<string> Instances { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} -> {string.Join(", ", Instances)}";
}
