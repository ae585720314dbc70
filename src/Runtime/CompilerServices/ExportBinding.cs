using System.ComponentModel;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// Binds a component instance's exports to generated bindings, checking each function's type against the one the
/// bindings were generated for. For generated code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExportBinding
{
    /// <summary>
    /// Finds an exported function and checks that its type is <paramref name="expected"/> (kinds, counts and element
    /// types, not just the core signature).
    /// </summary>
    /// <param name="instance">The component instance.</param>
    /// <param name="exportedInstance">The exported instance (interface) name, or null for a top-level function.</param>
    /// <param name="name">The function name.</param>
    /// <param name="expected">The function type the bindings were generated for.</param>
    /// <returns>The function, ready for calls.</returns>
    /// <exception cref="ComponentLinkException">The function is missing or its type differs.</exception>
    public static ExportFunction BindFunction(this ComponentInstance instance, string? exportedInstance, string name, AbiFunctionType expected)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new ExportFunction(instance.BindLiftedFunction(exportedInstance, name, expected), exportedInstance, name);
    }

    /// <summary>
    /// Checks, when the bindings bind an instance, that the component exports the function with the type
    /// <paramref name="expected"/>, without making its <see cref="ExportFunction"/>: the bindings make that on the
    /// function's first call (<see cref="BindOnFirstCall"/>), so an instance keeps none for the exports it never calls.
    /// </summary>
    /// <param name="instance">The component instance.</param>
    /// <param name="exportedInstance">The exported instance (interface) name, or null for a top-level function.</param>
    /// <param name="name">The function name.</param>
    /// <param name="expected">The function type the bindings were generated for.</param>
    /// <exception cref="ComponentLinkException">The function is missing or its type differs.</exception>
    public static void CheckFunction(this ComponentInstance instance, string? exportedInstance, string name, AbiFunctionType expected)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.BindLiftedFunction(exportedInstance, name, expected);
    }

    /// <summary>
    /// Makes the function that <see cref="CheckFunction"/> checked, on its first call, and stores it in
    /// <paramref name="field"/>. Two threads may race to the first call: the function stored first is the one both
    /// get (a call's claim on the instance names it).
    /// </summary>
    /// <param name="field">The bindings' field for the function (null until the first call).</param>
    /// <param name="instance">The component instance.</param>
    /// <param name="exportedInstance">The exported instance (interface) name, or null for a top-level function.</param>
    /// <param name="name">The function name.</param>
    /// <returns>The function, ready for calls.</returns>
    /// <exception cref="ComponentLinkException">The function is missing (not checked with <see cref="CheckFunction"/>).</exception>
    public static ExportFunction BindOnFirstCall(ref ExportFunction? field, ComponentInstance instance, string? exportedInstance, string name)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var made = new ExportFunction(instance.FindLiftedFunction(exportedInstance, name), exportedInstance, name);
        return Interlocked.CompareExchange(ref field, made, null) ?? made;
    }

    /// <summary>
    /// Finds an exported function lifted with the <c>async</c> option and checks that its type is <paramref name="expected"/>.
    /// </summary>
    /// <param name="instance">The component instance.</param>
    /// <param name="exportedInstance">The exported instance (interface) name, or null for a top-level function.</param>
    /// <param name="name">The function name.</param>
    /// <param name="expected">The function type the bindings were generated for.</param>
    /// <returns>The function, ready for raw async calls.</returns>
    /// <exception cref="ComponentLinkException">The function is missing, not async-lifted, or its type differs.</exception>
    public static RawAsyncComponentFunction BindAsyncFunction(this ComponentInstance instance, string? exportedInstance, string name, AbiFunctionType expected)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(expected);
        var qualified = exportedInstance is null ? name : exportedInstance + "#" + name;
        var function = instance.GetRawAsyncFunction(qualified)
            ?? throw new ComponentLinkException($"the component does not export the function '{name}'{(exportedInstance is null ? string.Empty : $" of the exported instance '{exportedInstance}'")} lifted with the async option");
        if (AbiTypeMatch.FirstDifference(expected, function.Type) is { } difference)
        {
            throw new ComponentLinkException($"the exported function '{qualified}' has type {function.Type}, but the bindings were generated for {expected}: {difference}");
        }

        return function;
    }

    /// <summary>Finds a resource type exported by an exported instance.</summary>
    /// <param name="instance">The component instance.</param>
    /// <param name="exportedInstance">The exported instance (interface) name.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The resource type.</returns>
    /// <exception cref="ComponentLinkException">The resource type is missing.</exception>
    public static ResourceType BindResourceType(this ComponentInstance instance, string exportedInstance, string name)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.BindResourceType(exportedInstance, name);
    }
}
