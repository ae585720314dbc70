using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The canonical ABI types of one component definition that are the same in every instantiation: those without
/// handles (or stream and future ends), whose conversion depends only on the binary. Types with handles name the
/// resource types of one instantiation and are converted per instantiation (<see cref="TypeConverter"/>).
/// Instantiations share these objects, so a live instance holds no copy of them.
/// </summary>
internal sealed class SharedAbiTypes
{
    private static readonly ConditionalWeakTable<ComponentDefinition, SharedAbiTypes> PerDefinition = new();

    private readonly ConcurrentDictionary<ResolvedType, AbiType> _values = new();
    private readonly ConcurrentDictionary<ResolvedType, AbiFunctionType> _functions = new();

    /// <summary>The shared types of <paramref name="definition"/> (its nested components have their own).</summary>
    public static SharedAbiTypes For(ComponentDefinition definition) => PerDefinition.GetValue(definition, static _ => new SharedAbiTypes());

    /// <summary>How many types are shared (values and functions), for tests.</summary>
    public int Count => _values.Count + _functions.Count;

    public bool TryGetValue(ResolvedType type, out AbiType value) => _values.TryGetValue(type, out value!);

    public bool TryGetFunction(ResolvedType type, out AbiFunctionType function) => _functions.TryGetValue(type, out function!);

    /// <summary>Keeps <paramref name="value"/> for every instantiation when it has no handles; returns the one kept.</summary>
    public AbiType Share(ResolvedType type, AbiType value) =>
        AbiTypes.ContainsHandles(value) ? value : _values.GetOrAdd(type, value);

    /// <summary>Keeps <paramref name="function"/> for every instantiation when no parameter or result has handles; returns the one kept.</summary>
    public AbiFunctionType Share(ResolvedType type, AbiFunctionType function) =>
        function.Parameters.Any(AbiTypes.ContainsHandles) || function.Results.Any(AbiTypes.ContainsHandles)
            ? function
            : _functions.GetOrAdd(type, function);
}
