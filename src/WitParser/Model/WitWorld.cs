using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Model;

/// <summary>The key of a world import or export: a plain name, or an interface named by id.</summary>
public readonly record struct WorldKey
{
    private WorldKey(string? name, InterfaceId? iface)
    {
        Name = name;
        Interface = iface;
    }

    /// <summary>The plain name, for functions, types and inline interfaces.</summary>
    public string? Name { get; }

    /// <summary>The interface, for imports like <c>import wasi:io/streams;</c>.</summary>
    public InterfaceId? Interface { get; }

    /// <summary>A plain-name key.</summary>
    public static WorldKey Of(string name) => new(name, null);

    /// <summary>An interface key.</summary>
    public static WorldKey Of(InterfaceId id) => new(null, id);

    /// <inheritdoc />
    public override string ToString() => Name ?? $"interface-{Interface!.Value.Index}";
}

/// <summary>An import or export of a world.</summary>
public abstract record WorldItem
{
    /// <summary>The feature gate of this item.</summary>
    public abstract Stability Stability { get; }
}

/// <summary>An imported or exported interface.</summary>
/// <param name="Interface">The interface.</param>
/// <param name="ItemStability">The gate on the import/export statement.</param>
/// <param name="Docs">Documentation on the import/export statement.</param>
public sealed record WorldInterfaceItem(InterfaceId Interface, Stability ItemStability, Docs Docs) : WorldItem
{
    /// <inheritdoc />
    public override Stability Stability => ItemStability;
}

/// <summary>An imported or exported function.</summary>
/// <param name="Function">The function.</param>
public sealed record WorldFunctionItem(WitFunction Function) : WorldItem
{
    /// <inheritdoc />
    public override Stability Stability => Function.Stability;
}

/// <summary>A type imported into a world.</summary>
/// <param name="Type">The type.</param>
public sealed record WorldTypeItem(TypeId Type) : WorldItem
{
    /// <inheritdoc />
    public override Stability Stability => Model.Stability.Unknown;
}

/// <summary>A world: the imports and exports of a component.</summary>
public sealed class WitWorld
{
    internal WitWorld(string name)
    {
        Name = name;
    }

    /// <summary>The world name.</summary>
    public string Name { get; internal set; }

    /// <summary>Imports after elaboration (includes flattened, implied interfaces added).</summary>
    public OrderedMap<WorldKey, WorldItem> Imports { get; internal set; } = new();

    /// <summary>Exports after elaboration.</summary>
    public OrderedMap<WorldKey, WorldItem> Exports { get; internal set; } = new();

    /// <summary>The package defining it.</summary>
    public PackageId? Package { get; internal set; }

    /// <summary>Its documentation.</summary>
    public Docs Docs { get; internal set; } = Docs.None;

    /// <summary>Its feature gate.</summary>
    public Stability Stability { get; internal set; } = Stability.Unknown;

    /// <summary>Where the world's name is declared, when it came from source text.</summary>
    public SourceSpan? Location { get; internal set; }

    internal List<(Stability Stability, WorldId World)> Includes { get; } = new();

    internal List<IReadOnlyList<(string Name, string As)>> IncludeNames { get; } = new();

    /// <inheritdoc />
    public override string ToString() => Name;
}
