using System.ComponentModel;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// Host resources shared between generated worlds: the bindings that implement an interface define its resources
/// with their representation table, and a world whose functions pass those resources (bindings generated in another
/// assembly, or by another world) finds the same type and table among its providers, so a handle maps to the same
/// C# object on both sides. For generated code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProvidedResources
{
    /// <summary>
    /// Finds the host resource <paramref name="resource"/> of the instance <paramref name="instance"/> (matched by
    /// semver like any import) and the table of its C# objects (for generated bindings).
    /// </summary>
    /// <typeparam name="T">The resource's C# class.</typeparam>
    /// <param name="instance">The interface's instance name (<c>wasi:io/streams@0.2.12</c>).</param>
    /// <param name="resource">The resource's name in the interface.</param>
    /// <param name="type">The resource's runtime type.</param>
    /// <returns>The table that maps the resource's representations to objects of <typeparamref name="T"/>.</returns>
    /// <exception cref="ComponentLinkException">No provider defines the resource with a table of <typeparamref name="T"/>.</exception>
    /// <param name="providers">The providers the world is instantiated with.</param>
    public static HostResourceTable<T> FindResourceTable<T>(this HostImports providers, string instance, string resource, out ResourceType type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(resource);
        if (providers.Find(instance) is not HostInstance host)
        {
            throw new ComponentLinkException(
                $"the bindings pass the resource '{resource}' of the interface '{instance}', which no provider defines: pass the host that implements '{instance}' (for WASI interfaces, the WASI host: WasiConfiguration.Build()) as a provider");
        }

        if (!host.Exports.TryGetValue(resource, out var item) || item is not ResourceType found)
        {
            throw new ComponentLinkException(
                $"the provider of the interface '{host.Name}' does not define its resource '{resource}', which the bindings pass");
        }

        if (!host.Tables.TryGetValue(resource, out var table) || table is not HostResourceTable<T> typed)
        {
            throw new ComponentLinkException(
                $"the provider of the interface '{host.Name}' defines its resource '{resource}' without a table of {typeof(T).FullName} objects, so the bindings cannot pass it (define it with ProvidedResources.DefineTableResource over the same C# class)");
        }

        type = found;
        return typed;
    }

    /// <summary>
    /// Defines a resource type implemented by the host whose representations index <paramref name="table"/> (for
    /// generated bindings): other bindings that pass the resource find the table through
    /// <see cref="FindResourceTable{T}"/>.
    /// </summary>
    /// <typeparam name="T">The resource's C# class.</typeparam>
    /// <param name="name">The resource's name in the interface.</param>
    /// <param name="table">The table of the resource's objects.</param>
    /// <param name="destructor">Called with the representation when the guest drops its last owning handle.</param>
    /// <returns>The resource's runtime type.</returns>
    /// <param name="instance">The imported instance the bindings define.</param>
    public static ResourceType DefineTableResource<T>(this HostInstance instance, string name, HostResourceTable<T> table, Action<int>? destructor)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(table);
        return Define(instance, name, new ResourceType(name, null, destructor), table);
    }

    /// <summary>
    /// Defines a resource type implemented by the host whose representations index <paramref name="table"/>, and
    /// whose destructor removes the object from the table and disposes it (for generated bindings): the table is the
    /// destructor, so an instance keeps no delegate per resource. Other bindings that pass the resource find the
    /// table through <see cref="FindResourceTable{T}"/>.
    /// </summary>
    /// <typeparam name="T">The resource's C# class.</typeparam>
    /// <param name="instance">The imported instance the bindings define.</param>
    /// <param name="name">The resource's name in the interface.</param>
    /// <param name="table">The table of the resource's objects.</param>
    /// <returns>The resource's runtime type.</returns>
    public static ResourceType DefineTableResource<T>(this HostInstance instance, string name, HostResourceTable<T> table)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(table);
        return Define(instance, name, new ResourceType(name, table), table);
    }

    /// <summary>Defines <paramref name="type"/> in <paramref name="instance"/> with the table other bindings find it by.</summary>
    private static ResourceType Define(HostInstance instance, string name, ResourceType type, object table)
    {
        instance.Set(name, type);
        instance.Tables[name] = table;
        return type;
    }

    /// <summary>
    /// Defines a top-level <c>(type (sub resource))</c> import implemented by the host whose representations index
    /// <paramref name="table"/>, and whose destructor removes the object from the table and disposes it (for
    /// generated bindings of a world's own resources).
    /// </summary>
    /// <typeparam name="T">The resource's C# class.</typeparam>
    /// <param name="imports">The import definitions the bindings fill.</param>
    /// <param name="name">The import name.</param>
    /// <param name="table">The table of the resource's objects.</param>
    /// <returns>The resource's runtime type.</returns>
    public static ResourceType DefineTableResource<T>(this HostImports imports, string name, HostResourceTable<T> table)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(table);
        return imports.Define(name, new ResourceType(name, table));
    }
}
