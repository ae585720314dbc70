using System.Buffers.Binary;
using System.Security.Cryptography;
using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Filesystem.Posix;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi;

/// <summary>
/// The state of one guest instance's WASI host: the settings it runs with, what it holds against its
/// <see cref="WasiLimits"/>, its standard output sinks and the secret its metadata hashes are keyed with.
/// </summary>
internal sealed class WasiContext
{
    // Made on first use: most instances never hash a file's metadata, and many never write to stdout or stderr.
    private byte[]? _hashKey;
    private OutputSink? _stdout;
    private OutputSink? _stderr;
    private int _openFiles;
    private int _resources;

    public WasiContext(WasiSettings settings) => Settings = settings;

    public WasiSettings Settings { get; }

    public WasiLimits Limits => Settings.Limits;

    public OutputSink Stdout => _stdout ?? First(ref _stdout, new OutputSink("stdout", Settings.Stdout, Limits.MaxOutputBytes));

    public OutputSink Stderr => _stderr ?? First(ref _stderr, new OutputSink("stderr", Settings.Stderr, Limits.MaxOutputBytes));

    /// <summary>Stores <paramref name="made"/> unless another thread stored one first, and returns the one stored.</summary>
    private static T First<T>(ref T? field, T made)
        where T : class =>
        Interlocked.CompareExchange(ref field, made, null) ?? made;

    /// <summary>Operating-system handles held for the guest now.</summary>
    public int OpenFiles => Volatile.Read(ref _openFiles);

    /// <summary>WASI resources held by the guest now.</summary>
    public int Resources => Volatile.Read(ref _resources);

    /// <summary>Takes a resource lease (see <see cref="ResourceLease"/>).</summary>
    public void AcquireResource()
    {
        if (Interlocked.Increment(ref _resources) > Limits.MaxResources)
        {
            Interlocked.Decrement(ref _resources);
            throw new WasiLimitException($"the guest holds {Limits.MaxResources} WASI resources, the most it may (WasiLimits.MaxResources)");
        }
    }

    public void ReleaseResource() => Interlocked.Decrement(ref _resources);

    /// <summary>
    /// Runs <paramref name="open"/>, which returns a new file descriptor or -1 with <c>errno</c> set, inside the
    /// instance's <see cref="WasiLimits.MaxOpenFiles"/>; the handle gives its place back when it is closed.
    /// </summary>
    /// <returns>The handle, or null with <paramref name="error"/> set.</returns>
    public FdHandle? OpenFile(Func<int> open, out ErrorCode error)
    {
        if (Interlocked.Increment(ref _openFiles) > Limits.MaxOpenFiles)
        {
            Interlocked.Decrement(ref _openFiles);
            throw new WasiLimitException($"the guest holds {Limits.MaxOpenFiles} open files, the most it may (WasiLimits.MaxOpenFiles)");
        }

        int fd;
        try
        {
            fd = open();
        }
        catch
        {
            Interlocked.Decrement(ref _openFiles);
            throw;
        }

        if (fd < 0)
        {
            error = Errno.LastCode;
            Interlocked.Decrement(ref _openFiles);
            return null;
        }

        error = default;
        return new FdHandle(fd, () => Interlocked.Decrement(ref _openFiles));
    }

    /// <summary>
    /// The metadata hash of a file: a keyed hash of its device and inode numbers with a secret of this instance, so
    /// equal files hash equally and nothing about the host (paths, inode numbers) can be learnt or confirmed from it.
    /// </summary>
    public MetadataHashValue Hash(in FileStatus status)
    {
        Span<byte> identity = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(identity, status.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(identity[8..], status.Inode);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_hashKey ?? First(ref _hashKey, RandomNumberGenerator.GetBytes(32)), identity, hash);
        return new MetadataHashValue(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }

    /// <summary>Calls the test-only fault injector, if there is one, at the start of a WASI function.</summary>
    public void Enter(string function) => Settings.FaultInjector?.Invoke(function);

    /// <summary>Writes what the standard output sinks hold to the host's streams (before an exit), ignoring failures.</summary>
    public void DrainOutputs()
    {
        _stdout?.TryDrain();
        _stderr?.TryDrain();
    }

    /// <summary>The trap for a WASI function without an error result whose host code failed.</summary>
    public static ComponentTrapException Trap(string function, Exception e) => e is WasiLimitException
        ? new ComponentTrapException(ComponentTrapKind.LimitExceeded, $"{function}: {e.Message}", e)
        : new ComponentTrapException(ComponentTrapKind.HostFailure, $"{function} failed in the host: {e.Message}", e);
}
