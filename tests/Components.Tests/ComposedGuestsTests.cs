// Two real guests composed: the Go component (guests/go/store, world test:compose/provider) exports `store` and
// `counters`; the Rust component (guests/rust/reporter.rs, world test:compose/reporter) imports both and exports
// `report`, built on them. Linked live by the runtime, from a WAC file, and through a C# interposer.
using Compose.Provider;
using Compose.Reporter;
using Compose.Store;
using WitBindgen.Composition;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Components.Tests;

/// <summary>The Rust reporter importing what the Go store exports.</summary>
public sealed class ComposedGuestsTests
{
    private const string Store = "test:compose/store@0.1.0";
    private const string Counters = "test:compose/counters@0.1.0";
    private const string Report = "test:compose/report@0.1.0";

    private const string Text = "the quick brown fox jumps";

    /// <summary>What describe(<see cref="Text"/>) computes: shout, total and top are Go's, the rest Rust's.</summary>
    private const string Described = "THE QUICK BROWN FOX JUMPS: 5 words, 21 letters, longest: quick, brown";

    private static LoadedComponent GoStore => BindingsRuntime.Load("store-go.component.wasm");

    private static LoadedComponent RustReporter => BindingsRuntime.Load("reporter-rust.component.wasm");

    private static string Describe(ComponentInstance reporter, string text) =>
        reporter.GetFunction(Report, "describe")!.Invoke(WitValue.String(text))[0].AsString();

    private static uint[] Tally(ComponentInstance reporter, uint start, params uint[] steps) =>
        reporter.GetFunction(Report, "tally")!
            .Invoke(WitValue.U32(start), WitValue.List(steps.Select(WitValue.U32).ToArray()))[0]
            .Items.Select(v => v.AsU32()).ToArray();

    [Fact]
    public void Rust_calls_the_interface_Go_exports_over_a_live_link()
    {
        using var go = GoStore.Instantiate(BindingsRuntime.Wasi());
        using var rust = RustReporter.Instantiate(BindingsRuntime.Wasi().LinkExports(go));

        Assert.Equal(Described, Describe(rust, Text));
        // Go upper-cases ASCII only; Rust counts Unicode scalar values; equal lengths keep their order.
        Assert.Equal("ZOë 🦀 CRABS AND CATS: 5 words, 16 letters, longest: crabs, cats", Describe(rust, "Zoë 🦀 crabs and cats"));
        Assert.Equal(": 0 words, 0 letters, longest: ", Describe(rust, ""));
        Assert.Equal(5u, rust.GetFunction(Report, "add-loop")!.Invoke(WitValue.U32(2), WitValue.U32(3), WitValue.U32(1000))[0].AsU32());
        Assert.Equal(1u, rust.GetFunction(Report, "add-loop")!.Invoke(WitValue.U32(uint.MaxValue), WitValue.U32(2), WitValue.U32(1))[0].AsU32());
    }

    [Fact]
    public void A_counter_Go_creates_is_used_and_dropped_through_Rust()
    {
        using var go = ProviderWorld.Instantiate(GoStore, BindingsRuntime.Wasi());
        using var rust = RustReporter.Instantiate(BindingsRuntime.Wasi().Link(Store, go.Instance).Link(Counters, go.Instance));

        // One counter the host holds, so the count of live counters is not trivially zero.
        using var held = go.Counters.NewCounter(100);
        Assert.Equal(1u, go.Counters.Live());

        // Rust constructs a counter in Go (its own handle), calls add on it three times and drops it: Go's destructor ran.
        Assert.Equal([11u, 13u, 16u], Tally(rust, 10, 1, 2, 3));
        Assert.Equal(1u, go.Counters.Live());
        Assert.Equal([uint.MaxValue, 0u], Tally(rust, uint.MaxValue - 1, 1, 1));
        Assert.Equal(1u, go.Counters.Live());

        Assert.Equal(101u, held.Add(1));
        held.Dispose();
        Assert.Equal(0u, go.Counters.Live());
    }

