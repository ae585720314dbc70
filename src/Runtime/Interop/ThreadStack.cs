using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// Whether the calling thread has stack enough for guest code. Wasmtime runs guest code on the caller's native stack
/// and bounds it by <see cref="GuestStackBytes"/> below the point where it entered; host functions the guest calls
/// at its deepest need more below that. A thread with less left (a thread made with a small stack, or one deep in host
/// recursion) would overflow its stack, which ends the process, instead of trapping; such calls run on a thread the
/// runtime starts with a large stack (<see cref="CoreFunction"/>). The stack's bounds are read once per thread.
/// </summary>
internal static unsafe partial class ThreadStack
{
    /// <summary>The engine's bound on guest stack (Wasmtime's <c>max_wasm_stack</c>; its default).</summary>
    public const int GuestStackBytes = 512 * 1024;

    /// <summary>What host functions called by guest code at its deepest may use, beyond the guest's stack.</summary>
    public const int HostReserveBytes = 256 * 1024;

    /// <summary>The stack size of the threads guest calls move to when the caller's is short.</summary>
    public const int LargeStackBytes = 8 * 1024 * 1024;

    /// <summary>The stack needed at a call into guest code.</summary>
    private const nuint Needed = GuestStackBytes + HostReserveBytes;

    /// <summary>The lowest stack address at which a call still has <see cref="Needed"/> bytes; 0: not read yet; 1: unknown.</summary>
    [ThreadStatic]
    private static nuint t_threshold;

    /// <summary>True when the calling thread has less than the stack a guest call needs left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsShort()
    {
        byte marker = 0;
        var threshold = t_threshold;
        if (threshold == 0)
        {
            threshold = t_threshold = ReadThreshold();
        }

        return (nuint)(&marker) < threshold;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint ReadThreshold()
    {
        try
        {
            return TryGetLowestAddress(out var low) && low > 0 ? low + Needed : 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return 1; // unknown: no check, as before
        }
    }

    private static bool TryGetLowestAddress(out nuint low)
    {
        low = 0;
        if (OperatingSystem.IsWindows())
        {
            GetCurrentThreadStackLimits(out var lowLimit, out _);
            low = lowLimit;
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return TryLinux(out low);
        }

        if (OperatingSystem.IsMacOS())
        {
            return TryMac(out low);
        }

        return false;
    }

    private static bool TryLinux(out nuint low)
    {
        low = 0;
        if (!NativeLibrary.TryLoad("libc.so.6", out var libc) && !NativeLibrary.TryLoad("libc", out libc))
        {
            return false;
        }

        if (!NativeLibrary.TryGetExport(libc, "pthread_self", out var self)
            || !NativeLibrary.TryGetExport(libc, "pthread_getattr_np", out var getAttr)
            || !NativeLibrary.TryGetExport(libc, "pthread_attr_getstack", out var getStack)
            || !NativeLibrary.TryGetExport(libc, "pthread_attr_destroy", out var destroy))
        {
            return false;
        }

        // pthread_attr_t is 56 bytes on glibc x86-64 and 64 on arm64; musl's is smaller.
        var attr = stackalloc byte[256];
        var thread = ((delegate* unmanaged<nint>)self)();
        if (((delegate* unmanaged<nint, byte*, int>)getAttr)(thread, attr) != 0)
        {
            return false;
        }

        nint address = 0;
        nuint size = 0;
        var ok = ((delegate* unmanaged<byte*, nint*, nuint*, int>)getStack)(attr, &address, &size) == 0;
        ((delegate* unmanaged<byte*, int>)destroy)(attr);
        low = (nuint)address;
        return ok;
    }

    private static bool TryMac(out nuint low)
    {
        low = 0;
        if (!NativeLibrary.TryLoad("/usr/lib/libSystem.B.dylib", out var system)
            || !NativeLibrary.TryGetExport(system, "pthread_self", out var self)
            || !NativeLibrary.TryGetExport(system, "pthread_get_stackaddr_np", out var getAddress)
            || !NativeLibrary.TryGetExport(system, "pthread_get_stacksize_np", out var getSize))
        {
            return false;
        }

        var thread = ((delegate* unmanaged<nint>)self)();
        var top = (nuint)((delegate* unmanaged<nint, nint>)getAddress)(thread); // the highest address
        var size = ((delegate* unmanaged<nint, nuint>)getSize)(thread);
        low = top - size;
        return true;
    }

    [LibraryImport("kernel32.dll")]
    private static partial void GetCurrentThreadStackLimits(out nuint lowLimit, out nuint highLimit);
}
