using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

internal sealed partial class ResolveBuilder
{
    /// <summary>Moves one package's arenas into the resolve, translating every id on the way.</summary>
    private sealed partial class Remap
    {
        private readonly ResolveBuilder _builder;
        private readonly WitResolve _resolve;
        private readonly UnresolvedPackage _pkg;
        private readonly List<TypeId?> _types = new();
        private readonly List<InterfaceId?> _interfaces = new();
        private readonly List<WorldId?> _worlds = new();
        private readonly Dictionary<TypeId, TypeId> _ownHandles = new();
        private readonly Dictionary<TypeId, bool> _hasBorrow = new();
        private PackageId _pkgId;

        public Remap(ResolveBuilder builder, UnresolvedPackage pkg)
        {
            _builder = builder;
            _resolve = builder._resolve;
            _pkg = pkg;
        }

        public PackageId Append()
        {
            if (_resolve.PackageNames.ContainsKey(_pkg.Name))
            {
                throw new WitError($"attempting to re-add package `{_pkg.Name}` when it's already present in this `Resolve`");
            }

            _resolve.PackageList.Add(new WitPackage(_pkg.Name, _pkg.Docs) { Location = Locate(_pkg.NameSpan) });
            _pkgId = new PackageId(_resolve.PackageList.Count - 1);
            _resolve.PackageNames[_pkg.Name] = _pkgId;
            _resolve.PackageNameOrder.Add(_pkg.Name);

            ProcessForeignDeps();
            int foreignTypes = _types.Count, foreignInterfaces = _interfaces.Count, foreignWorlds = _worlds.Count;

            for (int i = foreignTypes; i < _pkg.Types.Count; i++)
            {
                var ty = _pkg.Types[i].Clone();
                var span = _pkg.TypeSpans[i];
                if (!_builder.IncludeStability(ty.Stability, _pkgId, span))
                {
                    _types.Add(null);
                    continue;
                }

                UpdateTypeDef(ty, span);
                if (ty.Name is not null)
                {
                    ty.Location = Locate(span);
                }

                var newId = _resolve.AddType(ty);
                if (ty is { Name: null, Owner.IsNone: true, Kind: HandleKind { IsBorrow: false } own })
                {
                    if (_ownHandles.TryGetValue(own.Resource, out var existing))
                    {
                        newId = existing;
                    }
                    else
                    {
                        _ownHandles[own.Resource] = newId;
                    }
                }

                _types.Add(newId);
            }

            for (int i = foreignInterfaces; i < _pkg.Interfaces.Count; i++)
            {
                var iface = _pkg.Interfaces[i].Clone();
                var spans = _pkg.InterfaceSpans[i];
                if (!_builder.IncludeStability(iface.Stability, _pkgId, spans.Span))
                {
                    _interfaces.Add(null);
                    continue;
                }

                iface.Package = _pkgId;
                UpdateInterface(iface, spans);
                _interfaces.Add(_resolve.AddInterface(iface));
            }

            for (int i = foreignTypes; i < _types.Count; i++)
            {
                if (_types[i] is { } id && _resolve[id].Owner.Interface is { } owner)
                {
                    _resolve[id].Owner = TypeOwner.Of(MapInterface(owner, _pkg.TypeSpans[i], ownerContext: true));
                }
            }

            for (int i = foreignWorlds; i < _pkg.Worlds.Count; i++)
            {
                var world = _pkg.Worlds[i];
                var spans = _pkg.WorldSpans[i];
                if (!_builder.IncludeStability(world.Stability, _pkgId, spans.Span))
                {
                    _worlds.Add(null);
                    continue;
                }

                var copy = UpdateWorld(world, spans);
                _worlds.Add(_resolve.AddWorld(copy));
            }

            for (int i = foreignTypes; i < _types.Count; i++)
            {
                if (_types[i] is { } id && _resolve[id].Owner.World is { } owner)
                {
                    _resolve[id].Owner = TypeOwner.Of(MapWorld(owner, _pkg.TypeSpans[i], ownerContext: true));
                }
            }

            for (int i = foreignWorlds; i < _worlds.Count; i++)
            {
                if (_worlds[i] is not { } id)
                {
                    continue;
                }

                var spans = _pkg.WorldSpans[i];
                ProcessWorldIncludes(id, spans);
                _builder.ElaborateWorld(id, spans.Span);
            }

            for (int i = foreignInterfaces; i < _interfaces.Count; i++)
            {
                if (_interfaces[i] is { } id)
                {
                    var iface = _resolve[id];
                    iface.Package = _pkgId;
                    if (iface.Name is { } name)
                    {
                        _resolve[_pkgId].Interfaces.Insert(name, id);
                    }
                }
            }

            for (int i = foreignWorlds; i < _worlds.Count; i++)
            {
                if (_worlds[i] is { } id)
                {
                    var world = _resolve[id];
                    world.Package = _pkgId;
                    _resolve[_pkgId].Worlds.Insert(world.Name, id);
                }
            }

            return _pkgId;
        }

        // ---- id mapping ------------------------------------------------------------------------

        /// <summary>The file location of a span of this package's sources, for the model's <c>Location</c>s.</summary>
        private SourceSpan? Locate(TextSpan span) => _pkg.Sources.Files.Count == 0 ? null : _pkg.Sources.SpanOf(span);

