using System.Text;
using WitBindgen.Runtime;
using Wasmtime;
using Wasmtime.Components;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>What one run of the hostile C guest printed, and how it ended.</summary>
/// <param name="ExitCode">0 or 1 as <c>wasi:cli/exit</c> (or <c>run</c>'s result) reported it; -1 when it trapped.</param>
/// <param name="Stdout">Its stdout.</param>
/// <param name="Stderr">Its stderr.</param>
/// <param name="Trap">The trap that ended it, if one did.</param>
internal sealed record GuestRun(int ExitCode, string Stdout, string Stderr, ComponentTrapException? Trap)
{
    /// <summary>The guest's attempt lines, label → what followed it (<c>ok …</c> or <c>denied ERRNO</c>).</summary>
    public IReadOnlyDictionary<string, string> Attempts =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(group => group.Key, group => group.Last()[1]);

    /// <summary>The attempts as ok/denied only (errno names differ between hosts; reads keep their content).</summary>
    public IReadOnlyDictionary<string, string> Verdicts =>
        Attempts.ToDictionary(a => a.Key, a => a.Value.StartsWith("denied", StringComparison.Ordinal) ? "denied" : a.Value);
}

/// <summary>
/// Runs <c>wasi-attack-c.component.wasm</c> (tests/components/wasi/c/attack.c: plain wasi-libc calls through the
/// preview1 command adapter) on this project's WASI host, or on Wasmtime's own as the reference.
/// </summary>
internal static class AttackGuest
{
    private const string RunInterface = "wasi:cli/run@0.2.12";
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "wasi", "wasi-attack-c.component.wasm");
    private static readonly Lazy<LoadedComponent> Ours = new(() => Probe.Runtime.LoadFile(FilePath));
    private static readonly Engine ReferenceEngine = new(new Config().WithComponentModel(true));
    private static readonly Lazy<Component> Reference = new(() => Component.FromBytes(ReferenceEngine, File.ReadAllBytes(FilePath)));

    /// <summary>Runs one scenario on this project's host; stdout and stderr are captured here.</summary>
    public static GuestRun Run(WasiConfiguration configuration, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        configuration.WithArgs(["attack", .. args]).WithStdout(stdout).WithStderr(stderr);
        var exitCode = -1;
        ComponentTrapException? trap = null;
        using (var instance = Ours.Value.Instantiate(configuration.Build()))
        {
            try
            {
                exitCode = instance.GetFunction(RunInterface, "run")!.Invoke()[0].IsOk ? 0 : 1;
            }
            catch (WasiExitException exit)
            {
                exitCode = exit.ExitCode;
            }
            catch (ComponentTrapException e)
            {
                trap = e;
            }
        }

        return new GuestRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), trap);
    }

    /// <summary>Runs one scenario on Wasmtime's WASI host with the tree's two preopens.</summary>
    public static GuestRun RunOnWasmtime(SandboxTree tree, params string[] args)
    {
        using var linker = new ComponentLinker(ReferenceEngine);
        linker.AddWasiPreview2();
        using var store = new Store(ReferenceEngine);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        store.SetWasiConfiguration(new Wasmtime.WasiConfiguration()
            .WithArgs(["attack", .. args])
            .WithStandardOutputCallback(data => { lock (stdout) stdout.Write(data); })
            .WithStandardErrorCallback(data => { lock (stderr) stderr.Write(data); })
            .WithPreopenedDirectory(tree.Data, "/data", true)
            .WithPreopenedDirectory(tree.Ro, "/ro", false));
        var instance = linker.Instantiate(store, Reference.Value);
        int exitCode;
        try
        {
            exitCode = instance.GetFunction(RunInterface, "run")!.Call()!.IsOk ? 0 : 1;
        }
        catch (WasmtimeException e) when (e.ExitCode is int code)
        {
            exitCode = code;
        }

        return new GuestRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), null);
    }
}
