using WitBindgen.Runtime.Linking;

namespace WitBindgen.Runtime;

public sealed partial class HostImports
{
    /// <summary>
    /// Satisfies the import <paramref name="importName"/> with an export of another live component instance: a whole
    /// interface (an exported instance), a function, or a resource type. The import's declared type is checked against
    /// the export's type when the importing component is instantiated, before any of its code runs (a mismatch is a
    /// <see cref="ComponentLinkException"/> naming both sides and the first differing type). Calls then go from the
    /// importer's core values and linear memory straight into the exporter's, without dynamic values.
    /// </summary>
    /// <param name="importName">The import to satisfy (an interface name such as <c>ns:pkg/iface@1.0.0</c>, or a function name).</param>
    /// <param name="source">The instance whose export satisfies it; it must outlive the importing instance's calls.</param>
    /// <param name="exportName">The export of <paramref name="source"/>; null for the same name as the import (interface names match by semver compatibility).</param>
    public HostImports Link(string importName, ComponentInstance source, string? exportName = null)
    {
        ArgumentNullException.ThrowIfNull(importName);
        ArgumentNullException.ThrowIfNull(source);
        _items[importName] = new LinkedExport(source, exportName ?? importName, null);
        return this;
    }

    /// <summary>
    /// Links every top-level export of <paramref name="source"/> under its own name: each import of the component
    /// instantiated with these imports that <paramref name="source"/> exports under the same name (or a
    /// semver-compatible one) is satisfied by that export, as <see cref="Link"/> does. Exports nobody imports are ignored.
    /// </summary>
    /// <param name="source">The instance whose exports satisfy the imports.</param>
    public HostImports LinkExports(ComponentInstance source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var name in source.ExportNames)
        {
            _items[name] = new LinkedExport(source, name, null);
        }

        return this;
    }
}

public sealed partial class HostInstance
{
    /// <summary>
    /// Satisfies one function of this imported instance with a function of another live component instance, so an
    /// interface can be implemented partly by the host and partly by another component. Type-checked at
    /// instantiation like <see cref="HostImports.Link"/>.
    /// </summary>
    /// <param name="name">The function's name in this instance.</param>
    /// <param name="source">The instance that exports the function.</param>
    /// <param name="exportInstance">The exported instance (interface) of <paramref name="source"/> that holds the function, or null for a top-level function.</param>
    /// <param name="exportFunction">The function's name there; null for <paramref name="name"/>.</param>
    public HostInstance Link(string name, ComponentInstance source, string? exportInstance, string? exportFunction = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        Set(name, exportInstance is null
            ? new LinkedExport(source, exportFunction ?? name, null)
            : new LinkedExport(source, exportInstance, exportFunction ?? name));
        return this;
    }
}
