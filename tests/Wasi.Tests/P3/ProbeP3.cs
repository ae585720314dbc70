using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Wasi.Tests.P3;

/// <summary>The hand-written WASI 0.3 probe (Fixtures/probe-p3.wat), instantiated over a WASI host.</summary>
internal sealed class ProbeP3 : IDisposable
{
    public static readonly ComponentRuntime Runtime = new();

    private static readonly Lazy<LoadedComponent> Component = new(() =>
        Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "probe-p3.wat"))));

    private readonly ComponentInstance _instance;

    public ProbeP3(WasiConfiguration configuration) => _instance = Component.Value.Instantiate(configuration.Build());

    public static LoadedComponent Loaded => Component.Value;

    public string[] Args() => Call("args")[0].Items.Select(v => v.AsString()).ToArray();

    public (string, string)[] Env() => Call("env")[0].Items.Select(v => (v.Items[0].AsString(), v.Items[1].AsString())).ToArray();

    public string? Cwd() => Call("cwd")[0] is { IsSome: true } some ? some.Payload!.AsString() : null;

    public void Exit(byte code) => Call("exit", WitValue.U8(code));

    public (long Seconds, uint Nanoseconds) SystemNow()
    {
        var now = Call("system-now")[0].Items;
        return (now[0].AsS64(), now[1].AsU32());
    }

    public byte[] Random(ulong length) => Call("random", WitValue.U64(length))[0].Items.Select(v => v.AsU8()).ToArray();

    public ulong Elapsed(ulong nanoseconds) => Call("elapsed", WitValue.U64(nanoseconds))[0].AsU64();

    /// <summary>The discriminant of <c>tcp-socket.create</c>'s result (1: error) and its error case.</summary>
    public (int Discriminant, int Case) Tcp()
    {
        var packed = Call("tcp")[0].AsU32();
        return ((int)(packed >> 8), (int)(packed & 0xff));
    }

    /// <summary>The discriminant of <c>resolve-addresses</c>' result (1: error) and its error case.</summary>
    public (int Discriminant, int Case) Resolve(string name)
    {
        var packed = Call("resolve", WitValue.String(name))[0].AsU32();
        return ((int)(packed >> 8), (int)(packed & 0xff));
    }

    public uint Preopens() => Call("preopens")[0].AsU32();

    /// <summary>Opens <paramref name="path"/> below the first preopen: the new handle, or -1 - the error case.</summary>
    public int Open(string path, bool write = false, bool create = false, bool follow = false) =>
        Call("open", WitValue.String(path), WitValue.U32((write ? 3u : 1u) | (create ? 1u << 8 : 0) | (follow ? 1u << 16 : 0)))[0].AsS32();

    /// <summary>The size a file's stat reports, or -1 - the error case.</summary>
    public long Size(string path, bool follow = false) => Call("size", WitValue.String(path), WitValue.Bool(follow))[0].AsS64();

    /// <summary>A file's bytes, read through <c>read-via-stream</c> (up to 4096).</summary>
    public byte[] ReadFile(string path) => Call("read-file", WitValue.String(path))[0].Items.Select(v => v.AsU8()).ToArray();

    /// <summary>How many entries <c>read-directory</c> of the first preopen streams (up to 100).</summary>
    public uint ListDirectory() => Call("list-dir")[0].AsU32();

    public long StatHandle(uint handle) => Call("stat-handle", WitValue.U32(handle))[0].AsS64();

    public WitValue[] Call(string name, params WitValue[] arguments) => _instance.GetFunction(name)!.Invoke(arguments);

    public void Dispose() => _instance.Dispose();
}
