using Wasi.Filesystem.Preopens;
using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Filesystem;

/// <summary><c>wasi:filesystem/types</c> (its functions are descriptor methods) and <c>preopens</c>.</summary>
internal sealed class FilesystemImplementation : ITypes, IPreopens
{
    private readonly (PathResolver Resolver, string GuestPath)[] _preopens;
    private readonly Func<DateTimeOffset> _now;

    public FilesystemImplementation(IEnumerable<WasiPreopen> preopens, Func<DateTimeOffset> now)
    {
        _preopens = preopens.Select(p => (new PathResolver(p.HostPath, p.Access == WasiDirectoryAccess.ReadWrite), p.GuestPath)).ToArray();
        _now = now;
    }

    public ErrorCode? FilesystemErrorCode(global::Wasi.Io.Error.Error err) => (err as HostError)?.FilesystemCode;

    // Each call hands out new descriptors: the guest owns them and drops them independently.
    public (Descriptor, string)[] GetDirectories() =>
        _preopens.Select(p => ((Descriptor)HostDescriptor.OpenRoot(p.Resolver, _now), p.GuestPath)).ToArray();
}
