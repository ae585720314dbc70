using System.Collections.Immutable;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.Tests;

/// <summary>The hand-written probe component (Fixtures/probe.wat), which imports WASI 0.2.0 interfaces, instantiated over a WASI host.</summary>
internal sealed class Probe : IDisposable
{
    public static readonly ComponentRuntime Runtime = new();

    private static readonly Lazy<LoadedComponent> Component = new(() =>
        Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "probe.wat"))));

    private readonly ComponentInstance _instance;

    public Probe(WasiConfiguration configuration)
    {
        _instance = Component.Value.Instantiate(configuration.Build());
    }

    public static LoadedComponent Loaded => Component.Value;

    public ComponentInstance Instance => _instance;

    public uint WriteStdout(string text) => Call("write-stdout", WitValue.String(text))[0].AsU32();

    public byte[] ReadStdin(ulong length) => Bytes(Call("read-stdin", WitValue.U64(length))[0]);

    public string[] Args() => Call("args")[0].Items.Select(v => v.AsString()).ToArray();

    public (string, string)[] Env() => Call("env")[0].Items.Select(v => (v.Items[0].AsString(), v.Items[1].AsString())).ToArray();

    public void Exit(bool ok) => Call("exit", WitValue.Bool(ok));

    public ulong Now() => Call("now")[0].AsU64();

    public void Sleep(ulong nanoseconds) => Call("sleep", WitValue.U64(nanoseconds));

    public byte[] Random(ulong length) => Bytes(Call("random", WitValue.U64(length))[0]);

    public uint PreopenCount() => Call("preopen-count")[0].AsU32();

    /// <summary>The file's bytes, or the filesystem error code.</summary>
    public (byte[]? Data, global::Wasi.Filesystem.Types.ErrorCode? Error) ReadFile(string path, bool follow = true)
    {
        var result = Call("read-file", WitValue.String(path), WitValue.Bool(follow))[0];
        return result.IsOk ? (Bytes(result.Payload!), null) : (null, (global::Wasi.Filesystem.Types.ErrorCode)result.Payload!.AsU8());
    }

    /// <summary>The number of bytes written, or the filesystem error code.</summary>
    public (ulong? Written, global::Wasi.Filesystem.Types.ErrorCode? Error) WriteFile(string path, byte[] data)
    {
        var bytes = WitValue.List(data.Select(WitValue.U8).ToImmutableArray());
        var result = Call("write-file", WitValue.String(path), bytes)[0];
        return result.IsOk ? (result.Payload!.AsU64(), null) : (null, (global::Wasi.Filesystem.Types.ErrorCode)result.Payload!.AsU8());
    }

    public void Dispose() => _instance.Dispose();

    private WitValue[] Call(string name, params WitValue[] args) =>
        (_instance.GetFunction(name) ?? throw new InvalidOperationException($"no export {name}")).Invoke(args).ToArray();

    private static byte[] Bytes(WitValue list) => list.Items.Select(v => v.AsU8()).ToArray();
}