    [Fact]
    public void The_same_graph_runs_from_a_wac_file()
    {
        var folder = Directory.CreateTempSubdirectory("witbindgen-compose-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "guests"));
            foreach (var name in new[] { "store-go", "reporter-rust" })
            {
                File.Copy(
                    Path.Combine(AppContext.BaseDirectory, "guests", name + ".component.wasm"),
                    Path.Combine(folder.FullName, "guests", name + ".wasm"));
            }

            var wac = Path.Combine(folder.FullName, "report.wac");
            File.WriteAllText(wac, """
                package demo:report;

                let store = new guests:store-go { ... };
                let reporter = new guests:reporter-rust { store: store.store, counters: store.counters, ... };

                export reporter.report;
                export store.counters;
                """);
            var result = WacComposition.Load(wac, folder.FullName);
            Assert.True(result.Success, result.ToString());

            using var composition = LiveComposition.Instantiate(result.Plan!, BindingsRuntime.Runtime, BindingsRuntime.Wasi());
            Assert.Equal(Described, composition.GetFunction(Report, "describe")!.Invoke(WitValue.String(Text))[0].AsString());
            Assert.Equal(
                [7u, 9u],
                composition.GetFunction(Report, "tally")!.Invoke(WitValue.U32(5), WitValue.List(WitValue.U32(2), WitValue.U32(2)))[0]
                    .Items.Select(v => v.AsU32()));
            Assert.Equal(0u, composition.GetFunction(Counters, "live")!.Invoke()[0].AsU32());
            Assert.Equal(["store", "reporter"], composition.Plan.Instances.Select(i => i.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_CSharp_interposer_between_the_two_sees_and_can_change_every_call()
    {
        using var go = ProviderWorld.Instantiate(GoStore, BindingsRuntime.Wasi());
        var interposer = new CountingStore(go.Store);
        using var rust = ReporterWorld.Instantiate(
            RustReporter,
            new ReporterWorld.Imports(interposer),
            new HostImports().Link(Counters, go.Instance),
            BindingsRuntime.Wasi());

        Assert.Equal(Described, rust.Report.Describe(Text));
        Assert.Equal(["total([3, 5, 5, 3, 5])", "top([the=3, quick=5, brown=5, fox=3, jumps=5], 2)", "shout(\"the quick brown fox jumps\")"], interposer.Calls);

        // The interposer changes what Rust sees: Rust's result follows.
        interposer.Calls.Clear();
        interposer.Exclaim = true;
        Assert.Equal("HELLO WORLD!: 2 words, 10 letters, longest: hello, world", rust.Report.Describe("hello world"));
        Assert.Equal(3, interposer.Calls.Count);

        interposer.Calls.Clear();
        Assert.Equal(7u, rust.Report.AddLoop(3, 4, 3));
        Assert.Equal(["add(3, 4)", "add(3, 4)", "add(3, 4)"], interposer.Calls);

        // The counters import is still linked live to Go.
        Assert.Equal([2u], rust.Report.Tally(1, [1]));
        Assert.Equal(0u, go.Counters.Live());
    }

    [Fact]
    public void A_mismatched_link_between_the_real_components_is_refused_naming_both_sides_and_the_first_difference()
    {
        // total: func(values: list<u32>) -> u32 linked to test:guests/values.sum: func(xs: list<u32>) -> u64.
        using var go = GoStore.Instantiate(BindingsRuntime.Wasi());
        using var full = new BindingsGuest("full-go.component.wasm", full: true);
        var imports = BindingsRuntime.Wasi().Link(Counters, go);
        imports.DefineInstance(Store)
            .Link("add", go, Store, "add")
            .Link("shout", go, Store, "shout")
            .Link("top", go, Store, "top")
            .Link("total", full.Full!.Instance, "test:guests/values@0.1.0", "sum");

        var e = Assert.Throws<ComponentLinkException>(() => RustReporter.Instantiate(imports, "reporter"));
        Assert.Equal(
            "cannot link the function 'total' of the import 'test:compose/store@0.1.0' of the instance of world 'reporter' "
            + "to the function 'sum' of the export 'test:guests/values@0.1.0' of the instance of world 'full': "
            + "result: expected u32, found u64 (the import declares func(list<u32>) -> u32, the export has func(list<u32>) -> u64)",
            e.Message);
    }

    /// <summary>
    /// A C# class between the two components: implements the import side of <c>store</c> (the generated
    /// <see cref="IStore"/>) over Go's exported <c>store</c> object, which implements the same interface.
    /// </summary>
    private sealed class CountingStore(IStore inner) : IStore
    {
        public List<string> Calls { get; } = [];

        /// <summary>When set, shout adds an exclamation mark to what Go returns.</summary>
        public bool Exclaim { get; set; }

        public uint Add(uint a, uint b)
        {
            Calls.Add($"add({a}, {b})");
            return inner.Add(a, b);
        }

        public string Shout(string text)
        {
            Calls.Add($"shout(\"{text}\")");
            var shouted = inner.Shout(text);
            return Exclaim ? shouted + "!" : shouted;
        }

        public uint Total(uint[] values)
        {
            Calls.Add($"total([{string.Join(", ", values)}])");
            return inner.Total(values);
        }

        public string[] Top(Entry[] entries, uint n)
        {
            Calls.Add($"top([{string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}"))}], {n})");
            return inner.Top(entries, n);
        }
    }
}
