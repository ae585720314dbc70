namespace WitBindgen.Generator.Specs;

/// <summary>A member of a generated type: a record field, an enum or variant case, a flag.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="WitName">The WIT name.</param>
/// <param name="Type">The C# type (field type or case payload), or null when there is none.</param>
/// <param name="Docs">The WIT documentation, if any.</param>
internal sealed record MemberSpec(string Name, string WitName, string? Type, string? Docs);

/// <summary>A C# type generated for a WIT type definition.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="WitName">The WIT name.</param>
/// <param name="Docs">The WIT documentation, if any.</param>
internal abstract record TypeSpec(string Name, string WitName, string? Docs);

/// <summary>A WIT record: a readonly record struct.</summary>
internal sealed record RecordSpec(string Name, string WitName, string? Docs, EquatableArray<MemberSpec> Fields) : TypeSpec(Name, WitName, Docs);

/// <summary>A WIT enum: a C# enum over <paramref name="Underlying"/>.</summary>
internal sealed record EnumSpec(string Name, string WitName, string? Docs, string Underlying, EquatableArray<MemberSpec> Cases) : TypeSpec(Name, WitName, Docs);

/// <summary>WIT flags of at most 64 flags: a <c>[Flags]</c> enum over <paramref name="Underlying"/>.</summary>
internal sealed record FlagsSpec(string Name, string WitName, string? Docs, string Underlying, EquatableArray<MemberSpec> Flags) : TypeSpec(Name, WitName, Docs);

/// <summary>WIT flags of more than 64 flags: a record struct of ulong words with bool properties.</summary>
internal sealed record WideFlagsSpec(string Name, string WitName, string? Docs, EquatableArray<string> Words, EquatableArray<MemberSpec> Flags) : TypeSpec(Name, WitName, Docs);

/// <summary>A WIT variant: an abstract record with a nested sealed record per case.</summary>
internal sealed record VariantSpec(string Name, string WitName, string? Docs, EquatableArray<MemberSpec> Cases) : TypeSpec(Name, WitName, Docs);

/// <summary>A WIT resource: a placeholder class, unless the host bindings generate its class (<paramref name="Bound"/>).</summary>
internal sealed record ResourceSpec(string Name, string WitName, string? Docs, bool Bound = false) : TypeSpec(Name, WitName, Docs);

/// <summary>One generated file: the types of one interface or world.</summary>
/// <param name="HintName">The generated file name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="Origin">What the file was generated from (<c>interface wasi:http/types@0.2.12</c>).</param>
/// <param name="Types">The types in WIT order.</param>
internal sealed record SourceFileSpec(string HintName, string Namespace, string Origin, EquatableArray<TypeSpec> Types);

/// <summary>
/// The <c>[assembly: WitInterfaceBindings(...)]</c> attribute of one interface generated here, through which a
/// project that references this assembly reuses its types.
/// </summary>
/// <param name="Name">The interface with its package and version.</param>
/// <param name="Namespace">The C# namespace of its types.</param>
/// <param name="Imported">True when its resource classes are host-implemented (the world imports it).</param>
/// <param name="Types">Each nominal WIT type as <c>wit-name=CSharpName</c>.</param>
internal sealed record InterfaceAttributeSpec(string Name, string Namespace, bool Imported, EquatableArray<string> Types);

/// <summary>Everything generated for one <see cref="WitUnit"/>.</summary>
/// <param name="Files">The generated files.</param>
/// <param name="Diagnostics">The diagnostics to report.</param>
/// <param name="Bindings">The host bindings of the selected worlds, when the project references the runtime.</param>
/// <param name="Provides">The interfaces generated here that other assemblies can reuse (with host bindings only).</param>
/// <param name="Guest">The guest bindings of the selected worlds (<c>Mode="Guest"</c>).</param>
internal sealed record GenerationSpec(
    EquatableArray<SourceFileSpec> Files,
    EquatableArray<DiagnosticSpec> Diagnostics,
    EquatableArray<WorldBindingsSpec> Bindings = default,
    EquatableArray<InterfaceAttributeSpec> Provides = default,
    EquatableArray<GuestWorldSpec> Guest = default)
{
    /// <summary>The specs of several worlds of one load as one (files written once each at emission).</summary>
    public static GenerationSpec Combine(IReadOnlyList<GenerationSpec> specs) => new(
        specs.SelectMany(s => s.Files).ToEquatableArray(),
        specs.SelectMany(s => s.Diagnostics).Distinct().ToEquatableArray(),
        specs.SelectMany(s => s.Bindings).ToEquatableArray(),
        specs.SelectMany(s => s.Provides).ToEquatableArray(),
        specs.SelectMany(s => s.Guest).ToEquatableArray());

    /// <summary>A spec that generates nothing and reports <paramref name="diagnostic"/>.</summary>
    public static GenerationSpec Failed(DiagnosticSpec diagnostic) =>
        new(EquatableArray<SourceFileSpec>.Empty, new[] { diagnostic }.ToEquatableArray());
}
