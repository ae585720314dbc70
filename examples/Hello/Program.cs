// Loads a real component (core WebAssembly made into a component by jco with the WASI preview1
// reactor adapter), gives it a console for stdout, and calls its exports.
using WitBindgen.Examples.Hello;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;

var path = Path.Combine(AppContext.BaseDirectory, "hello.component.wasm");
var runtime = new ComponentRuntime();
var component = runtime.Load(File.ReadAllBytes(path));

Console.WriteLine($"{Path.GetFileName(path)} imports:");
foreach (var name in component.ImportNames)
{
    Console.WriteLine($"  {name}");
}

// Stdout goes to the console; every other WASI function the adapter imports traps if called.
var imports = new HostImports();
ConsoleStdout.Define(imports, Console.OpenStandardOutput());
imports.DefineUnknownAsTraps(component);

using var instance = component.Instantiate(imports);
var greet = instance.GetFunction("greet")!;
foreach (var name in args.Length > 0 ? args : ["World", "Wörld ✓"])
{
    Console.WriteLine($"greet(\"{name}\") = \"{greet.Invoke(WitValue.String(name))[0].AsString()}\"");
}

Console.WriteLine("shout() writes through wasi:io/streams:");
instance.GetFunction("shout")!.Invoke();
