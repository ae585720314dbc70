namespace WitBindgen.Runtime;

/// <summary>Converts WebAssembly text (core modules or components) to binary.</summary>
public static class WatText
{
    /// <summary>
    /// Converts module or component text to its binary encoding, using the text parser bundled in
    /// Wasmtime's native library.
    /// </summary>
    public static byte[] ToBinary(string text) => Wasmtime.Module.ConvertText(text);
}
