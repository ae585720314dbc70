using System.Collections.Immutable;
using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.Tests;

/// <summary>
/// The hand-written puppet component (Fixtures/hostile.wat), instantiated over a WASI host: each method makes
/// the WASI 0.2 call it names through the real canonical ABI with exactly the arguments given (handles are the
/// guest's own table indices, flags are passed as raw bits), so tests can send values a well-behaved guest would not.
/// </summary>
internal sealed class Hostile : IDisposable
{
    /// <summary>The error code the puppet reports for a stream error (either case of <c>stream-error</c>).</summary>
    public const ErrorCode StreamError = (ErrorCode)255;

    private static readonly Lazy<LoadedComponent> Component = new(() =>
        Probe.Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile.wat"))));

    private readonly ComponentInstance _instance;

    public Hostile(WasiConfiguration configuration)
        : this(configuration.Build())
    {
    }

    public Hostile(HostImports imports)
    {
        _instance = Component.Value.Instantiate(imports);
    }

    public static LoadedComponent Loaded => Component.Value;

    public ComponentInstance Instance => _instance;

    /// <summary>The handles get-directories returned, in order (their names are dropped).</summary>
    public uint[] Preopens() => Call("preopens")[0].Items.Select(v => v.AsU32()).ToArray();

    public (uint? Fd, ErrorCode? Error) OpenAt(uint dir, string path, OpenFlags openFlags = 0, DescriptorFlags flags = DescriptorFlags.Read, PathFlags pathFlags = PathFlags.SymlinkFollow) =>
        Result(Call("open-at", WitValue.U32(dir), WitValue.U8((byte)pathFlags), WitValue.String(path), WitValue.U8((byte)openFlags), WitValue.U8((byte)flags)), v => (uint?)v.AsU32());

    /// <summary>Up to <paramref name="length"/> bytes from <paramref name="offset"/> (the end-of-file flag is dropped).</summary>
    public (byte[]? Data, ErrorCode? Error) Read(uint fd, ulong length, ulong offset = 0) =>
        Result(Call("read", WitValue.U32(fd), WitValue.U64(length), WitValue.U64(offset)), Bytes);

    public (ulong? Written, ErrorCode? Error) Write(uint fd, byte[] data, ulong offset = 0) =>
        Result(Call("write", WitValue.U32(fd), List(data), WitValue.U64(offset)), v => (ulong?)v.AsU64());

    /// <summary><c>write</c> with the buffer at any guest address and length, unchecked by the guest.</summary>
    public (ulong? Written, ErrorCode? Error) WriteFrom(uint fd, uint pointer, uint length, ulong offset = 0) =>
        Result(Call("write-from", WitValue.U32(fd), WitValue.U32(pointer), WitValue.U32(length), WitValue.U64(offset)), v => (ulong?)v.AsU64());

    public ErrorCode? SetSize(uint fd, ulong size) => Unit(Call("set-size", WitValue.U32(fd), WitValue.U64(size)));

    public (DescriptorType? Type, ErrorCode? Error) StatAt(uint dir, string path, PathFlags pathFlags = PathFlags.SymlinkFollow) =>
        Result(Call("stat-at", WitValue.U32(dir), WitValue.U8((byte)pathFlags), WitValue.String(path)), v => (DescriptorType?)v.AsU8());

    public ((DescriptorType Type, ulong Size)? Stat, ErrorCode? Error) Stat(uint fd) =>
        Result(Call("stat", WitValue.U32(fd)), v => ((DescriptorType Type, ulong Size)?)((DescriptorType)v.Items[0].AsU8(), v.Items[1].AsU64()));

    public ErrorCode? CreateDirectoryAt(uint dir, string path) => Unit(Call("create-directory-at", WitValue.U32(dir), WitValue.String(path)));

    public ErrorCode? RemoveDirectoryAt(uint dir, string path) => Unit(Call("remove-directory-at", WitValue.U32(dir), WitValue.String(path)));

    public ErrorCode? UnlinkFileAt(uint dir, string path) => Unit(Call("unlink-file-at", WitValue.U32(dir), WitValue.String(path)));

    /// <summary>Creates <paramref name="newPath"/> as a symbolic link whose target is <paramref name="oldPath"/>.</summary>
    public ErrorCode? SymlinkAt(uint dir, string oldPath, string newPath) =>
        Unit(Call("symlink-at", WitValue.U32(dir), WitValue.String(oldPath), WitValue.String(newPath)));

    public (string? Target, ErrorCode? Error) ReadlinkAt(uint dir, string path) =>
        Result(Call("readlink-at", WitValue.U32(dir), WitValue.String(path)), v => v.AsString());

    public ErrorCode? RenameAt(uint dir, string oldPath, uint newDir, string newPath) =>
        Unit(Call("rename-at", WitValue.U32(dir), WitValue.String(oldPath), WitValue.U32(newDir), WitValue.String(newPath)));

    public ErrorCode? LinkAt(uint dir, string oldPath, uint newDir, string newPath, PathFlags pathFlags = 0) =>
        Unit(Call("link-at", WitValue.U32(dir), WitValue.U8((byte)pathFlags), WitValue.String(oldPath), WitValue.U32(newDir), WitValue.String(newPath)));

    /// <summary>Sets both timestamps to <c>now</c>.</summary>
    public ErrorCode? SetTimesAt(uint dir, string path, PathFlags pathFlags = PathFlags.SymlinkFollow) =>
        Unit(Call("set-times-at", WitValue.U32(dir), WitValue.U8((byte)pathFlags), WitValue.String(path)));

    /// <summary>The names of all the entries, in the order the stream gave them.</summary>
    public (string[]? Names, ErrorCode? Error) ReadDirectory(uint dir) =>
        Result(Call("read-directory", WitValue.U32(dir)), v => v.Items.Select(n => n.AsString()).ToArray());

    public (MetadataHashValue? Hash, ErrorCode? Error) MetadataHashAt(uint dir, string path, PathFlags pathFlags = PathFlags.SymlinkFollow) =>
        Result(Call("metadata-hash-at", WitValue.U32(dir), WitValue.U8((byte)pathFlags), WitValue.String(path)), Hash);

    public (MetadataHashValue? Hash, ErrorCode? Error) MetadataHash(uint fd) => Result(Call("metadata-hash", WitValue.U32(fd)), Hash);

    public bool IsSameObject(uint a, uint b) => Call("is-same-object", WitValue.U32(a), WitValue.U32(b))[0].AsBool();

    /// <summary>Writes through <c>write-via-stream</c> (check-write, write, blocking-flush); a stream error is <see cref="StreamError"/>.</summary>
    public ErrorCode? WriteViaStream(uint fd, ulong offset, byte[] data) =>
        Unit(Call("write-via-stream", WitValue.U32(fd), WitValue.U64(offset), List(data)));

    public void DropDescriptor(uint fd) => Call("drop-descriptor", WitValue.U32(fd));

    /// <summary>Up to <paramref name="times"/> blocking-write-and-flush calls of <paramref name="chunk"/> bytes ('A') on one stdout stream; how many succeeded.</summary>
    public uint StdoutFlood(uint chunk, uint times) => Call("stdout-flood", WitValue.U32(chunk), WitValue.U32(times))[0].AsU32();

    /// <summary>What check-write permits on a fresh stdout stream; <see cref="ulong.MaxValue"/> for a stream error.</summary>
    public ulong StdoutCheckWrite() => Call("stdout-check-write")[0].AsU64();

    /// <summary>A plain <c>write</c> of <paramref name="length"/> bytes ('B') without check-write first; whether it succeeded.</summary>
    public bool StdoutWriteUnchecked(uint length) => Call("stdout-write-unchecked", WitValue.U32(length))[0].AsU32() == 0;

    /// <summary>Calls get-stdout <paramref name="count"/> times and keeps every handle.</summary>
    public uint GetStdoutMany(uint count) => Call("get-stdout-many", WitValue.U32(count))[0].AsU32();

    /// <summary>Makes <paramref name="count"/> pollables (subscribe-duration(0)) and keeps them.</summary>
    public uint SubscribeMany(uint count) => Call("subscribe-many", WitValue.U32(count))[0].AsU32();

    /// <summary>Opens the path read-only <paramref name="count"/> times and keeps every descriptor; how many opened, and the error that stopped it.</summary>
    public (uint Opened, ErrorCode? Error) OpenMany(uint dir, string path, uint count)
    {
        var result = Call("open-many", WitValue.U32(dir), WitValue.String(path), WitValue.U32(count))[0];
        return result.IsOk
            ? (result.Payload!.AsU32(), null)
            : (result.Payload!.Items[0].AsU32(), (ErrorCode)result.Payload!.Items[1].AsU8());
    }

    /// <summary><c>memory.grow</c> on the guest's memory: the old size in pages, or -1.</summary>
    public int Grow(uint pages) => Call("grow", WitValue.U32(pages))[0].AsS32();

    /// <summary>The length of the list get-random-bytes returned.</summary>
    public uint Random(ulong length) => Call("random", WitValue.U64(length))[0].AsU32();

    /// <summary>The wall clock's seconds.</summary>
    public ulong Now() => Call("now")[0].AsU64();

    public void Dispose() => _instance.Dispose();

    private WitValue[] Call(string name, params WitValue[] args) =>
        (_instance.GetFunction(name) ?? throw new InvalidOperationException($"no export {name}")).Invoke(args).ToArray();

    private static (T? Value, ErrorCode? Error) Result<T>(WitValue[] results, Func<WitValue, T> ok)
    {
        var result = results[0];
        return result.IsOk ? (ok(result.Payload!), null) : (default, (ErrorCode)result.Payload!.AsU8());
    }

    private static ErrorCode? Unit(WitValue[] results) => results[0].IsOk ? null : (ErrorCode)results[0].Payload!.AsU8();

    private static WitValue List(byte[] data) => WitValue.List(data.Select(WitValue.U8).ToImmutableArray());

    private static byte[] Bytes(WitValue list) => list.Items.Select(v => v.AsU8()).ToArray();

    private static MetadataHashValue? Hash(WitValue tuple) => new MetadataHashValue(tuple.Items[0].AsU64(), tuple.Items[1].AsU64());
}
