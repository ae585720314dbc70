using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Linking;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>Imports satisfied by exports of other live component instances (<see cref="HostImports.Link"/>).</summary>
internal sealed partial class Instantiator
{
    /// <summary>The runtime values that came from links, with the export they came from (for messages).</summary>
    private readonly Dictionary<object, LinkedExport> _linked;

    /// <summary>Resolves a link to the exporter's runtime value and remembers where it came from.</summary>
    private static object Linked(string importName, LinkedExport link, Dictionary<object, LinkedExport> linked)
    {
        var value = link.Resolve(importName);
        linked.TryAdd(value, link);
        return value;
    }

    /// <summary>
    /// Checks an import of the root component that a link satisfies: every function the import declares (the import
    /// itself, or the functions of an imported instance, nested instances too) must have exactly the type of the
    /// exported function (the specification's subtyping for functions: equal value types, with resource types by
    /// identity). Runs while the imports are bound, before any guest code that could call them.
    /// </summary>
    private void CheckLinks(Frame frame, ImportItem import, object? value)
    {
        switch (import.Type)
        {
            case FunctionExternType function when value is LiftedFunction lifted:
                CheckFunction(frame, import.Name.Name, null, Types(frame).Function(frame.Definition.ResolveType(function.TypeIndex)), lifted, _linked.GetValueOrDefault(lifted));
                break;
            case InstanceExternType instanceType when value is RuntimeInstance instance:
                CheckInstance(frame, import.Name.Name, frame.Definition.ResolveType(instanceType.TypeIndex), instance, _linked.GetValueOrDefault(instance));
                break;
        }
    }

    private void CheckInstance(Frame frame, string importName, ResolvedType type, RuntimeInstance instance, LinkedExport? link)
    {
        if (type.Definition is not InstanceType instanceType)
        {
            return;
        }

        var scope = type.Scope.Enter(instanceType);
        foreach (var declaration in instanceType.Declarations.OfType<ExportDeclaration>())
        {
            var name = declaration.Name.Name;
            var provided = instance.GetValueOrDefault(name);
            switch (declaration.Type)
            {
                case FunctionExternType function:
                    if (provided is LiftedFunction lifted)
                    {
                        CheckFunction(frame, importName, name, Types(frame).Function(scope.ResolveType(function.TypeIndex)), lifted, _linked.GetValueOrDefault(lifted) ?? link);
                    }
                    else if (provided is null && link is not null)
                    {
                        throw new ComponentLinkException(
                            $"cannot link the import '{importName}' of {frame.State.Description}: the {link.Describe()} has no function '{name}'");
                    }

                    break;
                case InstanceExternType nested when provided is RuntimeInstance inner:
                    CheckInstance(frame, importName + "#" + name, scope.ResolveType(nested.TypeIndex), inner, _linked.GetValueOrDefault(inner) ?? link);
                    break;
            }
        }
    }

    private static void CheckFunction(Frame frame, string importName, string? function, AbiFunctionType declared, LiftedFunction export, LinkedExport? link)
    {
        if (LinkTypeCheck.FirstDifference(declared, export.Type) is not { } difference)
        {
            return;
        }

        var what = function is null ? $"the import '{importName}'" : $"the function '{function}' of the import '{importName}'";
        var exporter = link is null ? $"'{export.Name}'" : function is null || link.FunctionName is not null ? $"the {link.Describe()}" : $"the function '{function}' of the {link.Describe()}";
        throw new ComponentLinkException(
            $"cannot link {what} of {frame.State.Description} to {exporter}: {difference} (the import declares {declared}, the export has {export.Type})");
    }
}
