using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// Resolves the files of one package against each other: assigns ids to interfaces, worlds and
/// types in dependency order, records references to other packages as placeholders, and reports
/// every error that can be found without looking at other packages.
/// </summary>
internal sealed partial class PackageResolver
{
    private readonly SourceMap _sources;
    private (PackageName Name, TextSpan Span)? _packageName;
    private Docs _packageDocs = Docs.None;
    private readonly List<IReadOnlyList<AstItem>> _declLists = new();

    private UnresolvedPackage _pkg = null!;
    private readonly Dictionary<string, TypeId> _anonTypes = new();
    private int _currentFile;
    private readonly List<OrderedMap<string, ItemRef>> _fileItems = new();
    private readonly OrderedMap<string, ItemRef> _packageItems = new();
    private readonly List<OrderedMap<string, (TypeOrItem Item, TextSpan Span)>> _interfaceTypes = new();
    private readonly HashSet<InterfaceId> _foreignInterfaces = new();
    private OrderedMap<string, (TypeOrItem Item, TextSpan Span)> _typeLookup = new();

    public PackageResolver(SourceMap sources)
    {
        _sources = sources;
    }

    /// <summary>A name in an interface's scope: a type, or a non-type item such as a function.</summary>
    private readonly record struct TypeOrItem(TypeId? Type, string? Item);

    /// <summary>Adds one file (or nested package body) to the package.</summary>
    public void Push(PackageFile file)
    {
        if (file.PackageId is { } id)
        {
            var name = id.ToName();
            if (_packageName is { } prev && !prev.Name.Equals(name))
            {
                throw new WitError($"package identifier `{name}` does not match previous package name of `{prev.Name}`", id.Span);
            }

            _packageName = (name, id.Span);
            var docs = ConvertDocs(id.Docs);
            if (!docs.IsEmpty)
            {
                if (!_packageDocs.IsEmpty)
                {
                    throw new WitError("found doc comments on multiple 'package' items", id.Docs.Span);
                }

                _packageDocs = docs;
            }
        }

        _declLists.Add(file.Items.Where(i => i is not NestedPackage).ToList());
    }

    /// <summary>Resolves everything pushed so far into an <see cref="UnresolvedPackage"/>.</summary>
    public UnresolvedPackage Resolve()
    {
        if (_packageName is not { } name)
        {
            throw new WitError("no `package` header was found in any WIT file for this package");
        }

        _pkg = new UnresolvedPackage(name.Name, name.Span, _packageDocs, _sources);
        PopulateForeignDeps();
        var (interfaceOrder, worldOrder) = PopulateAstItems();
        PopulateForeignTypes();

        var interfaceAst = new Dictionary<InterfaceId, (InterfaceDecl Decl, int File)>();
        var worldAst = new Dictionary<WorldId, (WorldDecl Decl, int File)>();
        for (int i = 0; i < _declLists.Count; i++)
        {
            foreach (var item in _declLists[i])
            {
                switch (item)
                {
                    case InterfaceDecl iface:
                        interfaceAst[_fileItems[i][iface.Name.Name].Interface!.Value] = (iface, i);
                        break;
                    case WorldDecl world:
                        worldAst[_fileItems[i][world.Name.Name].World!.Value] = (world, i);
                        break;
                }
            }
        }

        foreach (var id in interfaceOrder)
        {
            var (decl, file) = interfaceAst[id];
            _currentFile = file;
            ResolveInterface(id, decl.Items, decl.Docs, decl.Attributes);
        }

        foreach (var id in worldOrder)
        {
            var (decl, file) = worldAst[id];
            _currentFile = file;
            ResolveWorld(id, decl);
        }

        return _pkg;
    }

    // ---- paths -------------------------------------------------------------------------------

    private enum PathKind
    {
        World,
        Interface,
        Unknown,
    }

    /// <summary>Visits every use-path of a file in the order the reference parser does.</summary>
    private static void ForEachPath(IReadOnlyList<AstItem> items, Action<Id?, IReadOnlyList<GateAttribute>, UsePath, IReadOnlyList<UseName>?, PathKind> f)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case WorldDecl world:
                {
                    var imports = new List<(ExternKind, IReadOnlyList<GateAttribute>)>();
                    var exports = new List<(ExternKind, IReadOnlyList<GateAttribute>)>();
                    foreach (var wi in world.Items)
                    {
                        switch (wi)
                        {
                            case WorldUse u:
                                f(null, u.Use.Attributes, u.Use.From, u.Use.Names, PathKind.Interface);
                                break;
                            case IncludeSyntax inc:
                                f(world.Name, inc.Attributes, inc.From, null, PathKind.World);
                                break;
                            case ImportSyntax imp:
                                imports.Add((imp.Kind, imp.Attributes));
                                break;
                            case ExportSyntax exp:
                                exports.Add((exp.Kind, exp.Attributes));
                                break;
                        }
                    }

                    foreach (var (kind, attrs) in imports.Concat(exports))
                    {
                        switch (kind)
                        {
                            case ExternInterface inline:
                                foreach (var ii in inline.Items)
                                {
                                    if (ii is InterfaceUse iu)
                                    {
                                        f(null, iu.Use.Attributes, iu.Use.From, iu.Use.Names, PathKind.Interface);
                                    }
                                }

                                break;
                            case ExternPath path:
                                f(null, attrs, path.Path, null, PathKind.Interface);
                                break;
                            case ExternNamedPath named:
                                f(null, attrs, named.Path, null, PathKind.Interface);
                                break;
                        }
                    }

                    break;
                }

