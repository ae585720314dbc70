using Wasi.Filesystem.Types;

namespace WitBindgen.Wasi.Io;

/// <summary>A <c>wasi:io/error</c> describing why a stream operation failed, with its filesystem error code when it has one.</summary>
internal sealed class HostError : global::Wasi.Io.Error.Error
{
    public HostError(string message, ErrorCode? filesystemCode)
    {
        Message = message;
        FilesystemCode = filesystemCode;
    }

    public string Message { get; }

    public ErrorCode? FilesystemCode { get; }

    public override string ToDebugString() => Message;
}
