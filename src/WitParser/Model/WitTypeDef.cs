using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Model;

/// <summary>What owns a type definition.</summary>
public readonly record struct TypeOwner
{
    private TypeOwner(InterfaceId? iface, WorldId? world)
    {
        Interface = iface;
        World = world;
    }

    /// <summary>No owner (anonymous types).</summary>
    public static TypeOwner None => default;

    /// <summary>The owning interface, if any.</summary>
    public InterfaceId? Interface { get; }

    /// <summary>The owning world, if any.</summary>
    public WorldId? World { get; }

    /// <summary>True for anonymous types.</summary>
    public bool IsNone => Interface is null && World is null;

    /// <summary>Owned by an interface.</summary>
    public static TypeOwner Of(InterfaceId id) => new(id, null);

    /// <summary>Owned by a world.</summary>
    public static TypeOwner Of(WorldId id) => new(null, id);
}

/// <summary>A type definition: named (<c>record foo</c>, <c>type x = …</c>) or anonymous (<c>list&lt;u8&gt;</c>).</summary>
public sealed class WitTypeDef
{
    internal WitTypeDef(string? name, TypeDefKind kind, TypeOwner owner, Docs docs, Stability stability)
    {
        Name = name;
        Kind = kind;
        Owner = owner;
        Docs = docs;
        Stability = stability;
    }

    /// <summary>The name, or null for anonymous types.</summary>
    public string? Name { get; internal set; }

    /// <summary>What the type is.</summary>
    public TypeDefKind Kind { get; internal set; }

    /// <summary>The interface or world defining it.</summary>
    public TypeOwner Owner { get; internal set; }

    /// <summary>Its documentation.</summary>
    public Docs Docs { get; internal set; }

    /// <summary>Its feature gate.</summary>
    public Stability Stability { get; internal set; }

    /// <summary>Where a named type's name is declared (or, for a <c>use</c>, the used name), when it came from source text.</summary>
    public SourceSpan? Location { get; internal set; }

    internal WitTypeDef Clone() => new(Name, Kind, Owner, Docs, Stability) { Location = Location };

    /// <inheritdoc />
    public override string ToString() => Name ?? Kind.ToString();
}
