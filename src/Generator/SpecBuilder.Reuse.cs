using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>
/// Interfaces whose C# types are not generated here but referred to: those a referenced assembly holds bindings for
/// (<see cref="ProvidedInterface"/>), and those the <c>With</c> metadata maps to a namespace. Their imports are left to
/// the provider the other assembly gives (not asked for by the world's <c>Imports</c>); the resources of theirs that
/// the world's own functions pass are found among the providers at instantiation, so a handle maps to the same C#
/// object on both sides.
/// </summary>
internal sealed partial class SpecBuilder
{
    private readonly Dictionary<InterfaceId, Reuse> _reused = new();

    /// <summary>Where a reused interface's types are.</summary>
    /// <param name="Namespace">The C# namespace.</param>
    /// <param name="Names">The C# name of each nominal WIT type, or null to name them as the generator does.</param>
    /// <param name="Imported">True when its resource classes are host-implemented.</param>
    /// <param name="Source">What provides it, for messages.</param>
    private sealed record Reuse(string Namespace, IReadOnlyDictionary<string, string>? Names, bool Imported, string Source);

    /// <summary>Decides which of <paramref name="interfaces"/> are reused, and names their types.</summary>
    private void DecideReuse(List<InterfaceId> interfaces)
    {
        foreach (var id in interfaces)
        {
            if (_resolve.IdOf(id) is not { } name || _resolve[id].Package is null)
            {
                continue;
            }

            var target = _with?.Find(name);
            if (target == WithMap.Generate)
            {
                continue;
            }

            // Reused from a reference: the bindings it holds in the namespace this interface's types would get here (a
            // copy would clash there, CS0436), or in the namespace the With entry names.
            var ns = target ?? InterfaceNamespace(id);
            var candidates = _provided.Where(p => p.Name == name && p.Namespace == ns).ToList();
            if (target is not null && candidates.Count == 0)
            {
                _reused[id] = new Reuse(target, null, true, $"the With entry for '{name}'");
                continue;
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            var nominal = _resolve[id].Types.Values.Select(t => _resolve[t]).Where(def => IsNominal(def.Kind) && def.Name is not null).Select(def => def.Name!).ToList();
            Reuse? chosen = null;
            foreach (var candidate in candidates)
            {
                var names = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in candidate.Types)
                {
                    var eq = entry.IndexOf('=');
                    if (eq > 0)
                    {
                        names[entry.Substring(0, eq)] = entry.Substring(eq + 1);
                    }
                }

                if (nominal.All(names.ContainsKey))
                {
                    chosen = new Reuse(candidate.Namespace, names, candidate.Imported, $"the assembly {candidate.Assembly}");
                    break;
                }
            }

            if (chosen is null)
            {
                var first = candidates[0];
                _diagnostics.Add(DiagnosticSpec.At(
                    DiagnosticDescriptors.ReuseConflict.Id,
                    $"the assembly {first.Assembly} holds bindings for the interface '{name}', but not for all of its types here ({string.Join(", ", nominal)}): the WIT differs; its types are generated here (name another namespace or 'generate' for it in the Wit item's With metadata)",
                    _world?.Location,
                    _unit));
                continue;
            }

            _reused[id] = chosen;
        }

        foreach (var (id, reuse) in _reused)
        {
            if (reuse.Names is null)
            {
                NameTypes(_resolve[id].Types.Values, reuse.Namespace);
                continue;
            }

            foreach (var t in _resolve[id].Types.Values)
            {
                if (_resolve[t] is { Name: { } witName } def && IsNominal(def.Kind) && reuse.Names.TryGetValue(witName, out var cs))
                {
                    _typeNames[t] = cs;
                }
            }
        }
    }

    private bool HasResources(InterfaceId id) => _resolve[id].Types.Values.Any(t => _resolve[t].Kind is ResourceKind);

