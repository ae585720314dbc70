// Loads a real component (core WebAssembly made into a component by jco with the WASI preview1
// reactor adapter) and calls its exports through bindings generated from hello.wit at build time.
using WitBindgen.Examples.Hello.Hello;
using WitBindgen.Runtime;
using WitBindgen.Wasi;

var path = Path.Combine(AppContext.BaseDirectory, "hello.component.wasm");
using var runtime = new ComponentRuntime();
var component = runtime.LoadFile(path);

Console.WriteLine($"{Path.GetFileName(path)} imports:");
foreach (var name in component.ImportNames)
{
    Console.WriteLine($"  {name}");
}

// The world names no imports, but the adapter imports WASI: the WASI host grants exactly one
// capability, writing to the console's stdout (no files, no environment, no arguments), and is
// passed as a provider of the imports the world itself does not name.
var wasi = new WasiConfiguration().WithStdout(Console.OpenStandardOutput()).Build();

using var hello = HelloWorld.Instantiate(component, wasi);
foreach (var name in args.Length > 0 ? args : ["World", "Wörld ✓"])
{
    Console.WriteLine($"greet(\"{name}\") = \"{hello.Greet(name)}\"");
}

Console.WriteLine("shout() writes through wasi:io/streams:");
hello.Shout();
