using System.CommandLine;
using WitBindgen.Cli.Components;
using WitBindgen.Runtime;
using WitBindgen.Wasi;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen run &lt;component.wasm&gt; [-- ARGS]</c>: runs a <c>wasi:cli/run</c> component on the WASI 0.2 host
/// with exactly the capabilities given (standard streams; the directories of <c>--dir</c>; the variables of
/// <c>--env</c>, or the tool's own with <c>--inherit-env</c>), and exits with the component's exit code
/// (<c>wasi:cli/exit</c>; <c>run</c> returning <c>ok</c> is 0, <c>err</c> is 1).
/// </summary>
internal static class RunCommand
{
    public const string Usage =
        "usage: witbindgen run <component.wasm> [--dir HOST::GUEST[:ro]]... [--env K=V]... [--inherit-env] [-- ARGS...]\n" +
        "  Runs a wasi:cli/run component with only the given capabilities; exits with its exit code.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("component") { Description = "A component binary (.wasm) exporting wasi:cli/run." };
        var args = new Argument<string[]>("args") { Description = "The program's arguments (after the file name, which is argv[0]).", Arity = ArgumentArity.ZeroOrMore };
        var dirs = new System.CommandLine.Option<string[]>("--dir")
        {
            Description = "Preopen a host directory: HOST::GUEST (read-write), HOST::GUEST:ro (read-only), or HOST (as itself).",
            AllowMultipleArgumentsPerToken = false,
        };
        var env = new System.CommandLine.Option<string[]>("--env") { Description = "Set an environment variable: K=V.", AllowMultipleArgumentsPerToken = false };
        var inherit = new System.CommandLine.Option<bool>("--inherit-env") { Description = "Give the program this process's environment variables." };
        var command = new Command("run", "Run a wasi:cli/run component on the WASI 0.2 host.") { path, args, dirs, env, inherit };
        command.SetAction(result => Run(context, result.GetValue(path)!, result.GetValue(args) ?? [], result.GetValue(dirs) ?? [], result.GetValue(env) ?? [], result.GetValue(inherit)));
        return command;
    }

    private static int Run(CliContext context, string file, string[] args, string[] dirs, string[] env, bool inheritEnv)
    {
        var config = new WasiConfiguration().WithArgs([Path.GetFileName(file), .. args]).InheritStdio();
        if (inheritEnv)
        {
            config.InheritEnvironment();
        }

        foreach (var variable in env)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return context.Fail($"--env `{variable}`: expected NAME=VALUE");
            }

            config.WithEnvironment(variable[..equals], variable[(equals + 1)..]);
        }

        foreach (var dir in dirs)
        {
            if (Preopen(dir) is not { } preopen)
            {
                return context.Fail($"--dir `{dir}`: expected HOST::GUEST, HOST::GUEST:ro or HOST");
            }

            var (host, guest, access) = preopen;

            try
            {
                config.WithPreopenedDirectory(host, guest, access);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return context.Fail($"--dir `{dir}`: {e.Message}");
            }
        }

        using var runtime = new ComponentRuntime();
        if (ComponentLoader.Load(runtime, file, context) is not { } loaded)
        {
            return ExitCodes.Failure;
        }

        var (component, type) = loaded;

        var run = type.Exports.Select(e => e.Name).FirstOrDefault(n =>
            n.StartsWith("wasi:cli/run@0.2.", StringComparison.Ordinal) || n.StartsWith("wasi:cli/run@0.3.", StringComparison.Ordinal));
        if (run is null)
        {
            return context.Fail($"`{file}` does not export wasi:cli/run@0.2.x or @0.3.x (exports: {string.Join(", ", type.Exports.Select(e => e.Name))})");
        }

        try
        {
            using var instance = component.Instantiate(config.Build().DefineUnknownAsTraps(component));
            var function = instance.GetFunction(run, "run");
            if (function is null)
            {
                return context.Fail($"`{run}` has no function `run`");
            }

            return function.Invoke()[0].IsOk ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (WasiExitException e)
        {
            return e.ExitCode;
        }
        catch (Exception e) when (e is ComponentTrapException or ComponentLinkException or Wasmtime.WasmtimeException or NotImplementedException or InvalidOperationException or PlatformNotSupportedException or IOException)
        {
            return context.Fail(e.Message);
        }
    }

    /// <summary>HOST::GUEST[:ro|:rw], or HOST alone (the guest sees it at the same path); read-write unless :ro.</summary>
    internal static (string Host, string Guest, WasiDirectoryAccess Access)? Preopen(string text)
    {
        var separator = text.IndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
        {
            return text.Length == 0 ? null : (text, text, WasiDirectoryAccess.ReadWrite);
        }

        var host = text[..separator];
        var guest = text[(separator + 2)..];
        var access = WasiDirectoryAccess.ReadWrite;
        if (guest.EndsWith(":ro", StringComparison.Ordinal))
        {
            access = WasiDirectoryAccess.ReadOnly;
            guest = guest[..^3];
        }
        else if (guest.EndsWith(":rw", StringComparison.Ordinal))
        {
            guest = guest[..^3];
        }

        return host.Length == 0 || guest.Length == 0 ? null : (host, guest, access);
    }
}
