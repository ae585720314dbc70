using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Tests.Components;
using Xunit;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// The same two components three ways: linked live on this runtime, composed into one binary (nested components
/// with instantiation arguments, which this runtime runs on the same fused path) on this runtime, and that binary on
/// Wasmtime's own component runtime (which compiles its adapters). Every call must give the same result, and the
/// callee's host functions must receive the same arguments.
/// </summary>
public class LinkDifferentialTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static WitValue Point(string name, int x, uint y) => WitValue.Record(WitValue.String(name), WitValue.S32(x), WitValue.U32(y));

    private static readonly (string Name, WitValue[] Arguments)[] Calls =
    [
        ("add", [WitValue.U32(40), WitValue.U32(2)]),
        ("small", [WitValue.S8(-100), WitValue.S16(300), WitValue.U8(200)]),
        ("scalars", [WitValue.Bool(true), WitValue.S8(-7), WitValue.U16(65535), WitValue.S64(long.MinValue), WitValue.F32(-1.5f), WitValue.F64(Math.E), WitValue.Char(new System.Text.Rune(0x1F600))]),
        ("echo", [WitValue.String("café ✓ 😀")]),
        ("echo", [WitValue.String(new string('é', 200))]),
        ("points", [WitValue.List(Point("a", 1, 2), Point("日本", -3, 4))]),
        ("shape", [WitValue.Variant(0)]),
        ("shape", [WitValue.Variant(1, WitValue.F32(0.25f))]),
        ("shape", [WitValue.Variant(2, WitValue.Tuple(WitValue.U64(ulong.MaxValue - 1), WitValue.U16(9)))]),
        ("shape", [WitValue.Variant(3, WitValue.String("label ✓"))]),
        ("opts", [WitValue.Some(WitValue.U8(1)), WitValue.Err(WitValue.U32(3)), WitValue.Enum(1), WitValue.Flags(3, 1, 2)]),
        ("opts", [WitValue.None, WitValue.Ok(WitValue.String("ok")), WitValue.Enum(2), WitValue.Flags(3)]),
        ("pick", [WitValue.Enum(0), WitValue.Flags(3, 0)]),
        ("many", [WitValue.String("seventeen"), .. Enumerable.Range(1, 15).Select(i => WitValue.U32((uint)i))]),
        ("nums", [WitValue.List(WitValue.U16(1), WitValue.U16(2)), WitValue.List(WitValue.F64(0.5)), WitValue.List(WitValue.S64(-9))]),
        ("nested", [WitValue.List(WitValue.List(WitValue.String("x")), WitValue.List(WitValue.String("y"), WitValue.String("ζ")))]),
        ("nested", [WitValue.List()]),
    ];

    [Theory]
    [InlineData("utf8", "utf8")]
    [InlineData("utf8", "utf16")]
    [InlineData("utf16", "latin1+utf16")]
    [InlineData("latin1+utf16", "utf8")]
    public void Live_links_composed_binaries_and_wasmtime_agree(string callerEncoding, string calleeEncoding)
    {
        var liveHost = new LinkCalleeHost();
        using var callee = Runtime.LoadText(LinkWat.Forwarder(LinkWat.Functions, calleeEncoding)).Instantiate(liveHost.Imports());
        using var caller = Runtime.LoadText(LinkWat.Forwarder(LinkWat.Functions, callerEncoding)).Instantiate(new HostImports().LinkExports(callee));

        var bytes = WatText.ToBinary(LinkWat.Composed(LinkWat.Functions, callerEncoding, calleeEncoding));
        var composedHost = new LinkCalleeHost();
        using var composed = Runtime.Load(bytes).Instantiate(composedHost.Imports());

        var theirHost = new LinkCalleeHost();
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var linker = new WasmtimeLinker(engine);
        using (var root = linker.Root())
        {
            foreach (var (name, function) in theirHost.Functions())
            {
                root.DefineFunction(name, WasmtimeValues.Adapt(callee.GetFunction(name)!.Type!, function));
            }
        }

        using var store = new Store(engine);
        var theirs = linker.Instantiate(store, component);

        foreach (var (name, arguments) in Calls)
        {
            var type = caller.GetFunction(name)!.Type!;
            var live = caller.GetFunction(name)!.Invoke(arguments).Single();
            var ours = composed.GetFunction(name)!.Invoke(arguments).Single();
            var wasmtime = WasmtimeValues.FromWasmtime(
                theirs.GetFunction(name)!.Call(arguments.Select((a, i) => WasmtimeValues.ToWasmtime(a, type.Parameters[i])).ToArray())!, type.Results[0]);
            Assert.True(live == wasmtime, $"{name}: live link returned {live}, Wasmtime {wasmtime}");
            Assert.True(ours == wasmtime, $"{name}: composed binary returned {ours}, Wasmtime {wasmtime}");
        }

        Assert.Equal(Calls.Length, theirHost.Calls.Count);
        for (var i = 0; i < Calls.Length; i++)
        {
            Assert.Equal(theirHost.Calls[i].Arguments, liveHost.Calls[i].Arguments);
            Assert.Equal(theirHost.Calls[i].Arguments, composedHost.Calls[i].Arguments);
        }
    }
}
