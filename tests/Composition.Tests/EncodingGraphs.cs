using WitBindgen.Runtime.Abi;
using CV = Wasmtime.Components.ComponentValue;

namespace WitBindgen.Composition.Tests;

/// <summary>
/// The composition graphs the encoding tests run, over the fixtures store, mid and top (Fixtures/*.wat), and the
/// calls made on each. mid and warner pass test:enc/logger@1.0.0 through to the host (mid's declares log, warner's
/// warn); adder passes a plain function import "log" through.
/// </summary>
internal static class EncodingGraphs
{
    public const string Logger = "test:enc/logger@1.0.0";

    public static PackageFolder Folder() =>
        new PackageFolder()
            .Fixture("test/store.wasm", "store")
            .Fixture("test/mid.wasm", "mid")
            .Fixture("test/top.wasm", "top")
            .Fixture("test/warner.wasm", "warner")
            .Fixture("test/adder.wasm", "adder");

    /// <summary>A call of a composition export: a function, or a function of an exported interface.</summary>
    public sealed record Call(string Export, string? Function, params WitValue[] Arguments)
    {
        public override string ToString() => Function is null ? Export : $"{Export}#{Function}";
    }

    private static WitValue Text(string s) => WitValue.String(s);

    private static WitValue Numbers(params uint[] values) => WitValue.List(values.Select(WitValue.U32).ToArray());

    /// <summary>Calls of everything mid's test:enc/app@1.0.0 exports, under the export name <paramref name="export"/>.</summary>
    public static IEnumerable<Call> AppCalls(string export) =>
    [
        new(export, "twice", WitValue.U32(20), WitValue.U32(1)),
        new(export, "tick"),
        new(export, "greet", Text("hello")),
        new(export, "greet", Text("café ✓ 😀 " + new string('é', 150))),
        new(export, "total", Numbers(1, 2, 3, 4000000000)),
        new(export, "total", Numbers()),
        new(export, "tick"),
    ];

    /// <summary>
    /// Named graphs: the WAC text and the calls. Each graph's results (and the strings logged to the host) are
    /// compared across the live composition, the encoded binary on this runtime and on Wasmtime.
    /// </summary>
    public static readonly Dictionary<string, (string Wac, Call[] Calls)> Graphs = new()
    {
        // store -> mid -> top: a two-level chain; mid's logger comes from the host.
        ["chain"] = ("""
            package demo:chain;
            let store = new test:store {};
            let mid = new test:mid { text: store.text, ... };
            let top = new test:top { app: mid.app };
            export top.run;
            export mid.app;
            """,
            [new("run", null, Text("hi")), new("run", null, Text("ünïcode ✓")), .. AppCalls("test:enc/app@1.0.0")]),

        // One store shared by two mids (its counter shows the sharing), both passing the logger through.
        ["shared"] = ("""
            package demo:shared;
            let store = new test:store {};
            let first = new test:mid { text: store.text, ... };
            let second = new test:mid { ...store, ... };
            export first.app as first;
            export second.app as second;
            """,
            [.. AppCalls("first"), .. AppCalls("second"), new("first", "tick"), new("second", "tick")]),

        // An interface exported under a new name and the store's own interface re-exported as it is.
        ["renamed"] = ("""
            package demo:renamed@1.0.0;
            let store = new test:store {};
            let mid = new test:mid { text: store["test:enc/text@1.0.0"], ... };
            export mid.app as "test:other/greeting@2.0.0";
            export store.text;
            """,
            [.. AppCalls("test:other/greeting@2.0.0"),
             new("test:enc/text@1.0.0", "shout", Text("direct")),
             new("test:enc/text@1.0.0", "sum", Numbers(7, 8)),
             new("test:enc/text@1.0.0", "tick")]),

        // Two packages pass the same import through, each declaring other functions of it: the composition imports
        // it once, typed with both.
        ["merged"] = ("""
            package demo:merged;
            let store = new test:store {};
            let mid = new test:mid { text: store.text, ... };
            let warner = new test:warner { ... };
            export mid.app as app;
            export warner.check;
            """,
            [new("check", null, Text("careful ✓")), .. AppCalls("app"), new("check", null, Text(""))]),
    };

    /// <summary>
    /// Graphs whose composition imports a plain function (adder's "log"), shared by two instances, and exports
    /// functions.
    /// </summary>
    public static readonly Dictionary<string, (string Wac, Call[] Calls)> FunctionGraphs = new()
    {
        ["functions"] = ("""
            package demo:functions;
            let first = new test:adder { ... };
            let second = new test:adder { ... };
            export first.add-logged;
            export second["add-logged"] as other;
            """,
            [new("add-logged", null, WitValue.U32(1), WitValue.U32(2)), new("other", null, WitValue.U32(40), WitValue.U32(2)),
             new("add-logged", null, WitValue.U32(uint.MaxValue), WitValue.U32(1))]),
    };

    /// <summary>A Wasmtime component value for one of the values the graphs pass (u32, string, list of u32).</summary>
    public static CV ToWasmtime(WitValue value) => value.Kind switch
    {
        WitValueKind.U32 => CV.U32(value.AsU32()),
        WitValueKind.String => CV.String(value.AsString()),
        WitValueKind.List => CV.List(value.Items.Select(ToWasmtime).ToList()),
        _ => throw new NotSupportedException(value.Kind.ToString()),
    };

    /// <summary>Wasmtime's result as a <see cref="WitValue"/> of the kind <paramref name="like"/> has.</summary>
    public static WitValue FromWasmtime(CV value, WitValue like) => like.Kind switch
    {
        WitValueKind.U32 => WitValue.U32(value.AsU32()),
        WitValueKind.String => WitValue.String(value.AsString()),
        _ => throw new NotSupportedException(like.Kind.ToString()),
    };
}
