namespace WitBindgen.Generator.Specs;

/// <summary>
/// A WIT interface whose C# types a referenced assembly already holds (read from its
/// <c>[assembly: WitInterfaceBindings(...)]</c> attributes): the generator refers to them instead of generating copies.
/// </summary>
/// <param name="Name">The interface with its package and version (<c>wasi:io/streams@0.2.12</c>).</param>
/// <param name="Namespace">The C# namespace of its types.</param>
/// <param name="Imported">True when its resources are host-implemented classes (the assembly imports the interface).</param>
/// <param name="Types">Each nominal WIT type as <c>wit-name=CSharpName</c>.</param>
/// <param name="Assembly">The assembly's name, for messages.</param>
internal sealed record ProvidedInterface(string Name, string Namespace, bool Imported, EquatableArray<string> Types, string Assembly);
