using System.Collections.Immutable;

namespace WitBindgen.Composition;

/// <summary>A package a composition instantiates: its name, the component file it was found in, and that component's imports and exports.</summary>
public sealed class ComposedPackage
{
    internal ComposedPackage(string name, string? version, string componentPath, ImmutableArray<PackageItem> imports, ImmutableArray<PackageItem> exports)
    {
        Name = name;
        Version = version;
        ComponentPath = componentPath;
        Imports = imports;
        Exports = exports;
    }

    /// <summary>The package name without its version, e.g. <c>example:greeter</c>.</summary>
    public string Name { get; }

    /// <summary>The version the composition asked for, if any (e.g. <c>1.0.0</c>).</summary>
    public string? Version { get; }

    /// <summary>The full path of the component binary (see <see cref="PackageDirectory"/> for how it is found).</summary>
    public string ComponentPath { get; }

    /// <summary>The component's imports, in the binary's order.</summary>
    public ImmutableArray<PackageItem> Imports { get; }

    /// <summary>The component's exports, in the binary's order.</summary>
    public ImmutableArray<PackageItem> Exports { get; }

    /// <summary>The name as written in a composition, <c>ns:name</c> or <c>ns:name@version</c>.</summary>
    public string Reference => Version is null ? Name : $"{Name}@{Version}";

    /// <inheritdoc />
    public override string ToString() => Reference;
}
