using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

internal sealed partial class ResolveBuilder
{
    private sealed partial class Remap
    {
        /// <summary>Copies the imports and exports of included worlds into a world.</summary>
        private void ProcessWorldIncludes(WorldId id, WorldSpans spans)
        {
            var world = _resolve[id];
            var includes = world.Includes.ToList();
            var names = world.IncludeNames.ToList();
            world.Includes.Clear();
            world.IncludeNames.Clear();
            for (int i = 0; i < includes.Count; i++)
            {
                var span = spans.Includes[i];
                if (!_builder.IncludeStability(includes[i].Stability, _pkgId, span))
                {
                    continue;
                }

                ResolveInclude(id, includes[i].World, names[i], span);
            }

            ValidateCaseInsensitiveNames(world);
        }

        private void ResolveInclude(WorldId id, WorldId includeOriginal, IReadOnlyList<(string Name, string As)> names, TextSpan span)
        {
            var world = _resolve[id];
            var includeId = MapWorld(includeOriginal, span);
            var include = _resolve[includeId];
            var remaining = names.ToList();
            foreach (var key in include.Imports.Keys.Concat(include.Exports.Keys))
            {
                if (key.Name is { } n)
                {
                    remaining.RemoveAll(r => Rename(n, r) is not null);
                }
            }

            if (remaining.Count != 0)
            {
                throw new WitError($"no import or export kebab-name `{remaining[0].Name}`. Note that an ID does not support renaming", span);
            }

            bool external = world.Package != include.Package;
            var cloner = new Cloner(_resolve, TypeOwner.Of(includeId), TypeOwner.Of(id), _pkgId);
            foreach (var (key, item) in include.Imports.ToList())
            {
                IncludeItem(cloner, names, world.Imports, key, item, span, "import", external);
            }

            foreach (var (key, item) in include.Exports.ToList())
            {
                IncludeItem(cloner, names, world.Exports, key, item, span, "export", external);
            }
        }

        private void IncludeItem(Cloner cloner, IReadOnlyList<(string Name, string As)> names, OrderedMap<WorldKey, WorldItem> dst, WorldKey key, WorldItem item, TextSpan span, string kind, bool external)
        {
            if (key.Name is { } original)
            {
                var n = names.Select(r => Rename(original, r)).FirstOrDefault(x => x is not null) ?? original;
                var newItem = cloner.WorldItem(item);
                switch (newItem)
                {
                    case WorldFunctionItem f:
                        newItem = new WorldFunctionItem(f.Function with { Name = n });
                        break;
                    case WorldTypeItem t:
                        _resolve[t.Type].Name = n;
                        break;
                }

                if (dst.Insert(WorldKey.Of(n), newItem))
                {
                    throw new WitError($"{kind} of `{n}` shadows previously {kind}ed items", span);
                }

                return;
            }

            if (!dst.TryGetValue(key, out var prev))
            {
                // The merge below still applies: a stable gate from another package is dropped.
                dst.Insert(key, item);
                prev = item;
            }

            var from = (WorldInterfaceItem)item;
            var into = (WorldInterfaceItem)prev;
            Stability merged;
            if (external && from.ItemStability is StableStability)
            {
                merged = Stability.Unknown;
            }
            else
            {
                merged = MergeStability(from.ItemStability, into.ItemStability);
            }

            dst.Insert(key, into with { ItemStability = merged });
        }

        private static Stability MergeStability(Stability from, Stability into)
        {
            if (from == into || from.IsUnknown)
            {
                return into;
            }

            if (into.IsUnknown)
            {
                return from;
            }

            throw new WitError($"mismatch in stability from '{from}' to '{into}'");
        }

        private static string? Rename(string original, (string Name, string As) include)
        {
            if (original == include.Name)
            {
                return include.As;
            }

            int close = original.IndexOf(']');
            if (!original.StartsWith('[') || close < 0)
            {
                return null;
            }

            var kind = original[..(close + 1)];
            var rest = original[(close + 1)..];
            int dot = rest.IndexOf('.');
            if (dot >= 0 && rest[..dot] == include.Name)
            {
                return kind + include.As + rest[dot..];
            }

            return rest == include.Name ? kind + include.As : null;
        }

