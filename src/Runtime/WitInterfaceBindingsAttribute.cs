using System.ComponentModel;

namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// Names the C# types generated in this assembly for one WIT interface (emitted by the generator, one per interface
/// it generates with host bindings): a project that references this assembly reuses these types instead of
/// generating its own copies.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WitInterfaceBindingsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="interfaceName">The interface's name with its package and version (<c>wasi:io/streams@0.2.12</c>).</param>
    /// <param name="namespace">The C# namespace of its types.</param>
    /// <param name="imported">
    /// True when its resources are generated as classes the host implements (the interface was imported); false when
    /// as handles to resources a component implements (it was exported).
    /// </param>
    /// <param name="types">Each nominal WIT type as <c>wit-name=CSharpName</c> (records, variants, enums, flags, resources).</param>
    public WitInterfaceBindingsAttribute(string interfaceName, string @namespace, bool imported, params string[] types)
    {
        InterfaceName = interfaceName;
        Namespace = @namespace;
        Imported = imported;
        Types = types;
    }

    /// <summary>The interface's name with its package and version.</summary>
    public string InterfaceName { get; }

    /// <summary>The C# namespace of its types.</summary>
    public string Namespace { get; }

    /// <summary>True when its resources are host-implemented classes.</summary>
    public bool Imported { get; }

    /// <summary>Each nominal WIT type as <c>wit-name=CSharpName</c>.</summary>
    public IReadOnlyList<string> Types { get; }
}
