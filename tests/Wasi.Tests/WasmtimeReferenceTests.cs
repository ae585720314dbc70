// Reference run of the WASI probe fixtures (tests/components/wasi, see tests/components/README.md)
// on Wasmtime's own WASI 0.2 implementation through Wasmtime.Components (Wasmtime .NET 50.0.1):
// ComponentLinker.AddWasiPreview2 + a WasiConfiguration per store (args, env, stdin file,
// stdout/stderr callbacks, one preopened directory mounted as /data), then a call of the
// component's `wasi:cli/run@0.2.12#run` export.
//
// What these tests pin down, so that our own WASI host can be held to the same outputs:
// * every scenario of every language prints exactly the documented lines;
// * `exit`: the programs call proc_exit(3), but the preview1 command adapter can only express
//   wasi:cli/exit.exit(result<_, _>) (no exit-with-code in WASI 0.2.12 stable), so the host sees
//   exit(err); Wasmtime reports that as exit code 1. Status 3 is not observable through WASI 0.2.
// * Go's runtime always ends with proc_exit(0) (wasi:cli/exit.exit(ok)) instead of returning from
//   run; Wasmtime reports that as an exit error with code 0, the others return ok from run.
//
// Nothing is skipped: the Wasmtime .NET API covers args, env, stdin, stdout/stderr capture,
// preopens and calling the run export.
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Wasmtime;
using Wasmtime.Components;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>Runs the wasi-probe components on Wasmtime's WASI 0.2 host and checks their exact output.</summary>
public sealed partial class WasmtimeReferenceTests
{
    private const string RunInterface = "wasi:cli/run@0.2.12";

    private static readonly Engine SharedEngine = new(new Config().WithComponentModel(true));
    private static readonly ConcurrentDictionary<string, Lazy<Component>> Components = new();

    public static TheoryData<string> Languages => new() { "rust", "go", "c" };

