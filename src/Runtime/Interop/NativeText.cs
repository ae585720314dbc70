namespace WitBindgen.Runtime.Interop;

/// <summary>Text that comes from Wasmtime's C API, made fit for exception messages.</summary>
internal static class NativeText
{
    /// <summary>
    /// Drops the NUL terminators the C API leaves at the end of some messages (<c>wasm_trap_message</c> returns a C
    /// string with its terminator counted in the length; Wasmtime .NET's trap messages keep it).
    /// </summary>
    public static string Clean(string text) => text.TrimEnd('\0');
}
