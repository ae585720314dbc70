using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The names the runtime gives a component's items (in messages and traps), made once per loaded component instead of
/// once per instantiation: every live instance shares them.
/// </summary>
internal static class ItemNames
{
    private static readonly ConditionalWeakTable<CanonLiftItem, string> Lifts = new();
    private static readonly ConditionalWeakTable<TypeItem, string> RootResources = new();

    /// <summary>The name of a lifted function: its index in <paramref name="definition"/>'s function space.</summary>
    public static string Lift(ComponentDefinition definition, CanonLiftItem lift) =>
        Lifts.TryGetValue(lift, out var name) ? name : NameLift(definition, lift);

    // Apart from Lift: the lambda's closure would otherwise be allocated on every lookup.
    private static string NameLift(ComponentDefinition definition, CanonLiftItem lift)
    {
        var name = definition.IndexSpaces.Functions.FirstOrDefault(e => ReferenceEquals(e.Source, lift))?.Describe() ?? "lifted function";
        Lifts.TryAdd(lift, name);
        return name;
    }

    /// <summary>The name of a resource type a definition defines, within the instance <paramref name="state"/>.</summary>
    public static string Resource(ComponentDefinition definition, TypeItem item, State.InstanceState state)
    {
        if (state.Parent is null && RootResources.TryGetValue(item, out var known))
        {
            return known;
        }

        var name = $"{state.Name}/resource {definition.IndexSpaces.Types.FirstOrDefault(e => ReferenceEquals(e.Source, item))?.Index}";
        if (state.Parent is null)
        {
            RootResources.TryAdd(item, name);
        }

        return name;
    }
}
