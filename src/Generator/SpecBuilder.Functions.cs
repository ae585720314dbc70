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

        var imports = new List<InterfaceBindingSpec>();
        var importFunctions = new List<WitFunction>();
        foreach (var (key, item) in world.Imports)
        {
            switch (item)
            {
                case WorldInterfaceItem i:
                    imports.Add(BuildInterface(i.Interface, _resolve.NameOf(key), isImport: true, classMembers: null));
                    break;
                case WorldFunctionItem f:
                    importFunctions.Add(f.Function);
                    break;
            }
        }

        if (importFunctions.Count > 0)
        {
            var typeName = Naming.Unique("I" + Naming.WithSuffix(Naming.Pascal(world.Name), "Imports"), TakenNames(ns));
            imports.Add(new InterfaceBindingSpec(null, ns, typeName, "world", null, Functions(importFunctions, new HashSet<string>(StringComparer.Ordinal)), EquatableArray<ResourceBindingSpec>.Empty));
        }

        var exports = new List<InterfaceBindingSpec>();
        var exportFunctions = new List<WitFunction>();
        foreach (var (key, item) in world.Exports)
        {
            switch (item)
            {
                case WorldInterfaceItem i:
                    exports.Add(BuildInterface(i.Interface, _resolve.NameOf(key), isImport: false, classMembers));
                    break;
                case WorldFunctionItem f:
                    exportFunctions.Add(f.Function);
                    break;
            }
        }

        if (exportFunctions.Count > 0)
        {
            exports.Add(new InterfaceBindingSpec(null, ns, className, string.Empty, null, Functions(exportFunctions, classMembers), EquatableArray<ResourceBindingSpec>.Empty));
        }

        // Parameter names of the Imports constructor must differ from each other.
        var parameterNames = new HashSet<string>(StringComparer.Ordinal);
        var named = imports.Select(i => i with { PropertyName = Naming.Unique(Naming.Camel(i.PropertyName), parameterNames) }).ToList();
        return new WorldBindingsSpec(ns, className, world.Name, world.Docs.Contents, named.ToEquatableArray(), exports.ToEquatableArray());
    }

    private InterfaceBindingSpec BuildInterface(InterfaceId id, string instanceName, bool isImport, HashSet<string>? classMembers)
    {
        var iface = _resolve[id];
        var ns = InterfaceNamespace(id);
        var shortName = iface.Name ?? instanceName;
        var pascal = Naming.Pascal(shortName).TrimStart('@');
        string typeName;
        string property;
        if (isImport)
        {
            typeName = Naming.Unique("I" + pascal, TakenNames(ns));
            property = shortName;
        }
        else
        {
            property = Naming.Unique(pascal, classMembers!);
            typeName = Naming.Unique(Naming.WithSuffix(pascal, "Exports"), classMembers!);
        }

        var plain = iface.Functions.Values.Where(f => f.Resource is null).ToList();
        var resources = iface.Functions.Values
            .Where(f => f.Resource is not null)
            .GroupBy(f => f.Resource!.Value)
            .Select(g => BuildResource(g.Key, g.ToList(), isImport))
            .ToList();

        // Resources without functions still need a class (their handles can be passed around).
        foreach (var typeId in iface.Types.Values)
        {
            if (_resolve[typeId].Kind is ResourceKind && resources.All(r => r.WitName != _resolve[typeId].Name))
            {
                resources.Add(BuildResource(typeId, new List<WitFunction>(), isImport));
            }
        }

        var members = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { typeName };
        return new InterfaceBindingSpec(instanceName, ns, typeName, property, iface.Docs.Contents, Functions(plain, members), resources.ToEquatableArray());
    }

    private ResourceBindingSpec BuildResource(TypeId id, List<WitFunction> functions, bool imported)
    {
        var name = TypeName(id);
        var members = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { name, "Dispose", "Handle" };
        return new ResourceBindingSpec(name, TypeNamespace(id), _resolve[id].Name ?? name, _resolve[id].Docs.Contents, Functions(functions, members), imported);
    }

    private EquatableArray<FunctionSpec> Functions(IEnumerable<WitFunction> functions, HashSet<string> members)
    {
        var list = new List<FunctionSpec>();
        foreach (var f in functions)
        {
            if (BuildFunction(f, members) is { } spec)
            {
                list.Add(spec);
            }
        }

        return list.ToEquatableArray();
    }

    private FunctionSpec? BuildFunction(WitFunction f, HashSet<string> members)
    {
        if (f.IsAsync)
        {
            Report(DiagnosticDescriptors.UnsupportedType.Id, $"the async function '{f.Name}' cannot be bound yet; it is left out of the bindings");
            return null;
        }

        var parameters = new List<ParamSpec>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in f.Params)
        {
            var shape = Shape(p.Type);
            if (shape is null)
            {
                return null;
            }

            parameters.Add(new ParamSpec(Naming.Unique(Naming.Camel(p.Name), taken), p.Name, shape));
        }

        ShapeSpec? result = null;
        if (f.Result is { } r && (result = Shape(r)) is null)
        {
            return null;
        }

        var kind = f.Kind switch
        {
            FunctionKind.Constructor => FunctionSpecKind.Constructor,
            FunctionKind.Method => FunctionSpecKind.Method,
            FunctionKind.Static => FunctionSpecKind.Static,
            _ => FunctionSpecKind.Freestanding,
        };

        var name = kind == FunctionSpecKind.Constructor ? "New" : Naming.Unique(Naming.Pascal(f.ItemName), members);
        var deprecated = f.Stability switch
        {
            StableStability { Deprecated: { } d } => d.ToString(),
            UnstableStability { Deprecated: { } d } => d.ToString(),
            _ => null,
        };

        return new FunctionSpec(f.Name, name, f.Docs.Contents, kind, parameters.ToEquatableArray(), result, deprecated);
    }
}
