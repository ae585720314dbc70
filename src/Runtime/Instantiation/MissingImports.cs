namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// The message of the link error for imports nobody provides: it names them, and when they are WASI interfaces it
/// says where WASI comes from (the <c>WitBindgen.Wasi</c> host), since a component made by a real toolchain imports
/// WASI through its adapter whatever its world says.
/// </summary>
internal static class MissingImports
{
    /// <summary>The WASI packages the <c>WitBindgen.Wasi</c> host implements (<c>wasi:cli/imports</c>).</summary>
    private static readonly string[] HostedPackages = { "wasi:cli/", "wasi:io/", "wasi:clocks/", "wasi:random/", "wasi:filesystem/", "wasi:sockets/" };

    /// <summary>The message for <paramref name="missing"/> imports of a component instantiated with <paramref name="provided"/>.</summary>
    /// <param name="missing">The import names nothing provides.</param>
    /// <param name="provided">The names the host did provide.</param>
    /// <param name="world">The WIT world the bindings were generated for, if any.</param>
    /// <returns>The message.</returns>
    public static string Describe(IReadOnlyList<string> missing, IEnumerable<string> provided, string? world)
    {
        var subject = world is null ? "the component's imports are not all provided" : $"the component's imports are not all provided (world '{world}')";
        var message = subject + "; missing: " + string.Join(", ", missing);
        var wasi = missing.Where(IsHostedWasi).ToList();
        if (wasi.Count == 0)
        {
            return message;
        }

        if (!provided.Any(IsHostedWasi))
        {
            return message + ". These are WASI interfaces: reference the WitBindgen.Wasi package and pass a WASI host as a provider, "
                + "for example `new WitBindgen.Wasi.WasiConfiguration().InheritStdio().Build()` (the WASI host grants nothing it is not configured with)";
        }

        return message + ". WASI is provided, but not these interfaces or versions: WitBindgen.Wasi implements wasi:cli/imports 0.2.x "
            + "(an import of any 0.2 version matches it)";
    }

    private static bool IsHostedWasi(string name) => HostedPackages.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
