// Composes two real components from a WAC file and runs them. app.wac instantiates a Go component
// (exports `store` and `counters`, tests/components/guests/go/store) and a Rust component that
// imports both and exports `report` (tests/components/guests/rust/reporter.rs); the runtime links
// the Rust instance's imports to the Go instance's exports live: calls go from one component's
// memory straight into the other's, and a resource the Go component owns is used by the Rust one.
using WitBindgen.Composition;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi;

var text = args.Length > 0 ? string.Join(' ', args) : "the quick brown fox jumps over the lazy dog";

// 1. Read and resolve the composition against the package folder (deps/example/*.wasm).
var wac = Path.Combine(AppContext.BaseDirectory, "app.wac");
var result = WacComposition.Load(wac, Path.Combine(AppContext.BaseDirectory, "deps"));
if (!result.Success)
{
    foreach (var diagnostic in result.Diagnostics)
    {
        Console.Error.WriteLine(diagnostic.Rendered);
    }

    return 1;
}

var plan = result.Plan!;
Console.WriteLine($"composition {plan.PackageName} from app.wac:");
foreach (var instance in plan.Instances)
{
    Console.WriteLine($"  let {instance.Name} = new {instance.Package.Reference} ({Path.GetFileName(instance.Package.ComponentPath)})");
    foreach (var argument in instance.Arguments)
    {
        Console.WriteLine($"      {argument}");
    }
}

foreach (var export in plan.Exports)
{
    Console.WriteLine($"  export {export}");
}

Console.WriteLine($"  imports from the host: {plan.Imports.Length} (WASI interfaces the Go and Rust runtimes use)");

// 2. Run it: one live instance per `let`; the pass-through imports come from a WASI host that grants nothing.
using var runtime = new ComponentRuntime();
using var app = LiveComposition.Instantiate(plan, runtime, new WasiConfiguration().Build());

const string Report = "test:compose/report@0.1.0";
var describe = app.GetFunction(Report, "describe")!;
var tally = app.GetFunction(Report, "tally")!;
var live = app.GetFunction("go-counters", "live")!;

Console.WriteLine();
Console.WriteLine($"describe(\"{text}\")");
Console.WriteLine($"  = \"{describe.Invoke(WitValue.String(text))[0].AsString()}\"");

uint[] steps = [5, 10, 20];
var totals = tally.Invoke(WitValue.U32(100), WitValue.List(steps.Select(WitValue.U32).ToArray()))[0].Items.Select(v => v.AsU32());
Console.WriteLine($"tally(100, [{string.Join(", ", steps)}]) = [{string.Join(", ", totals)}]");
Console.WriteLine($"  (a counter created in Go, added to and dropped by Rust; counters alive in Go now: {live.Invoke()[0].AsU32()})");
return 0;
