using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

internal sealed partial class ResolveBuilder
{
    /// <summary>Binding a package's placeholders for other packages' interfaces, worlds and types.</summary>
    private sealed partial class Remap
    {
        private void ProcessForeignDeps()
        {
            var interfaceToPackage = new Dictionary<InterfaceId, (PackageName Package, string Name, TextSpan Span, List<Stability> Stabilities)>();
            var worldToPackage = new Dictionary<WorldId, (PackageName Package, string Name, TextSpan Span, List<Stability> Stabilities)>();
            int index = 0;
            foreach (var (pkgName, items) in _pkg.ForeignDeps)
            {
                var span = _pkg.ForeignDepSpans[index++];
                foreach (var (name, foreign) in items)
                {
                    if (foreign.Item.Interface is { } iface)
                    {
                        interfaceToPackage[iface] = (pkgName, name, span, foreign.Stabilities);
                    }
                    else
                    {
                        worldToPackage[foreign.Item.World!.Value] = (pkgName, name, span, foreign.Stabilities);
                    }
                }
            }

            for (int i = 0; i < _pkg.Interfaces.Count; i++)
            {
                if (!interfaceToPackage.TryGetValue(new InterfaceId(i), out var dep))
                {
                    break;
                }

                var pkgId = FindPackage(dep.Package, dep.Span);
                var span = _pkg.InterfaceSpans[i].Span;
                if (!dep.Stabilities.Any(s => _builder.IncludeStability(s, _pkgId, span)))
                {
                    _interfaces.Add(null);
                    continue;
                }

                if (!_resolve[pkgId].Interfaces.TryGetValue(dep.Name, out var target))
                {
                    throw new WitError($"interface '{dep.Name}' not found in package '{dep.Package}'", span);
                }

                _interfaces.Add(target);
            }

            for (int i = 0; i < _pkg.Worlds.Count; i++)
            {
                if (!worldToPackage.TryGetValue(new WorldId(i), out var dep))
                {
                    break;
                }

                var pkgId = FindPackage(dep.Package, dep.Span);
                var span = _pkg.WorldSpans[i].Span;
                if (!dep.Stabilities.Any(s => _builder.IncludeStability(s, _pkgId, span)))
                {
                    _worlds.Add(null);
                    continue;
                }

                if (!_resolve[pkgId].Worlds.TryGetValue(dep.Name, out var target))
                {
                    throw new WitError($"world '{dep.Name}' not found in package '{dep.Package}'", span);
                }

                _worlds.Add(target);
            }

            for (int i = 0; i < _pkg.Types.Count; i++)
            {
                var ty = _pkg.Types[i];
                if (ty.Kind is not UnknownKind)
                {
                    break;
                }

                if (!_builder.IncludeStability(ty.Stability, _pkgId, _pkg.TypeSpans[i]))
                {
                    _types.Add(null);
                    continue;
                }

                var iface = MapInterface(ty.Owner.Interface!.Value, null);
                var span = _pkg.UnknownTypeSpans[i];
                if (!_resolve[iface].Types.TryGetValue(ty.Name!, out var target))
                {
                    throw new WitError($"type `{ty.Name}` not defined in interface", span);
                }

                _types.Add(target);
            }

            foreach (var (type, span) in _pkg.RequiredResourceTypes)
            {
                if (_types[type.Index] is not { } id)
                {
                    continue;
                }

                while (true)
                {
                    var kind = _resolve[id].Kind;
                    if (kind is AliasKind { Target.Id: { } next })
                    {
                        id = next;
                        continue;
                    }

                    if (kind is ResourceKind)
                    {
                        break;
                    }

                    throw new WitError("type used in a handle must be a resource", span);
                }
            }
        }

        private PackageId FindPackage(PackageName name, TextSpan span)
        {
            if (_resolve.PackageNames.TryGetValue(name, out var id))
            {
                return id;
            }

            var known = _resolve.PackageNameOrder;
            var message = known.Count == 0
                ? $"package '{name}' not found"
                : $"package '{name}' not found. known packages:" + string.Concat(known.Select(k => "\n    " + k));
            throw new WitError(message, span);
        }
    }
}