                case InterfaceDecl iface:
                    foreach (var ii in iface.Items)
                    {
                        if (ii is InterfaceUse iu)
                        {
                            f(iface.Name, iu.Use.Attributes, iu.Use.From, iu.Use.Names, PathKind.Interface);
                        }
                    }

                    break;
                case ToplevelUse use:
                    f(null, use.Attributes, use.Item, null, PathKind.Unknown);
                    break;
            }
        }
    }

    private void PopulateForeignDeps()
    {
        foreach (var decls in _declLists)
        {
            ForEachPath(decls, (_, attrs, path, _, kind) =>
            {
                if (path is not PackageUsePath pkgPath)
                {
                    return;
                }

                var stability = ConvertStability(attrs);
                var pkgName = pkgPath.Package.ToName();
                if (!_pkg.ForeignDeps.TryGetValue(pkgName, out var deps))
                {
                    deps = new OrderedMap<string, ForeignItem>();
                    _pkg.ForeignDeps.Insert(pkgName, deps);
                    _pkg.ForeignDepSpans.Add(pkgPath.Package.Span);
                }

                if (!deps.TryGetValue(pkgPath.Item.Name, out var foreign))
                {
                    var item = kind == PathKind.World
                        ? ItemRef.Of(AllocWorld(pkgPath.Item.Span))
                        : ItemRef.Of(AllocInterface(pkgPath.Item.Span));
                    foreign = new ForeignItem(item, new List<Stability>());
                    deps.Insert(pkgPath.Item.Name, foreign);
                }

                foreign.Stabilities.Add(stability);
                if (foreign.Item.Interface is { } ifaceId)
                {
                    _foreignInterfaces.Add(ifaceId);
                }
            });
        }
    }

    private InterfaceId AllocInterface(TextSpan span)
    {
        _interfaceTypes.Add(new OrderedMap<string, (TypeOrItem, TextSpan)>());
        _pkg.InterfaceSpans.Add(new InterfaceSpans(span, new List<TextSpan>()));
        _pkg.Interfaces.Add(new WitInterface(null));
        return new InterfaceId(_pkg.Interfaces.Count - 1);
    }

    private WorldId AllocWorld(TextSpan span)
    {
        _pkg.WorldSpans.Add(new WorldSpans(span, new List<TextSpan>(), new List<TextSpan>(), new List<TextSpan>()));
        _pkg.Worlds.Add(new WitWorld(string.Empty));
        return new WorldId(_pkg.Worlds.Count - 1);
    }

    private (List<InterfaceId>, List<WorldId>) PopulateAstItems()
    {
        var packageItems = new OrderedMap<string, TextSpan>();
        var names = new Dictionary<string, AstItem>();
        var order = new OrderedMap<string, List<Id>>();
        foreach (var decls in _declLists)
        {
            foreach (var item in decls)
            {
                Id? name = item switch
                {
                    InterfaceDecl i => i.Name,
                    WorldDecl w => w.Name,
                    _ => null,
                };
                if (name is null)
                {
                    continue;
                }

                if (!packageItems.TryAdd(name.Name, name.Span))
                {
                    throw new WitError($"duplicate item named `{name.Name}`", name.Span);
                }

                order.Insert(name.Name, new List<Id>());
                names[name.Name] = item;
            }
        }

        foreach (var decls in _declLists)
        {
            var fileNamespace = new OrderedMap<string, Id?>();
            foreach (var item in decls)
            {
                var (name, local) = item switch
                {
                    ToplevelUse u => (u.As ?? u.Item.Name, u.Item is LocalUsePath l ? l.Id : null),
                    InterfaceDecl i => (i.Name, i.Name),
                    WorldDecl w => (w.Name, w.Name),
                    _ => throw new InvalidOperationException(),
                };
                if (!fileNamespace.TryAdd(name.Name, local))
                {
                    throw new WitError($"duplicate name `{name.Name}` in this file", name.Span);
                }
            }

            ForEachPath(decls, (owner, _, path, _, _) =>
            {
                if (owner is null || path is not LocalUsePath local)
                {
                    return;
                }

                var used = local.Id;
                if (fileNamespace.TryGetValue(used.Name, out var target))
                {
                    if (target is not null)
                    {
                        order[owner.Name].Add(target);
                    }
                }
                else if (packageItems.ContainsKey(used.Name))
                {
                    order[owner.Name].Add(used);
                }
                else
                {
                    throw new WitError($"interface or world `{used.Name}` does not exist", used.Span);
                }
            });
        }

        var sorted = Toposort.Sort("interface or world", order);
        var ids = new Dictionary<string, ItemRef>();
        var interfaceOrder = new List<InterfaceId>();
        var worldOrder = new List<WorldId>();
        foreach (var name in sorted)
        {
            if (names[name] is InterfaceDecl)
            {
                var id = AllocInterface(packageItems[name]);
                _pkg.Interfaces[id.Index].Name = name;
                ids[name] = ItemRef.Of(id);
                interfaceOrder.Add(id);
            }
            else
            {
                var id = AllocWorld(packageItems[name]);
                _pkg.Worlds[id.Index].Name = name;
                ids[name] = ItemRef.Of(id);
                worldOrder.Add(id);
            }
        }

        foreach (var decls in _declLists)
        {
            var items = new OrderedMap<string, ItemRef>();
            foreach (var item in decls)
            {
                string name;
                ItemRef target;
                switch (item)
                {
                    case ToplevelUse u:
                        if (u.Attributes.Count != 0)
                        {
                            throw new WitError("attributes not allowed on top-level use", u.Span);
                        }

                        name = (u.As ?? u.Item.Name).Name;
                        target = u.Item switch
                        {
                            LocalUsePath l => ids.TryGetValue(l.Id.Name, out var t)
                                ? t
                                : throw new WitError($"interface or world `{l.Id.Name}` does not exist", l.Id.Span),
                            PackageUsePath p => _pkg.ForeignDeps[p.Package.ToName()][p.Item.Name].Item,
                            _ => throw new InvalidOperationException(),
                        };
                        items.Insert(name, target);
                        continue;
                    case InterfaceDecl i:
                        name = i.Name.Name;
                        break;
                    case WorldDecl w:
                        name = w.Name.Name;
                        break;
                    default:
                        continue;
                }

                target = ids[name];
                items.Insert(name, target);
                _packageItems.Insert(name, target);
            }

            _fileItems.Add(items);
        }

        return (interfaceOrder, worldOrder);
    }

    private void PopulateForeignTypes()
    {
        for (int i = 0; i < _declLists.Count; i++)
        {
            _currentFile = i;
            ForEachPath(_declLists[i], (_, attrs, path, names, _) =>
            {
                if (names is null)
                {
                    return;
                }

                var stability = ConvertStability(attrs);
                var (item, name, span) = ResolvePath(path);
                var iface = ExpectInterface(item, name, span);
                if (!_foreignInterfaces.Contains(iface))
                {
                    return;
                }

                var lookup = _interfaceTypes[iface.Index];
                foreach (var n in names)
                {
                    if (lookup.ContainsKey(n.Name.Name))
                    {
                        continue;
                    }

                    var id = AddType(new WitTypeDef(n.Name.Name, UnknownKind.Instance, TypeOwner.Of(iface), Docs.None, stability), n.Name.Span);
                    _pkg.UnknownTypeSpans[id.Index] = n.Name.Span;
                    lookup.Insert(n.Name.Name, (new TypeOrItem(id, null), n.Name.Span));
                    _pkg.Interfaces[iface.Index].Types.Insert(n.Name.Name, id);
                }
            });
        }
    }

    private TypeId AddType(WitTypeDef def, TextSpan span)
    {
        _pkg.Types.Add(def);
        _pkg.TypeSpans.Add(span);
        return new TypeId(_pkg.Types.Count - 1);
    }

    private (ItemRef Item, string Name, TextSpan Span) ResolvePath(UsePath path)
    {
        switch (path)
        {
            case LocalUsePath l:
                if (_fileItems[_currentFile].TryGetValue(l.Id.Name, out var item) || _packageItems.TryGetValue(l.Id.Name, out item))
                {
                    return (item, l.Id.Name, l.Id.Span);
                }

                throw new WitError($"interface or world `{l.Id.Name}` does not exist", l.Id.Span);
            case PackageUsePath p:
                return (_pkg.ForeignDeps[p.Package.ToName()][p.Item.Name].Item, p.Item.Name, p.Item.Span);
            default:
                throw new InvalidOperationException();
        }
    }

    private static InterfaceId ExpectInterface(ItemRef item, string name, TextSpan span) =>
        item.Interface ?? throw new WitError($"name `{name}` is defined as a world, not an interface", span);

    private static WorldId ExpectWorld(ItemRef item, string name, TextSpan span) =>
        item.World ?? throw new WitError($"name `{name}` is defined as an interface, not a world", span);
}