    /// <summary>
    /// True when the world can bind a reused interface in its direction: its resource classes (if any) must be the
    /// host-implemented ones for an import; an export of an interface with resources needs classes of its own.
    /// Reports WIT0012 otherwise.
    /// </summary>
    private bool CanBindReused(InterfaceId id, bool import)
    {
        if (!_reused.TryGetValue(id, out var reuse) || !HasResources(id) || (import && reuse.Imported))
        {
            return true;
        }

        var name = _resolve.IdOf(id);
        var why = import
            ? $"{reuse.Source} generated its resources for a component that implements them"
            : "the world exports it, and its resources need classes for a component that implements them";
        _diagnostics.Add(DiagnosticSpec.At(
            DiagnosticDescriptors.ReuseConflict.Id,
            $"the bindings of the interface '{name}' are reused from {reuse.Source}, but {why}: its functions are left out of the bindings (generate it here under another name with the Wit item's With metadata, e.g. With=\"{name}=generate\" and a distinct namespace)",
            _world?.Location,
            _unit));
        return false;
    }

    /// <summary>
    /// The resources of reused interfaces that the bound functions pass, grouped by interface: the world's ABI finds
    /// their types and tables among the providers at instantiation.
    /// </summary>
    private EquatableArray<InterfaceBindingSpec> ProvidedResources(IEnumerable<InterfaceBindingSpec> bound)
    {
        var classes = new Dictionary<string, (InterfaceId Interface, TypeId Type)>(StringComparer.Ordinal);
        foreach (var id in _reused.Keys)
        {
            foreach (var t in _resolve[id].Types.Values.Where(t => _resolve[t].Kind is ResourceKind))
            {
                classes[$"global::{InterfaceNamespace(id)}.{TypeName(t)}"] = (id, t);
            }
        }

        var used = new List<string>();
        void Collect(ShapeSpec? shape)
        {
            if (shape is null || !shape.HasHandles)
            {
                return;
            }

            if (shape.Kind is ShapeKind.Own or ShapeKind.Borrow)
            {
                if (classes.ContainsKey(shape.Type) && !used.Contains(shape.Type))
                {
                    used.Add(shape.Type);
                }

                return;
            }

            foreach (var m in shape.Members)
            {
                Collect(m.Shape);
            }
        }

        foreach (var f in bound.SelectMany(AllFunctions))
        {
            foreach (var p in f.Params)
            {
                Collect(p.Shape);
            }

            Collect(f.Result);
        }

        return used
            .GroupBy(c => classes[c].Interface)
            .Select(g => new InterfaceBindingSpec(
                _resolve.IdOf(g.Key)!,
                InterfaceNamespace(g.Key),
                string.Empty,
                string.Empty,
                null,
                EquatableArray<FunctionSpec>.Empty,
                g.Select(c => classes[c].Type)
                    .Select(t => new ResourceBindingSpec(TypeName(t), InterfaceNamespace(g.Key), _resolve[t].Name!, null, EquatableArray<FunctionSpec>.Empty, Imported: true))
                    .ToEquatableArray()))
            .ToEquatableArray();
    }

    /// <summary>
    /// The <c>[assembly: WitInterfaceBindings(...)]</c> attributes for the interfaces generated here that another
    /// assembly can reuse: named interfaces of a package, without resources or imported by the world (so their
    /// resource classes are the host-implemented ones).
    /// </summary>
    private EquatableArray<InterfaceAttributeSpec> Provides(IEnumerable<InterfaceId> interfaces)
    {
        if (!_bindings || _world is null)
        {
            return EquatableArray<InterfaceAttributeSpec>.Empty;
        }

        var imported = new HashSet<InterfaceId>(_world?.Imports.Values.OfType<WorldInterfaceItem>().Select(i => i.Interface) ?? Enumerable.Empty<InterfaceId>());
        var list = new List<InterfaceAttributeSpec>();
        foreach (var id in interfaces)
        {
            if (_reused.ContainsKey(id) || _resolve.IdOf(id) is not { } name || _resolve[id].Package is null)
            {
                continue;
            }

            var isImported = imported.Contains(id);
            if (HasResources(id) && !isImported)
            {
                continue;
            }

            var types = _resolve[id].Types.Values
                .Where(t => IsNominal(_resolve[t].Kind) && _resolve[t].Name is not null && _typeNames.ContainsKey(t))
                .Select(t => _resolve[t].Name + "=" + _typeNames[t])
                .ToEquatableArray();
            // Without resources both directions' types are the same: two worlds of one assembly say the same thing.
            list.Add(new InterfaceAttributeSpec(name, InterfaceNamespace(id), isImported || !HasResources(id), types));
        }

        return list.ToEquatableArray();
    }
}
