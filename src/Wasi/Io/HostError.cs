using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Io;

/// <summary>A <c>wasi:io/error</c> describing why a stream operation failed, with its filesystem error code when it has one.</summary>
internal sealed class HostError : global::Wasi.Io.Error.Error
{
    private readonly WasiContext _context;
    private readonly ResourceLease _lease;

    public HostError(WasiContext context, string message, ErrorCode? filesystemCode)
    {
        _context = context;
        _lease = new ResourceLease(context);
        Message = message;
        FilesystemCode = filesystemCode;
    }

    public string Message { get; }

    public ErrorCode? FilesystemCode { get; }

    public override string ToDebugString() => HostCall.Trap(_context, "[method]error.to-debug-string", () => Message);

    protected override void Dispose(bool disposing)
    {
        _lease.Release();
        base.Dispose(disposing);
    }
}
