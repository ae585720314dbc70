namespace WitBindgen.Runtime.Binary;

/// <summary>A custom section (id 0), kept unparsed.</summary>
/// <param name="Name">The section name.</param>
/// <param name="Data">The section payload after the name, a slice of the component's bytes.</param>
/// <param name="Offset">Byte offset of the section id.</param>
internal sealed record CustomSection(string Name, ReadOnlyMemory<byte> Data, int Offset);
