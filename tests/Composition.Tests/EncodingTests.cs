using Wasmtime;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;
using CV = Wasmtime.Components.ComponentValue;
using WasmtimeComponent = Wasmtime.Components.Component;
using WasmtimeLinker = Wasmtime.Components.ComponentLinker;

namespace WitBindgen.Composition.Tests;

/// <summary>
/// Plans encoded as one component binary (CompositionEncoder) and run three ways: the plan linked live on this
/// runtime (LiveComposition), the encoded binary on this runtime, and the encoded binary on Wasmtime's own component
/// runtime. Every call must give the same result everywhere, and the host must see the same pass-through calls.
/// </summary>
public class EncodingTests
{
    private static readonly ComponentRuntime Runtime = new();

    public static TheoryData<string> GraphNames => new(EncodingGraphs.Graphs.Keys.Concat(EncodingGraphs.FunctionGraphs.Keys));

    private static CompositionPlan Plan(PackageFolder folder, string wac)
    {
        var result = folder.Resolve(wac);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    private static HostImports Host(List<string> logged)
    {
        var host = new HostImports();
        host.DefineFunction("log", a => { logged.Add("log " + a[0].AsU32()); return []; });
        host.DefineInstance(EncodingGraphs.Logger)
            .DefineFunction("log", a => { logged.Add("log " + a[0].AsString()); return []; })
            .DefineFunction("warn", a => { logged.Add("warn " + a[0].AsString()); return []; });
        return host;
    }

    [Theory]
    [MemberData(nameof(GraphNames))]
    public void The_encoded_binary_runs_on_wasmtime_and_this_runtime_with_the_live_compositions_results(string graph)
    {
        var (wac, calls) = EncodingGraphs.Graphs.TryGetValue(graph, out var found) ? found : EncodingGraphs.FunctionGraphs[graph];
        using var folder = EncodingGraphs.Folder();
        var plan = Plan(folder, wac);
        var bytes = CompositionEncoder.Encode(plan);

        var liveLogged = new List<string>();
        using var live = LiveComposition.Instantiate(plan, Runtime, Host(liveLogged));

        var oursLogged = new List<string>();
        using var ours = Runtime.Load(bytes).Instantiate(Host(oursLogged));

        var theirsLogged = new List<string>();
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var linker = new WasmtimeLinker(engine);
        using (var root = linker.Root())
        {
            root.DefineFunction("log", (ReadOnlySpan<CV> args, Span<CV> results) => theirsLogged.Add("log " + args[0].AsU32()));
            using var logger = root.AddInstance(EncodingGraphs.Logger);
            logger.DefineFunction("log", (ReadOnlySpan<CV> args, Span<CV> results) => theirsLogged.Add("log " + args[0].AsString()));
            logger.DefineFunction("warn", (ReadOnlySpan<CV> args, Span<CV> results) => theirsLogged.Add("warn " + args[0].AsString()));
        }

        using var store = new Store(engine);
        var theirs = linker.Instantiate(store, component);

        foreach (var call in calls)
        {
            var liveFunction = live.GetFunction(call.Export, call.Function) ?? throw new InvalidOperationException($"live: no {call}");
            var oursFunction = (call.Function is null ? ours.GetFunction(call.Export) : ours.GetFunction(call.Export, call.Function))
                ?? throw new InvalidOperationException($"encoded on this runtime: no {call}");
            var theirsFunction = (call.Function is null ? theirs.GetFunction(call.Export) : theirs.GetFunction(call.Export, call.Function))
                ?? throw new InvalidOperationException($"encoded on Wasmtime: no {call}");

            var expected = liveFunction.Invoke(call.Arguments).Single();
            var fromOurs = oursFunction.Invoke(call.Arguments).Single();
            var fromTheirs = EncodingGraphs.FromWasmtime(theirsFunction.Call(call.Arguments.Select(EncodingGraphs.ToWasmtime).ToArray())!, expected);
            Assert.True(fromOurs == expected, $"{call}: encoded binary on this runtime returned {fromOurs}, live composition {expected}");
            Assert.True(fromTheirs == expected, $"{call}: encoded binary on Wasmtime returned {fromTheirs}, live composition {expected}");
        }

        Assert.Equal(liveLogged, oursLogged);
        Assert.Equal(liveLogged, theirsLogged);
    }

    [Fact]
    public void Results_are_what_the_components_compute()
    {
        // The differential above compares the three ways; this pins the values themselves once.
        using var folder = EncodingGraphs.Folder();
        var bytes = CompositionEncoder.Encode(Plan(folder, EncodingGraphs.Graphs["shared"].Wac));
        var logged = new List<string>();
        using var instance = Runtime.Load(bytes).Instantiate(Host(logged));

        Assert.Equal(42u, instance.GetFunction("first", "twice")!.Invoke(WitValue.U32(20), WitValue.U32(1)).Single().AsU32());
        Assert.Equal("hey!!", instance.GetFunction("second", "greet")!.Invoke(WitValue.String("hey")).Single().AsString());
        Assert.Equal(7u, instance.GetFunction("first", "total")!.Invoke(WitValue.List(WitValue.U32(2), WitValue.U32(4))).Single().AsU32());
        Assert.Equal(1u, instance.GetFunction("first", "tick")!.Invoke().Single().AsU32());
        Assert.Equal(2u, instance.GetFunction("second", "tick")!.Invoke().Single().AsU32());
        Assert.Equal(["log hey"], logged);
    }
}
