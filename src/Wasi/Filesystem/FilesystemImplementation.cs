using Wasi.Filesystem.Preopens;
using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Filesystem;

/// <summary><c>wasi:filesystem/types</c> (its functions are descriptor methods) and <c>preopens</c>.</summary>
internal sealed class FilesystemImplementation : ITypes, IPreopens
{
    private readonly WasiContext _context;

    public FilesystemImplementation(WasiContext context) => _context = context;

    public ErrorCode? FilesystemErrorCode(global::Wasi.Io.Error.Error err) =>
        HostCall.Trap(_context, "filesystem-error-code", () => (err as HostError)?.FilesystemCode);

    // Each call hands out new descriptors, each with its own handle: the guest owns them and drops them independently.
    public (Descriptor, string)[] GetDirectories() => HostCall.Trap(_context, "get-directories", () =>
    {
        var preopens = _context.Settings.Preopens;
        var directories = new (Descriptor, string)[preopens.Length];
        try
        {
            for (var i = 0; i < preopens.Length; i++)
            {
                directories[i] = (HostDescriptor.OpenRoot(_context, preopens[i]), preopens[i].GuestPath);
            }
        }
        catch
        {
            foreach (var (descriptor, _) in directories)
            {
                descriptor?.Dispose();
            }

            throw;
        }

        return directories;
    });
}
