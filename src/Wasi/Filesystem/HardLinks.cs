using System.Runtime.InteropServices;
using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Bindings;

namespace WitBindgen.Wasi.Filesystem;

/// <summary>Hard links, which .NET has no API for: <c>link(2)</c> from the C library on Linux and macOS.</summary>
internal static partial class HardLinks
{
    public static Result<Unit, ErrorCode> Create(string existing, string link)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return Result<Unit, ErrorCode>.FromErr(ErrorCode.Unsupported);
        }

        int status;
        try
        {
            status = NativeLink(existing, link);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Result<Unit, ErrorCode>.FromErr(ErrorCode.Unsupported);
        }

        if (status == 0)
        {
            return Result<Unit, ErrorCode>.FromOk(default);
        }

        var errno = Marshal.GetLastPInvokeError();
        return Result<Unit, ErrorCode>.FromErr(OperatingSystem.IsLinux()
            ? FilesystemErrors.From(new IOException("link failed", errno))
            : ErrorCode.Io);
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLink(string existing, string link);
}
