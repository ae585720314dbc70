using WitBindgen.Runtime;
using WitBindgen.Wasi.Cli;
using WitBindgen.Wasi.Filesystem;
using WitBindgen.Wasi.RandomSources;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// The WASI 0.3 host: definitions of every interface of <c>wasi:cli/imports@0.3.0</c> (<c>wit-0.3/</c>) on the
/// runtime's dynamic API, beside the 0.2 ones in the same <see cref="HostImports"/> and over the same instance state
/// (<see cref="WasiContext"/>: capabilities, limits, output sinks), so a component may import both versions.
/// </summary>
internal static class WasiP3
{
    /// <summary>Adds the 0.3 interfaces to <paramref name="imports"/>, over the 0.2 implementations of the same instance state.</summary>
    public static HostImports Define(HostImports imports, WasiContext context)
    {
        var resources = new P3Resources();
        P3Cli.Define(imports, context, new CliImplementation(context), resources);
        P3Clocks.Define(imports, context);
        P3Random.Define(imports, context, new RandomImplementation(context));
        P3Filesystem.Define(imports, context, new FilesystemImplementation(context), resources);
        P3Sockets.Define(imports, context, resources);
        return imports;
    }
}
