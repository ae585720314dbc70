using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>Collects the functions of the selected world into a <see cref="WorldBindingsSpec"/>.</summary>
internal sealed partial class SpecBuilder
{
    private WorldBindingsSpec BuildBindings(WitWorld world)
    {
        var ns = WorldNamespace();
        var className = Naming.Unique(Naming.WithSuffix(Naming.Pascal(world.Name), "World"), TakenNames(ns));
        var classMembers = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { className, "Instantiate", "Dispose", "Instance", "Imports" };
        var worldOwner = $"world '{world.Name}'";
        var declaredImports = 0;
        var declaredExports = 0;

        var imports = new List<InterfaceBindingSpec>();
        var importFunctions = new List<WitFunction>();
        var worldResources = new List<TypeId>();
        foreach (var (key, item) in world.Imports)
        {
            switch (item)
            {
                case WorldInterfaceItem i when _reused.ContainsKey(i.Interface):
                    // Bound where its types are: the provider that assembly gives implements it.
                    CanBindReused(i.Interface, import: true);
                    break;
                case WorldInterfaceItem i:
                    declaredImports += _resolve[i.Interface].Functions.Count;
                    imports.Add(BuildInterface(i.Interface, _resolve.NameOf(key), isImport: true, classMembers: null));
                    break;
                case WorldFunctionItem f:
                    declaredImports++;
                    importFunctions.Add(f.Function);
                    break;
                case WorldTypeItem t when _resolve[t.Type].Kind is ResourceKind && _resolve[t.Type].Owner.World is not null:
                    // A resource declared in the world: imported (the host implements it), its functions are world imports.
                    worldResources.Add(t.Type);
                    break;
            }
        }

        if (importFunctions.Count > 0 || worldResources.Count > 0)
        {
            var typeName = Naming.Unique((_guest ? string.Empty : "I") + Naming.WithSuffix(Naming.Pascal(world.Name), "Imports"), TakenNames(ns));
            var plain = importFunctions.Where(f => f.Resource is null).ToList();
            var resources = worldResources
                .Concat(importFunctions.Where(f => f.Resource is not null).Select(f => f.Resource!.Value))
                .Distinct()
                .Select(id => BuildResource(id, importFunctions.Where(f => f.Resource == id).ToList(), imported: true, worldOwner))
                .ToList();
            imports.Add(new InterfaceBindingSpec(null, ns, typeName, "world", null, Functions(plain, new HashSet<string>(StringComparer.Ordinal), worldOwner), resources.ToEquatableArray()));
        }

        var exports = new List<InterfaceBindingSpec>();
        var exportFunctions = new List<WitFunction>();
        foreach (var (key, item) in world.Exports)
        {
            switch (item)
            {
                case WorldInterfaceItem i when !CanBindReused(i.Interface, import: false):
                    break;
                case WorldInterfaceItem i:
                    declaredExports += _resolve[i.Interface].Functions.Count;
                    exports.Add(BuildInterface(i.Interface, _resolve.NameOf(key), isImport: false, classMembers));
                    break;
                case WorldFunctionItem f:
                    declaredExports++;
                    exportFunctions.Add(f.Function);
                    break;
            }
        }

        if (exportFunctions.Count > 0)
        {
            var exportName = _guest ? Naming.Unique(Naming.WithSuffix(Naming.Pascal(world.Name), "Exports"), TakenNames(ns)) : className;
            exports.Add(new InterfaceBindingSpec(null, ns, exportName, string.Empty, null, Functions(exportFunctions, classMembers, worldOwner), EquatableArray<ResourceBindingSpec>.Empty));
        }

        // Parameter names of the Imports constructor must differ from each other.
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        var named = imports.Select(i => i with { PropertyName = Naming.Unique(Naming.Camel(i.PropertyName), parameterNames) }).ToList();
        var provided = ProvidedResources(named.Concat(exports));
        var spec = new WorldBindingsSpec(ns, className, world.Name, world.Docs.Contents, named.ToEquatableArray(), exports.ToEquatableArray(), provided);
        if (_guest)
        {
            spec = LeaveOutResourcesOfBothDirections(spec);
        }

        spec = LeaveOutUnboundHandles(spec);
        if (!_guest)
        {
            CheckSomethingBound(world, spec, declaredImports, declaredExports);
        }

        return spec;
    }