    private static Component Load(string lang) =>
        Components.GetOrAdd(lang, l => new Lazy<Component>(() =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "wasi", $"wasi-probe-{l}.component.wasm");
            return Component.FromBytes(SharedEngine, File.ReadAllBytes(path));
        })).Value;

    private sealed record RunResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs one component's wasi:cli/run with the given WASI context.</summary>
    private static RunResult Run(string lang, IReadOnlyList<string> args,
        IEnumerable<(string, string)>? env = null, string? stdinFile = null, string? dataDir = null)
    {
        var component = Load(lang);
        using var linker = new ComponentLinker(SharedEngine);
        linker.AddWasiPreview2();
        using var store = new Store(SharedEngine);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var config = new Wasmtime.WasiConfiguration()
            .WithArgs(new[] { $"wasi-probe-{lang}.wasm" }.Concat(args))
            .WithStandardOutputCallback(data => { lock (stdout) stdout.Write(data); })
            .WithStandardErrorCallback(data => { lock (stderr) stderr.Write(data); });
        if (env != null) config = config.WithEnvironmentVariables(env);
        if (stdinFile != null) config = config.WithStandardInput(stdinFile);
        if (dataDir != null) config = config.WithPreopenedDirectory(dataDir, "/data", true);
        store.SetWasiConfiguration(config);

        var instance = linker.Instantiate(store, component);
        var run = instance.GetFunction(RunInterface, "run")
            ?? throw new InvalidOperationException($"{lang}: no {RunInterface}#run export");
        int exitCode;
        try
        {
            var result = run.Call() ?? throw new InvalidOperationException("run returned no result");
            exitCode = result.IsOk ? 0 : 1;
        }
        catch (WasmtimeException e) when (e.ExitCode is int code)
        {
            exitCode = code; // proc_exit -> wasi:cli/exit.exit
        }
        string Text(MemoryStream s) { lock (s) return Encoding.UTF8.GetString(s.ToArray()); }
        return new RunResult(exitCode, Text(stdout), Text(stderr));
    }

    private static void AssertOk(RunResult r, string expectedStdout)
    {
        Assert.Equal("", r.Stderr);
        Assert.Equal(expectedStdout, r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Hello(string lang)
    {
        var r = Run(lang, ["hello"]);
        Assert.Equal($"hello from {lang}\n", r.Stdout);
        Assert.Equal($"warning from {lang}\n", r.Stderr);
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Args(string lang)
    {
        var r = Run(lang, ["args", "one", "two words", "", "ünï€😀", "x=y"]);
        AssertOk(r, "arg 1=args\narg 2=one\narg 3=two words\narg 4=\narg 5=ünï€😀\narg 6=x=y\n");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Env(string lang)
    {
        var r = Run(lang, ["env"], env: [("b", "lower"), ("Z", "z"), ("A_B", "a=b=c"), ("A", ""), ("B", "ünï")]);
        // ordinal order of the keys: "A" < "A_B" < "B" < "Z" < "b"
        AssertOk(r, "env A=\nenv A_B=a=b=c\nenv B=ünï\nenv Z=z\nenv b=lower\n");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EnvEmpty(string lang) => AssertOk(Run(lang, ["env"]), "");

    [Theory]
    [MemberData(nameof(Languages))]
    public void Stdin(string lang)
    {
        var dir = Directory.CreateTempSubdirectory("wasi-stdin-");
        try
        {
            var small = Path.Combine(dir.FullName, "small.txt");
            File.WriteAllText(small, "Hello, wasi! äöü 123\nline two\n", new UTF8Encoding(false));
            AssertOk(Run(lang, ["stdin"], stdinFile: small), "HELLO, WASI! äöü 123\nLINE TWO\n");

            // larger than any single read, so the guest has to loop until end of stream
            var big = Path.Combine(dir.FullName, "big.txt");
            var line = "the quick brown fox jumps over the lazy dog 0123456789\n";
            File.WriteAllText(big, string.Concat(Enumerable.Repeat(line, 5000)));
            AssertOk(Run(lang, ["stdin"], stdinFile: big), string.Concat(Enumerable.Repeat(line.ToUpperInvariant(), 5000)));

            // several MiB: the guest heap grows well past the pages the WASI adapter took for itself
            var huge = Path.Combine(dir.FullName, "huge.txt");
            var chunk = string.Concat(Enumerable.Repeat(line, 1000));
            File.WriteAllText(huge, string.Concat(Enumerable.Repeat(chunk, 80)));
            AssertOk(Run(lang, ["stdin"], stdinFile: huge), string.Concat(Enumerable.Repeat(chunk.ToUpperInvariant(), 80)));

            var empty = Path.Combine(dir.FullName, "empty.txt");
            File.WriteAllBytes(empty, []);
            AssertOk(Run(lang, ["stdin"], stdinFile: empty), "");
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Files(string lang)
    {
        var dir = Directory.CreateTempSubdirectory("wasi-files-");
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(dir.FullName, "data")).FullName;
            File.WriteAllText(Path.Combine(data, "input.txt"), "Some input, line 1\nline 2 äö\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(data, "Zeta.txt"), "z");
            var expectedContent = "SOME INPUT, LINE 1\nLINE 2 äö\n";
            var size = Encoding.UTF8.GetByteCount(expectedContent);

            var r = Run(lang, ["files"], dataDir: data);
            // entries sorted by name (bytewise): uppercase before lowercase
            AssertOk(r, $"entry Zeta.txt\nentry input.txt\nentry made\nentry output.txt\nsize {size}\n");
            Assert.Equal(expectedContent, File.ReadAllText(Path.Combine(data, "output.txt")));
            Assert.True(Directory.Exists(Path.Combine(data, "made")));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void FilesWithoutPreopenFails()
    {
        foreach (var lang in new[] { "rust", "go", "c" })
        {
            var r = Run(lang, ["files"]);
            Assert.Equal("", r.Stdout);
            Assert.StartsWith("error: read /data/input.txt: ", r.Stderr);
            Assert.Equal(1, r.ExitCode); // proc_exit(1) -> exit(err)
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Clock(string lang)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var r = Run(lang, ["clock"]);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        var m = ClockOutput().Match(r.Stdout);
        Assert.True(m.Success, r.Stdout);
        var wall = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wall, before - 1, after + 1);
    }

    [GeneratedRegex(@"\Awall ([0-9]+)\nmono-ok\nresolution-ok\n\z")]
    private static partial Regex ClockOutput();

    [Theory]
    [MemberData(nameof(Languages))]
    public void Random(string lang)
    {
        var a = Run(lang, ["random"]);
        var b = Run(lang, ["random"]);
        Assert.Equal(0, a.ExitCode);
        Assert.Equal("", a.Stderr);
        Assert.Matches(RandomOutput(), a.Stdout);
        Assert.Matches(RandomOutput(), b.Stdout);
        Assert.NotEqual(a.Stdout, b.Stdout);
    }

    [GeneratedRegex(@"\Arandom [0-9a-f]{32}\n\z")]
    private static partial Regex RandomOutput();

    [Theory]
    [MemberData(nameof(Languages))]
    public void Exit(string lang)
    {
        var r = Run(lang, ["exit"]);
        Assert.Equal("exiting\n", r.Stdout);
        Assert.Equal("", r.Stderr);
        // proc_exit(3) becomes wasi:cli/exit.exit(err): WASI 0.2 carries no status, Wasmtime reports 1.
        Assert.Equal(1, r.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void UnknownScenario(string lang)
    {
        var r = Run(lang, ["nope"]);
        Assert.Equal("", r.Stdout);
        Assert.Equal("unknown scenario: nope\n", r.Stderr);
        Assert.Equal(1, r.ExitCode); // status 2 -> exit(err)
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Escape(string lang)
    {
        var dir = Directory.CreateTempSubdirectory("wasi-escape-");
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(dir.FullName, "data")).FullName;
            File.WriteAllText(Path.Combine(dir.FullName, "secret.txt"), "secret");
            File.WriteAllText(Path.Combine(data, "inside.txt"), "fine");
            // a symlink inside the preopen that points at the directory outside it
            Directory.CreateSymbolicLink(Path.Combine(data, "link-out"), dir.FullName);

            var r = Run(lang, ["escape"], dataDir: data);
            AssertOk(r,
                "escape /data/../secret.txt denied\n" +
                "escape /etc/passwd denied\n" +
                "escape /data/link-out/secret.txt denied\n" +
                "escape /data/../new.txt denied\n");
            Assert.False(File.Exists(Path.Combine(dir.FullName, "new.txt")));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void ExportsWasiCliRun()
    {
        foreach (var lang in new[] { "rust", "go", "c" })
        {
            var component = Load(lang);
            Assert.NotNull(component.GetExport(RunInterface));
        }
    }
}