        private static string Excluded(string what) =>
            $"found a reference to a {what} which is excluded due to its feature not being activated";

        private const string OwnerGated = "; this type is not gated by a feature but its interface is";

        public TypeId MapType(TypeId id, TextSpan? span) =>
            _types[id.Index] ?? throw new WitError(Excluded("type"), span);

        public InterfaceId MapInterface(InterfaceId id, TextSpan? span, bool ownerContext = false) =>
            _interfaces[id.Index] ?? throw new WitError(Excluded("interface") + (ownerContext ? OwnerGated : string.Empty), span);

        public WorldId MapWorld(WorldId id, TextSpan? span, bool ownerContext = false) =>
            _worlds[id.Index] ?? throw new WitError(Excluded("world") + (ownerContext ? OwnerGated : string.Empty), span);

        private void UpdateTypeDef(WitTypeDef ty, TextSpan span)
        {
            ty.Kind = ty.Kind.Rewrite(t => UpdateValueType(t, span), id => MapType(id, span));
        }

        /// <summary>Maps a reference in a value position; a reference to a resource becomes an <c>own</c> handle.</summary>
        private WitType UpdateValueType(WitType type, TextSpan? span)
        {
            if (type.Id is not { } old)
            {
                return type;
            }

            var id = MapType(old, span);
            var cur = id;
            while (true)
            {
                switch (_resolve[cur].Kind)
                {
                    case AliasKind { Target.Id: { } next }:
                        cur = next;
                        continue;
                    case ResourceKind:
                        if (!_ownHandles.TryGetValue(id, out var handle))
                        {
                            handle = _resolve.AddType(new WitTypeDef(null, new HandleKind(false, id), TypeOwner.None, Docs.None, Stability.Unknown));
                            _ownHandles[id] = handle;
                        }

                        return WitType.Of(handle);
                    default:
                        return WitType.Of(id);
                }
            }
        }

        private void UpdateInterface(WitInterface iface, InterfaceSpans spans)
        {
            var types = new OrderedMap<string, TypeId>();
            foreach (var (name, ty) in iface.Types)
            {
                if (_types[ty.Index] is not null)
                {
                    types.Insert(name, MapType(ty, spans.Span));
                }
            }

            iface.Types = types;
            var functions = new OrderedMap<string, WitFunction>();
            int i = 0;
            foreach (var (name, func) in iface.Functions)
            {
                var span = i < spans.Funcs.Count ? spans.Funcs[i] : spans.Span;
                i++;
                if (!_builder.IncludeStability(func.Stability, _pkgId, span))
                {
                    continue;
                }

                functions.Insert(name, UpdateFunction(func, span));
            }

            iface.Functions = functions;
        }

        private WitFunction UpdateFunction(WitFunction func, TextSpan span)
        {
            var resource = func.Resource is { } r ? MapType(r, span) : (TypeId?)null;
            var ps = func.Params.Select(p => p with { Type = UpdateValueType(p.Type, span) }).ToArray();
            var result = func.Result is { } res ? UpdateValueType(res, span) : (WitType?)null;
            if (result is { } rt && TypeHasBorrow(rt))
            {
                throw new WitError($"function `{func.Name}` returns a type which contains a `borrow<T>` which is not supported", span);
            }

            return func with { Resource = resource, Params = ps, Result = result };
        }

        private bool TypeHasBorrow(WitType type)
        {
            if (type.Id is not { } id)
            {
                return false;
            }

            if (_hasBorrow.TryGetValue(id, out var cached))
            {
                return cached;
            }

            var kind = _resolve[id].Kind;
            bool result = kind switch
            {
                HandleKind h => h.IsBorrow,
                ResourceKind => false,
                _ => kind.References.Any(TypeHasBorrow),
            };
            _hasBorrow[id] = result;
            return result;
        }

        private WitWorld UpdateWorld(WitWorld world, WorldSpans spans)
        {
            var copy = new WitWorld(world.Name) { Docs = world.Docs, Stability = world.Stability, Location = Locate(spans.Span) };
            foreach (var include in world.Includes)
            {
                copy.Includes.Add(include);
            }

            copy.IncludeNames.AddRange(world.IncludeNames);
            for (int pass = 0; pass < 2; pass++)
            {
                var source = pass == 0 ? world.Imports : world.Exports;
                var spanList = pass == 0 ? spans.Imports : spans.Exports;
                var dst = pass == 0 ? copy.Imports : copy.Exports;
                int i = 0;
                foreach (var (key, original) in source)
                {
                    var span = i < spanList.Count ? spanList[i] : spans.Span;
                    i++;
                    var item = original;
                    if (item is WorldTypeItem t)
                    {
                        item = new WorldTypeItem(MapType(t.Type, span));
                    }

                    if (!_builder.IncludeStability(_builder.StabilityOf(item), _pkgId, span))
                    {
                        continue;
                    }

                    var newKey = key.Interface is { } k ? WorldKey.Of(MapInterface(k, span)) : key;
                    item = item switch
                    {
                        WorldInterfaceItem wi => wi with { Interface = MapInterface(wi.Interface, span) },
                        WorldFunctionItem wf => new WorldFunctionItem(UpdateFunction(wf.Function, span)),
                        _ => item,
                    };
                    dst.Insert(newKey, item);
                }
            }

            return copy;
        }
    }
}
