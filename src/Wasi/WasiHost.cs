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
/// Implementations of every interface of <c>wasi:cli/imports@0.2.12</c> for the capabilities of a
/// <see cref="WasiConfiguration"/>. The runtime matches imports by semver, so components importing any 0.2.x
/// version of these interfaces (0.2.0 and later) link to them.
/// </summary>
public sealed class WasiHost
{
    /// <summary>Creates the host from a snapshot of <paramref name="configuration"/> (later changes to it are not seen).</summary>
    /// <param name="configuration">The capabilities to grant.</param>
    public WasiHost(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var cli = new CliImplementation(configuration);
        var io = new IoImplementation();
        var monotonic = new MonotonicClockSource(configuration.MonotonicClock);
        var wallClock = new WallClockImplementation(configuration.WallClock);
        var filesystem = new FilesystemImplementation(configuration.PreopenedDirectories, configuration.WallClock ?? (() => DateTimeOffset.UtcNow));
        var sockets = new SocketsImplementation();
        var random = new RandomImplementation(configuration.Random);
        Imports = new BindingsWorld.Imports(
            cli, cli, io, io, io, cli, cli, cli, cli, cli, cli, cli, cli,
            new MonotonicClockImplementation(monotonic), wallClock,
            filesystem, filesystem,
            sockets, sockets, sockets, sockets, sockets, sockets, sockets,
            random, random, random);
    }

    /// <summary>The implementations, as the generated world bindings take them.</summary>
    public BindingsWorld.Imports Imports { get; }

    /// <summary>
    /// The definitions for a component instantiation: pass them to <c>LoadedComponent.Instantiate</c> or as a
    /// provider to a generated world's <c>Instantiate</c>. Each call makes new definitions (with their own resource
    /// tables) over the same capabilities.
    /// </summary>
    /// <returns>The host imports.</returns>
    public HostImports ToHostImports() => Imports.ToHostImports();
}