    /// <summary>
    /// Leaves out (with WIT0004) any function passing a handle to a resource that no bound interface or world defines,
    /// so the emitter never meets a resource it has no type for.
    /// </summary>
    private WorldBindingsSpec LeaveOutUnboundHandles(WorldBindingsSpec spec)
    {
        var bound = new HashSet<string>(spec.Imports.Concat(spec.Exports).Concat(spec.Provided).SelectMany(i => i.Resources).Select(r => r.FullName), StringComparer.Ordinal);
        if (!spec.Imports.Concat(spec.Exports).SelectMany(AllFunctions).Any(f => UnboundHandle(f, bound) is not null))
        {
            return spec;
        }

        InterfaceBindingSpec Filter(InterfaceBindingSpec i)
        {
            var owner = i.InstanceName is null ? $"world '{spec.WorldName}'" : $"interface '{i.InstanceName}'";
            return i with
            {
                Functions = Keep(i.Functions, owner),
                Resources = i.Resources.Select(r => r with { Functions = Keep(r.Functions, owner) }).ToEquatableArray(),
            };
        }

        EquatableArray<FunctionSpec> Keep(EquatableArray<FunctionSpec> functions, string owner)
        {
            var kept = new List<FunctionSpec>();
            foreach (var f in functions)
            {
                if (UnboundHandle(f, bound) is { } missing)
                {
                    _diagnostics.Add(DiagnosticSpec.Unlocated(
                        DiagnosticDescriptors.UnsupportedType.Id,
                        $"the function '{f.WitName}' of {owner} is left out of the bindings: it passes a handle to the resource '{missing}', which no interface or world of the bindings defines"));
                    continue;
                }

                kept.Add(f);
            }

            return kept.ToEquatableArray();
        }

        return spec with { Imports = spec.Imports.Select(Filter).ToEquatableArray(), Exports = spec.Exports.Select(Filter).ToEquatableArray() };
    }

    private static IEnumerable<FunctionSpec> AllFunctions(InterfaceBindingSpec i) => i.Functions.Concat(i.Resources.SelectMany(r => r.Functions));

    /// <summary>The WIT name of the first resource a function passes whose class the bindings do not define, if any.</summary>
    private static string? UnboundHandle(FunctionSpec f, HashSet<string> bound)
    {
        static string? Find(ShapeSpec? shape, HashSet<string> bound)
        {
            if (shape is null || !shape.HasHandles)
            {
                return null;
            }

            if (shape.Kind is ShapeKind.Own or ShapeKind.Borrow)
            {
                return bound.Contains(shape.Type) ? null : shape.Members[0].Name;
            }

            return shape.Members.Select(m => Find(m.Shape, bound)).FirstOrDefault(name => name is not null);
        }

        return f.Params.Select(p => Find(p.Shape, bound)).Append(Find(f.Result, bound)).FirstOrDefault(name => name is not null);
    }

