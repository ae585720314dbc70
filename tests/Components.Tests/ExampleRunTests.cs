// Runs the examples examples/Calculator, examples/Plugins and examples/Composition from this project's build output (they
// are project references) as processes, and checks what they print: every value is computed by the
// guest components through the examples' generated bindings.
using System.Diagnostics;
using Xunit;

namespace WitBindgen.Components.Tests;

/// <summary>The Calculator, Plugins and Composition examples, run as a user runs them.</summary>
public sealed class ExampleRunTests
{
    [Fact]
    public void Calculator_prints_the_session_computed_by_the_Rust_guest()
    {
        var (exitCode, stdout, stderr) = Run("Calculator.dll");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        Assert.Equal(
            """
            Loaded full-rust.component.wasm (Rust, world test:guests/full@0.1.0)
            add 19 + 23 = 42
            greet("Zoë 🦀") = "Hello, Zoë 🦀!"
            sum [1, 2, 3, 4000000000] = 4000000006
            double-all [1, 2, 3, 4000000000] = [2, 4, 6, 3705032704]
            translate (3, 4) by (10, -20) = (13, -16)
            area circle(1.5) = 7.0685834705770345
            area rect(-6, 7) = 42
            area named("hexagon") = 7
            area empty = 0
            divide 84 / 2 = ok 42
            divide 1 / 0 = error "division by zero"
            log-all ["starting", "working", "done"]:
              [guest log] starting
              [guest log] working
              [guest log] done
              returned "3 messages logged"
            counter new(5), increment(3): get = 8
            other zero(), increment(10): peek = 10
            counter merge(other): get = 18, other moved into the guest: yes
            dropped before dispose = 1
            dropped after dispose = 2

            """,
            stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Calculator_adds_its_arguments_with_wrapping()
    {
        var (exitCode, stdout, stderr) = Run("Calculator.dll", "4294967295", "2", "7");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        Assert.Contains("\nadd 4294967295 + 2 + 7 = 8\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Calculator_rejects_an_argument_that_is_not_a_u32()
    {
        var (exitCode, stdout, stderr) = Run("Calculator.dll", "-1");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("not a number from 0 to 4294967295: -1", stderr);
    }

    [Fact]
    public void Plugins_loads_four_languages_and_runs_each_input_through_each_plugin()
    {
        // The first run on a machine compiles the JS plugin's engine (seconds); later runs read the
        // compiled modules from the example's cache in the user's temp folder.
        var (exitCode, stdout, stderr) = Run("Plugins.dll", "hello plugin world", "Zoë and the 🦀");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("compiled-module cache: ", lines[0]);
        Assert.Equal("loading 4 plugins:", lines[1]);
        string[] loaded =
        [
            @"  c-reverse  from plugin-c\.component\.wasm    no WASI            loaded in +\d+ ms \((from the cache|\d+ core modules compiled)\)",
            @"  go-title   from plugin-go\.component\.wasm   WASI: stdout only  loaded in +\d+ ms \((from the cache|\d+ core modules compiled)\)",
            @"  js-count   from plugin-js\.component\.wasm   WASI: stdout only  loaded in +\d+ ms \((from the cache|\d+ core modules compiled)\)",
            @"  rust-upper from plugin-rust\.component\.wasm WASI: stdout only  loaded in +\d+ ms \((from the cache|\d+ core modules compiled)\)",
        ];
        for (var i = 0; i < loaded.Length; i++)
        {
            Assert.Matches("^" + loaded[i] + "$", lines[2 + i]);
        }

        Assert.Equal(
            """
            run("hello plugin world"):
              c-reverse  ok  "dlrow nigulp olleh"
              go-title   ok  "Hello Plugin World"
              js-count   ok  "18 chars"
              rust-upper ok  "HELLO PLUGIN WORLD"
            run("Zoë and the 🦀"):
              c-reverse  ok  "🦀 eht dna ëoZ"
              go-title   ok  "Zoë And The 🦀"
              js-count   ok  "13 chars"
              rust-upper ok  "ZOë AND THE 🦀"
            run("") (an error case):
              c-reverse  err "empty input"
              go-title   err "empty input"
              js-count   err "empty input"
              rust-upper err "empty input"

            """,
            string.Join("\n", lines.Skip(2 + loaded.Length)));
    }

    [Fact]
    public void Composition_runs_the_Rust_reporter_linked_to_the_Go_store_from_app_wac()
    {
        var (exitCode, stdout, stderr) = Run("Composition.dll", "Zoë", "and", "the", "crabs");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        Assert.Equal(
            """
            composition example:app from app.wac:
              let store = new example:store (store.wasm)
              let reporter = new example:reporter (reporter.wasm)
                  test:compose/store@0.1.0 <- store["test:compose/store@0.1.0"]
                  test:compose/counters@0.1.0 <- store["test:compose/counters@0.1.0"]
              export test:compose/report@0.1.0 <- reporter["test:compose/report@0.1.0"]
              export go-counters <- store["test:compose/counters@0.1.0"]
              imports from the host: 18 (WASI interfaces the Go and Rust runtimes use)

            describe("Zoë and the crabs")
              = "ZOë AND THE CRABS: 4 words, 14 letters, longest: crabs, Zoë"
            tally(100, [5, 10, 20]) = [105, 115, 135]
              (a counter created in Go, added to and dropped by Rust; counters alive in Go now: 0)

            """,
            stdout.ReplaceLineEndings("\n"));
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} did not finish within 180 s");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }
}
