using System.ComponentModel;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// The instantiation steps every generated world takes: collect the providers, let the bindings define the world's
/// imports, instantiate, let the bindings bind the exports, and dispose the instance when binding fails. For
/// generated code; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorldInstantiation
{
    /// <summary>Instantiates <paramref name="component"/> for the world <paramref name="world"/>.</summary>
    /// <param name="component">The loaded component.</param>
    /// <param name="providers">The user's providers (a WASI host, linked components), added first.</param>
    /// <param name="world">The world's name, for messages.</param>
    /// <param name="limits">What the instance may use; null for none.</param>
    /// <param name="defineImports">Defines the world's own imports (they win over the providers'), or null.</param>
    /// <param name="bindExports">Binds the instance's exports, checking their types.</param>
    /// <returns>The instance, its exports bound.</returns>
    /// <exception cref="ComponentLinkException">An import is not satisfied or an export is missing or has another type.</exception>
    public static ComponentInstance Instantiate(
        LoadedComponent component,
        HostImports[] providers,
        string world,
        ComponentLimits? limits,
        Action<HostImports>? defineImports,
        Action<ComponentInstance> bindExports)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(bindExports);
        var host = new HostImports();
        foreach (var provider in providers)
        {
            host.Add(provider);
        }

        defineImports?.Invoke(host);
        var instance = component.Instantiate(host, world, limits);
        try
        {
            bindExports(instance);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>Loads (validates and compiles, or takes from the cache) a component binary.</summary>
    /// <param name="runtime">The runtime.</param>
    /// <param name="component">The component binary.</param>
    /// <returns>The loaded component.</returns>
    public static LoadedComponent Load(ComponentRuntime runtime, ReadOnlyMemory<byte> component)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.Load(component);
    }

    /// <summary>Loads a component file.</summary>
    /// <param name="runtime">The runtime.</param>
    /// <param name="path">The path of the <c>.wasm</c> component.</param>
    /// <returns>The loaded component.</returns>
    public static LoadedComponent LoadFile(ComponentRuntime runtime, string path)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.LoadFile(path);
    }

    /// <summary>The limits of the runtime that loaded <paramref name="component"/> (its options' <c>Limits</c>).</summary>
    /// <param name="component">The loaded component.</param>
    /// <returns>The runtime's limits, or null.</returns>
    public static ComponentLimits? RuntimeLimits(LoadedComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Runtime.Limits;
    }
}