    private InterfaceBindingSpec BuildInterface(InterfaceId id, string instanceName, bool isImport, HashSet<string>? classMembers)
    {
        var iface = _resolve[id];
        var ns = InterfaceNamespace(id);
        var shortName = iface.Name ?? instanceName;
        var pascal = Naming.Pascal(shortName).TrimStart('@');
        string typeName;
        string property;
        if (_guest)
        {
            // Guest bindings: a static class of the interface's functions, in its namespace (imports call the host,
            // exports are static partial methods the component implements).
            typeName = Naming.Unique(Naming.WithSuffix(pascal, isImport ? "Imports" : "Exports"), TakenNames(ns));
            property = shortName;
        }
        else if (isImport)
        {
            typeName = Naming.Unique("I" + pascal, TakenNames(ns));
            property = shortName;
        }
        else
        {
            property = Naming.Unique(pascal, classMembers!);
            typeName = Naming.Unique(Naming.WithSuffix(pascal, "Exports"), classMembers!);
        }

        var owner = $"interface '{_resolve.IdOf(id) ?? instanceName}'";
        var plain = iface.Functions.Values.Where(f => f.Resource is null).ToList();
        var resources = iface.Functions.Values
            .Where(f => f.Resource is not null)
            .GroupBy(f => f.Resource!.Value)
            .Select(g => BuildResource(g.Key, g.ToList(), isImport, owner))
            .ToList();

        // Resources without functions still need a class (their handles can be passed around).
        foreach (var typeId in iface.Types.Values)
        {
            if (_resolve[typeId].Kind is ResourceKind && resources.All(r => r.WitName != _resolve[typeId].Name))
            {
                resources.Add(BuildResource(typeId, new List<WitFunction>(), isImport, owner));
            }
        }

        // An export's class implements the interface the import side gets (when its members are the same: no resources,
        // whose classes differ by direction, and no function named like either type), so that an instance's export can
        // serve as another world's import. Not for a reused interface: its namespace is another assembly's.
        string? hostInterface = null;
        if (!_guest && !isImport && resources.Count == 0 && plain.Count > 0 && !_reused.ContainsKey(id))
        {
            var candidate = Naming.Unique("I" + pascal, TakenNames(ns));
            if (plain.All(f => Naming.Pascal(f.ItemName) != candidate && Naming.Pascal(f.ItemName) != typeName))
            {
                hostInterface = candidate;
            }
        }

        var members = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { typeName };
        return new InterfaceBindingSpec(instanceName, ns, typeName, property, iface.Docs.Contents, Functions(plain, members, owner), resources.ToEquatableArray(), hostInterface);
    }

    private ResourceBindingSpec BuildResource(TypeId id, List<WitFunction> functions, bool imported, string owner)
    {
        var name = TypeName(id);
        var members = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { name, "Dispose", "Handle" };
        if (_guest)
        {
            members.UnionWith(GuestResourceMembers);
        }

        return new ResourceBindingSpec(name, TypeNamespace(id), _resolve[id].Name ?? name, _resolve[id].Docs.Contents, Functions(functions, members, owner), imported);
    }

    private EquatableArray<FunctionSpec> Functions(IEnumerable<WitFunction> functions, HashSet<string> members, string owner)
    {
        var list = new List<FunctionSpec>();
        foreach (var f in functions)
        {
            if (BuildFunction(f, members, owner) is { } spec)
            {
                list.Add(spec);
            }
        }

        return list.ToEquatableArray();
    }

    private FunctionSpec? BuildFunction(WitFunction f, HashSet<string> members, string owner)
    {
        if (f.IsAsync && _guest)
        {
            ReportSkipped(f, owner, "async functions are not bound in guest bindings yet");
            return null;
        }

        var parameters = new List<ParamSpec>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in f.Params)
        {
            _unpassable = null;
            var shape = Shape(p.Type);
            if (shape is null)
            {
                ReportSkipped(f, owner, Unbindable($"its parameter '{p.Name}'", p.Type));
                return null;
            }

            parameters.Add(new ParamSpec(Naming.Unique(Naming.Camel(p.Name), taken), p.Name, shape));
        }

        ShapeSpec? result = null;
        _unpassable = null;
        if (f.Result is { } r && (result = Shape(r)) is null)
        {
            ReportSkipped(f, owner, Unbindable("its result", r));
            return null;
        }

        var kind = f.Kind switch
        {
            FunctionKind.Constructor => FunctionSpecKind.Constructor,
            FunctionKind.Method or FunctionKind.AsyncMethod => FunctionSpecKind.Method,
            FunctionKind.Static or FunctionKind.AsyncStatic => FunctionSpecKind.Static,
            _ => FunctionSpecKind.Freestanding,
        };

        var name = kind == FunctionSpecKind.Constructor ? "New" : Naming.Unique(Naming.Pascal(f.ItemName) + (f.IsAsync ? "Async" : string.Empty), members);
        var deprecated = f.Stability switch
        {
            StableStability { Deprecated: { } d } => d.ToString(),
            UnstableStability { Deprecated: { } d } => d.ToString(),
            _ => null,
        };

        return new FunctionSpec(f.Name, name, f.Docs.Contents, kind, parameters.ToEquatableArray(), result, deprecated, f.IsAsync);
    }
}
