namespace WitBindgen.Generator.Specs;

/// <summary>
/// One generated source and everything its text is rendered from: exactly one of <paramref name="Types"/>,
/// <paramref name="Interface"/>, <paramref name="Resource"/>, <paramref name="World"/>, <paramref name="Provides"/> or <paramref name="Failure"/> is set. The pipeline
/// hands each to the emitter as its own item, so Roslyn renders again only the sources whose spec changed.
/// Specs hold no source locations (diagnostics carry those), so an edit that only moves text leaves them equal.
/// </summary>
/// <param name="HintName">The generated file name (unique among the outputs).</param>
/// <param name="Types">The types of one interface or world.</param>
/// <param name="Interface">A host interface to implement (an import with functions or resources).</param>
/// <param name="Resource">A resource class.</param>
/// <param name="World">The host bindings' world class and ABI class.</param>
/// <param name="Provides">The assembly attribute through which other projects reuse an interface's types.</param>
/// <param name="Guest">A world's guest bindings.</param>
/// <param name="GuestSupport">The guest bindings' shared support types (<c>WitBindgen.Guest</c>), written once.</param>
/// <param name="Failure">Instead of a source: why the outputs could not be planned (a generator bug, reported as WIT9999).</param>
internal sealed record OutputSpec(
    string HintName,
    SourceFileSpec? Types = null,
    InterfaceFileSpec? Interface = null,
    ResourceFileSpec? Resource = null,
    WorldBindingsSpec? World = null,
    string? Failure = null,
    InterfaceAttributeSpec? Provides = null,
    GuestWorldSpec? Guest = null,
    bool GuestSupport = false);

/// <summary>The host interface file of one imported interface.</summary>
/// <param name="WorldName">The WIT world's name for the world's own function imports (their documentation names it); null for an interface.</param>
/// <param name="Interface">The interface.</param>
internal sealed record InterfaceFileSpec(string? WorldName, InterfaceBindingSpec Interface);

/// <summary>The class file of one resource.</summary>
/// <param name="WorldNamespace">The world's C# namespace (where the ABI class is); null for a resource the host implements.</param>
/// <param name="AbiClass">The world's ABI class; null for a resource the host implements.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Calls">
/// For a resource the component implements, the ABI class method each of its methods calls, in the order of its
/// methods (empty for a resource the host implements). A new export before the resource renumbers them.
/// </param>
internal sealed record ResourceFileSpec(string? WorldNamespace, string? AbiClass, ResourceBindingSpec Resource, EquatableArray<string> Calls);
