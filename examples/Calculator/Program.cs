// Calls a real Rust component (tests/components/guests/rust/full.rs, world `full` of guests.wit)
// through bindings generated from guests.wit at build time: the `host` import is implemented in C#
// below, the `values` and `counters` exports are called as ordinary C# methods.
using System.Globalization;
using WitBindgen.Examples.Calculator.Counters;
using WitBindgen.Examples.Calculator.Full;
using WitBindgen.Examples.Calculator.Host;
using WitBindgen.Examples.Calculator.Values;
using WitBindgen.Runtime;
using WitBindgen.Wasi;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Optional arguments: the numbers to add (u32), 19 and 23 by default.
var numbers = new List<uint>();
foreach (var arg in args.Length > 0 ? args : ["19", "23"])
{
    if (!uint.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
    {
        Console.Error.WriteLine($"not a number from 0 to {uint.MaxValue}: {arg}");
        return 2;
    }

    numbers.Add(n);
}

var path = Path.Combine(AppContext.BaseDirectory, "full-rust.component.wasm");
using var runtime = new ComponentRuntime();

// Rust's standard library imports WASI (through jco's preview1 reactor adapter); the WASI host
// grants it nothing but the console's stdout and is passed as a provider of the imports the
// world itself does not name.
var wasi = new WasiConfiguration().WithStdout(Console.OpenStandardOutput()).Build();
using var guest = FullWorld.Instantiate(runtime, path, new FullWorld.Imports(new ConsoleHost()), wasi);
var values = guest.Values;

Console.WriteLine($"Loaded {Path.GetFileName(path)} (Rust, world test:guests/full@0.1.0)");

// add: u32 wrapping addition, folded over the arguments.
var total = 0u;
foreach (var n in numbers)
{
    total = values.Add(total, n);
}

Console.WriteLine($"add {string.Join(" + ", numbers)} = {total}");

// Strings cross the boundary as UTF-8.
Console.WriteLine($"greet(\"Zoë 🦀\") = \"{values.Greet("Zoë 🦀")}\"");

// Lists: the sum comes back as u64, double-all wraps at 32 bits.
uint[] list = [1, 2, 3, 4_000_000_000];
Console.WriteLine($"sum [{string.Join(", ", list)}] = {values.Sum(list)}");
Console.WriteLine($"double-all [{string.Join(", ", list)}] = [{string.Join(", ", values.DoubleAll(list))}]");

// Records and variants.
var moved = values.Translate(new Point(3, 4), 10, -20);
Console.WriteLine($"translate (3, 4) by (10, -20) = ({moved.X}, {moved.Y})");
Shape[] shapes = [new Shape.Circle(1.5f), new Shape.Rect(new Point(-6, 7)), new Shape.Named("hexagon"), new Shape.Empty()];
foreach (var shape in shapes)
{
    Console.WriteLine($"area {Describe(shape)} = {values.Area(shape)}");
}

// result<s32, string>: an error is a value, not an exception.
foreach (var (a, b) in new[] { (84, 2), (1, 0) })
{
    var quotient = values.Divide(a, b);
    Console.WriteLine(quotient.TryGetValue(out var q) ? $"divide {a} / {b} = ok {q}" : $"divide {a} / {b} = error \"{quotient.Err}\"");
}

// The guest calls back into the host: log for each message, then label for the count.
Console.WriteLine("log-all [\"starting\", \"working\", \"done\"]:");
Console.WriteLine($"  returned \"{values.LogAll(["starting", "working", "done"])}\"");

// A resource implemented by the guest: a C# object owning a handle; disposing it drops the handle.
var counters = guest.Counters;
using (var counter = counters.NewCounter(5))
{
    counter.Increment(3);
    Console.WriteLine($"counter new(5), increment(3): get = {counter.Get()}");
    var other = counters.CounterZero();
    other.Increment(10);
    Console.WriteLine($"other zero(), increment(10): peek = {counters.Peek(other)}");
    counter.Merge(other);
    Console.WriteLine($"counter merge(other): get = {counter.Get()}, other moved into the guest: {(other.IsDisposed ? "yes" : "no")}");
    Console.WriteLine($"dropped before dispose = {counters.Dropped()}");
}

Console.WriteLine($"dropped after dispose = {counters.Dropped()}");
return 0;

static string Describe(Shape shape) => shape switch
{
    Shape.Circle c => $"circle({c.Value})",
    Shape.Rect r => $"rect({r.Value.X}, {r.Value.Y})",
    Shape.Named n => $"named(\"{n.Value}\")",
    _ => "empty",
};

/// <summary>The world's `host` import, implemented in C#.</summary>
internal sealed class ConsoleHost : IHost
{
    public void Log(string message) => Console.WriteLine($"  [guest log] {message}");

    public string Label(uint id) => $"{id} messages logged";
}
