// A plugin host: every file in plugins/ is a component of the world `plugin-world`
// (tests/components/wit/plugin.wit), written in Rust, Go, C or JavaScript. One set of bindings,
// generated from plugin.wit at build time, drives them all.
using System.Diagnostics;
using WitBindgen.Examples.Plugins.PluginWorld;
using WitBindgen.Runtime;
using WitBindgen.Wasi;

var inputs = args.Length > 0 ? args : ["hello plugin world"];

// Compiling a component's core modules is the slow part of loading it (the JS plugin carries a
// whole JavaScript engine, ~12 MB). The runtime keeps the compiled modules in this folder, keyed
// by their content, so the next run only deserializes them.
var cacheDirectory = Path.Combine(Path.GetTempPath(), "witbindgen-examples", "module-cache");
using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { CacheDirectory = cacheDirectory });
Console.WriteLine($"compiled-module cache: {cacheDirectory}");

// Plugins that import WASI (the language's standard library does) get a WASI host that grants
// nothing but writing to stdout: no files, no environment, no arguments, no network.
var wasi = new WasiConfiguration().WithStdout(Console.OpenStandardOutput()).Build();

var plugins = new List<(string Name, PluginWorld Instance)>();
var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "*.component.wasm");
Array.Sort(files, StringComparer.Ordinal);
Console.WriteLine($"loading {files.Length} plugins:");
foreach (var file in files)
{
    var compiledBefore = runtime.CompiledModules;
    var clock = Stopwatch.StartNew();
    var component = runtime.LoadFile(file);
    var usesWasi = component.ImportNames.Any(name => name.StartsWith("wasi:", StringComparison.Ordinal));
    var instance = usesWasi ? PluginWorld.Instantiate(component, wasi) : PluginWorld.Instantiate(component);
    clock.Stop();

    var name = instance.Plugin.Name();
    plugins.Add((name, instance));
    var compiled = runtime.CompiledModules - compiledBefore;
    Console.WriteLine(
        $"  {name,-10} from {Path.GetFileName(file),-26} {(usesWasi ? "WASI: stdout only" : "no WASI"),-17}  " +
        $"loaded in {clock.ElapsedMilliseconds,5} ms ({(compiled == 0 ? "from the cache" : $"{compiled} core modules compiled")})");
}

foreach (var input in inputs.Append(""))
{
    Console.WriteLine(input.Length == 0 ? "run(\"\") (an error case):" : $"run(\"{input}\"):");
    foreach (var (name, instance) in plugins)
    {
        // result<string, string> is the runtime's Result<string, string>: Match, TryGetValue, deconstruction, …
        Console.WriteLine(instance.Plugin.Run(input).Match(
            ok => $"  {name,-10} ok  \"{ok}\"",
            err => $"  {name,-10} err \"{err}\""));
    }
}

foreach (var (_, instance) in plugins)
{
    instance.Dispose();
}
