namespace WitBindgen.WitParser.Model;

/// <summary>
/// A fully resolved set of WIT packages. Every item lives in one of four arenas and refers to
/// others by index; dependency packages come before the packages that use them.
/// </summary>
public sealed class WitResolve
{
    internal readonly List<WitTypeDef> TypeList = new();
    internal readonly List<WitInterface> InterfaceList = new();
    internal readonly List<WitWorld> WorldList = new();
    internal readonly List<WitPackage> PackageList = new();
    internal readonly Dictionary<PackageName, PackageId> PackageNames = new();
    internal readonly List<PackageName> PackageNameOrder = new();

    /// <summary>All type definitions.</summary>
    public IReadOnlyList<WitTypeDef> Types => TypeList;

    /// <summary>All interfaces.</summary>
    public IReadOnlyList<WitInterface> Interfaces => InterfaceList;

    /// <summary>All worlds.</summary>
    public IReadOnlyList<WitWorld> Worlds => WorldList;

    /// <summary>All packages, dependencies first.</summary>
    public IReadOnlyList<WitPackage> Packages => PackageList;

    /// <summary>The features that were enabled when resolving (for <c>@unstable</c> items).</summary>
    public IReadOnlySet<string> Features { get; internal set; } = new HashSet<string>();

    /// <summary>The type definition for an id.</summary>
    public WitTypeDef this[TypeId id] => TypeList[id.Index];

    /// <summary>The interface for an id.</summary>
    public WitInterface this[InterfaceId id] => InterfaceList[id.Index];

    /// <summary>The world for an id.</summary>
    public WitWorld this[WorldId id] => WorldList[id.Index];

    /// <summary>The package for an id.</summary>
    public WitPackage this[PackageId id] => PackageList[id.Index];

    /// <summary>Finds a package by exact name.</summary>
    public PackageId? FindPackage(PackageName name) => PackageNames.TryGetValue(name, out var id) ? id : null;

    /// <summary>
    /// The full name of a named interface, e.g. <c>wasi:io/streams@0.2.12</c>; null for inline interfaces.
    /// </summary>
    public string? IdOf(InterfaceId id)
    {
        var iface = this[id];
        if (iface.Name is null || iface.Package is null)
        {
            return null;
        }

        var pkg = this[iface.Package.Value].Name;
        var s = pkg.Unversioned + "/" + iface.Name;
        return pkg.Version is null ? s : s + "@" + pkg.Version;
    }

    /// <summary>The name of a world key as it appears in a component (<c>foo</c> or <c>ns:pkg/iface@v</c>).</summary>
    public string NameOf(WorldKey key) => key.Name ?? IdOf(key.Interface!.Value) ?? "<anonymous>";

    /// <summary>Finds a world: by plain name in <paramref name="package"/>, or by <c>ns:pkg/world[@v]</c>.</summary>
    public WorldId? FindWorld(PackageId package, string name)
    {
        int slash = name.IndexOf('/');
        if (slash < 0)
        {
            return this[package].Worlds.TryGetValue(name, out var w) ? w : null;
        }

        foreach (var pkg in PackageList)
        {
            var world = name[(slash + 1)..];
            var versioned = world.Split('@');
            if (pkg.Name.Unversioned == name[..slash]
                && (versioned.Length == 1 || pkg.Name.Version?.ToString() == versioned[1])
                && pkg.Worlds.TryGetValue(versioned[0], out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The interface that a <c>use</c>-type refers into, when it is a different one.</summary>
    public InterfaceId? TypeInterfaceDependency(TypeId id)
    {
        var ty = this[id];
        if (ty.Kind is not AliasKind { Target.Id: { } target })
        {
            return null;
        }

        var other = this[target];
        if (ty.Owner == other.Owner)
        {
            return null;
        }

        return other.Owner.Interface;
    }

    /// <summary>The interfaces an interface uses types from (may repeat).</summary>
    public IEnumerable<InterfaceId> InterfaceDirectDependencies(InterfaceId id)
    {
        foreach (var ty in this[id].Types.Values)
        {
            if (TypeInterfaceDependency(ty) is { } dep)
            {
                yield return dep;
            }
        }
    }

    internal TypeId AddType(WitTypeDef def)
    {
        TypeList.Add(def);
        return new TypeId(TypeList.Count - 1);
    }

    internal InterfaceId AddInterface(WitInterface iface)
    {
        InterfaceList.Add(iface);
        return new InterfaceId(InterfaceList.Count - 1);
    }

    internal WorldId AddWorld(WitWorld world)
    {
        WorldList.Add(world);
        return new WorldId(WorldList.Count - 1);
    }
}
