namespace WitBindgen.Runtime.Binary;

/// <summary>Reads component binaries into <see cref="ComponentDefinition"/>s.</summary>
internal static class ComponentReader
{
    /// <summary>
    /// Reads a component binary. Core modules are kept as slices of <paramref name="bytes"/>, which must
    /// therefore not change while the result is in use.
    /// </summary>
    /// <param name="bytes">The component binary, starting with the component preamble.</param>
    /// <returns>The component's definitions in source order, with its index spaces.</returns>
    /// <exception cref="ComponentFormatException">The binary is malformed; the exception tells where.</exception>
    public static ComponentDefinition Read(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WasmReader(bytes, 0, bytes.Length, "component");
        return ComponentParser.ReadComponent(reader, depth: 0);
    }

    /// <summary>Whether <paramref name="bytes"/> starts with the preamble of a component (not a core module).</summary>
    /// <param name="bytes">The start of a binary.</param>
    public static bool IsComponent(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && bytes[..8].SequenceEqual(ComponentParser.Preamble);
}
