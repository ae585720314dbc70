namespace WitBindgen.Generator.Specs;

/// <summary>
/// One <c>.wit</c> AdditionalFile with the item metadata the generator reads. Holds only strings,
/// so the pipeline step that produces it is cached while the file and its metadata are unchanged.
/// </summary>
/// <param name="Path">The file path as the compiler sees it.</param>
/// <param name="Text">The file text.</param>
/// <param name="Root">The package directory the file belongs to (a <c>Wit</c> directory item), or null for a single file.</param>
/// <param name="World">The <c>WitWorld</c> metadata: the world to generate.</param>
/// <param name="Namespace">The <c>WitNamespace</c> metadata: the C# namespace of the main package.</param>
/// <param name="Features">The <c>WitFeatures</c> metadata: comma or semicolon separated feature names, <c>*</c> for all.</param>
/// <param name="Mode">The <c>WitMode</c> metadata: <c>Host</c> (the default) or <c>Guest</c>.</param>
/// <param name="With">The <c>WitWith</c> metadata: where interfaces' types come from (see <see cref="WithMap"/>).</param>
/// <param name="StringEncoding">The <c>WitStringEncoding</c> metadata: <c>utf8</c> (the default) or <c>utf16</c>, for guest bindings.</param>
/// <param name="Project">The <c>WitProject</c> metadata: the project file that defines the item, to place diagnostics about its metadata.</param>
internal sealed record WitInputFile(string Path, string Text, string? Root, string? World, string? Namespace, string? Features, string? Mode = null, string? With = null, string? Project = null, string? StringEncoding = null);
