using WitBindgen.Runtime;
using WitBindgen.Wasi.Bindings.Bindings;
using WitBindgen.Wasi.Cli;
using WitBindgen.Wasi.Clocks;
using WitBindgen.Wasi.Filesystem;
using WitBindgen.Wasi.Io;
using WitBindgen.Wasi.RandomSources;
using WitBindgen.Wasi.Sockets;

namespace WitBindgen.Wasi;

/// <summary>
/// Implementations of every interface of <c>wasi:cli/imports@0.2.12</c> and of <c>wasi:cli/imports@0.3.0</c> for
/// the capabilities of a <see cref="WasiConfiguration"/>. The runtime matches imports by semver, so components
/// importing any 0.2.x version of the 0.2 interfaces (0.2.0 and later) link to them; a component may import both
/// versions (they share the instance's state: limits and output).
/// </summary>
/// <remarks>
/// Preopened directories are identified when the host is made; a directory replaced at its host path later is
/// refused to new instances. Each <see cref="ToHostImports"/> call makes the state of one instance: its own
/// <see cref="WasiLimits"/> counts, stdout and stderr buffers and metadata-hash secret.
/// </remarks>
public sealed class WasiHost
{
    private readonly WasiSettings _settings;

    /// <summary>Creates the host from a snapshot of <paramref name="configuration"/> (later changes to it are not seen).</summary>
    /// <param name="configuration">The capabilities to grant.</param>
    /// <exception cref="PlatformNotSupportedException">Directories are preopened on a platform other than Linux on x64 or arm64.</exception>
    /// <exception cref="DirectoryNotFoundException">A preopened directory no longer exists.</exception>
    public WasiHost(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _settings = new WasiSettings(configuration);
        Imports = CreateImports(new WasiContext(_settings));
    }

    /// <summary>
    /// The implementations, as the generated world bindings take them. They share one instance state (limits,
    /// buffers): use them for one instance, or <see cref="ToHostImports"/> for each.
    /// </summary>
    public BindingsWorld.Imports Imports { get; }

    /// <summary>
    /// The definitions for a component instantiation: pass them to <c>LoadedComponent.Instantiate</c> or as a
    /// provider to a generated world's <c>Instantiate</c>. Each call makes new definitions with the state of a new
    /// instance (resource tables, limits, output buffers) over the same capabilities. They hold the WASI 0.2 and the
    /// WASI 0.3 interfaces (the 0.3 ones on the runtime's dynamic API; <see cref="Imports"/> has only the 0.2 ones).
    /// </summary>
    /// <returns>The host imports.</returns>
    public HostImports ToHostImports()
    {
        var context = new WasiContext(_settings);
        return P3.WasiP3.Define(CreateImports(context).ToHostImports(), context);
    }

    private static BindingsWorld.Imports CreateImports(WasiContext context)
    {
        var cli = new CliImplementation(context);
        var io = new IoImplementation(context);
        var filesystem = new FilesystemImplementation(context);
        var sockets = new SocketsImplementation(context);
        var random = new RandomImplementation(context);
        return new BindingsWorld.Imports(
            cli, cli, io, io, io, cli, cli, cli, cli, cli, cli, cli, cli,
            new MonotonicClockImplementation(context), new WallClockImplementation(context),
            filesystem, filesystem,
            sockets, sockets, sockets, sockets, sockets, sockets, sockets,
            random, random, random);
    }
}
