namespace WitBindgen.WitParser.Model;

/// <summary>An interface: named types and functions. Inline interfaces in worlds have no name.</summary>
public sealed class WitInterface
{
    internal WitInterface(string? name)
    {
        Name = name;
    }

    /// <summary>The name, or null for an inline interface.</summary>
    public string? Name { get; internal set; }

    /// <summary>Named types in definition order.</summary>
    public OrderedMap<string, TypeId> Types { get; internal set; } = new();

    /// <summary>Functions in definition order.</summary>
    public OrderedMap<string, WitFunction> Functions { get; internal set; } = new();

    /// <summary>Its documentation.</summary>
    public Docs Docs { get; internal set; } = Docs.None;

    /// <summary>Its feature gate.</summary>
    public Stability Stability { get; internal set; } = Stability.Unknown;

    /// <summary>The package defining it.</summary>
    public PackageId? Package { get; internal set; }

    internal WitInterface Clone() => new(Name)
    {
        Types = new OrderedMap<string, TypeId>(Types),
        Functions = new OrderedMap<string, WitFunction>(Functions),
        Docs = Docs,
        Stability = Stability,
        Package = Package,
    };

    /// <inheritdoc />
    public override string ToString() => Name ?? "<inline interface>";
}
