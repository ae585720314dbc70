using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Model;

/// <summary>A WIT package: a named collection of interfaces and worlds.</summary>
public sealed class WitPackage
{
    internal WitPackage(PackageName name, Docs docs)
    {
        Name = name;
        Docs = docs;
    }

    /// <summary>The package name.</summary>
    public PackageName Name { get; }

    /// <summary>Its documentation.</summary>
    public Docs Docs { get; }

    /// <summary>Where the package's name is declared (its <c>package</c> header), when it came from source text.</summary>
    public SourceSpan? Location { get; internal set; }

    /// <summary>Interfaces by name.</summary>
    public OrderedMap<string, InterfaceId> Interfaces { get; } = new();

    /// <summary>Worlds by name.</summary>
    public OrderedMap<string, WorldId> Worlds { get; } = new();

    /// <inheritdoc />
    public override string ToString() => Name.ToString();
}