        private static void ValidateCaseInsensitiveNames(WitWorld world)
        {
            Check(world.Imports, "import");
            Check(world.Exports, "export");

            void Check(OrderedMap<WorldKey, WorldItem> items, string kind)
            {
                var seen = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in items.Keys)
                {
                    if (key.Name is not { } name)
                    {
                        continue;
                    }

                    var lower = name.ToLowerInvariant();
                    if (seen.TryGetValue(lower, out var existing) && existing != name)
                    {
                        throw new WitError($"{kind} `{name}` in world `{world.Name}` conflicts with {kind} `{existing}` (kebab-case identifiers are case-insensitive)");
                    }

                    seen[lower] = name;
                }
            }
        }
    }

    /// <summary>
    /// Puts a world's imports and exports in topological order and adds every interface that its
    /// items transitively depend on as an import.
    /// </summary>
    internal void ElaborateWorld(WorldId id, TextSpan span)
    {
        var world = _resolve[id];
        int SortKey(WorldItem item) => item switch
        {
            WorldInterfaceItem => 0,
            WorldTypeItem t => _resolve[t.Type].Kind is AliasKind { Target.Id: { } target } && _resolve[target].Owner != _resolve[t.Type].Owner ? 1 : 2,
            WorldFunctionItem f => f.Function.Resource is null ? 3 : 4,
            _ => 5,
        };

        var newImports = new OrderedMap<WorldKey, WorldItem>();
        var sorted = world.Imports.Select((e, i) => (e, i)).OrderBy(p => SortKey(p.e.Value)).ThenBy(p => p.i).Select(p => p.e).ToList();
        foreach (var (key, item) in sorted)
        {
            switch (item)
            {
                case WorldInterfaceItem wi:
                    ElaborateImport(newImports, key, wi.Interface, wi.ItemStability, wi.Docs);
                    break;
                case WorldFunctionItem:
                    newImports.Insert(key, item);
                    break;
                case WorldTypeItem t:
                    if (_resolve.TypeInterfaceDependency(t.Type) is { } dep)
                    {
                        ElaborateImport(newImports, WorldKey.Of(dep), dep, _resolve[t.Type].Stability, Docs.None);
                    }

                    newImports.Insert(key, item);
                    break;
            }
        }

        var newExports = new OrderedMap<WorldKey, WorldItem>();
        var exportInterfaces = new OrderedMap<InterfaceId, (WorldKey Key, WorldInterfaceItem Item)>();
        foreach (var (key, item) in world.Exports)
        {
            if (item is WorldInterfaceItem wi)
            {
                exportInterfaces.Insert(wi.Interface, (key, wi));
            }
            else
            {
                newExports.Insert(key, item);
            }
        }

        var required = new HashSet<InterfaceId>();
        foreach (var (iface, (key, item)) in exportInterfaces)
        {
            if (!AddExport(iface, key, true, item))
            {
                throw new WitError($"interface `{_resolve.NameOf(key)}` transitively depends on an interface in incompatible ways", span);
            }
        }

        newImports.StableSortBy(e => SortKey(e.Value));
        world.Imports = newImports;
        world.Exports = newExports;

        bool AddExport(InterfaceId iface, WorldKey key, bool addExport, WorldInterfaceItem template)
        {
            if (newExports.ContainsKey(key))
            {
                return addExport;
            }

            if (!addExport && required.Contains(iface))
            {
                return true;
            }

            foreach (var dep in _resolve.InterfaceDirectDependencies(iface))
            {
                if (!AddExport(dep, WorldKey.Of(dep), addExport && exportInterfaces.ContainsKey(dep), template))
                {
                    return false;
                }
            }

            var item = new WorldInterfaceItem(iface, template.ItemStability, Docs.None);
            if (addExport)
            {
                if (required.Contains(iface))
                {
                    return false;
                }

                newExports.Insert(key, exportInterfaces.TryGetValue(iface, out var own) ? item with { Docs = own.Item.Docs } : item);
            }
            else
            {
                required.Add(iface);
                newImports.Insert(key, item);
            }

            return true;
        }
    }

    private void ElaborateImport(OrderedMap<WorldKey, WorldItem> imports, WorldKey key, InterfaceId id, Stability stability, Docs docs)
    {
        if (imports.ContainsKey(key))
        {
            return;
        }

        foreach (var dep in _resolve.InterfaceDirectDependencies(id))
        {
            ElaborateImport(imports, WorldKey.Of(dep), dep, stability, Docs.None);
        }

        imports.Insert(key, new WorldInterfaceItem(id, stability, docs));
    }
}
