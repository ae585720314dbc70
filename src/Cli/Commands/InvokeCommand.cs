using System.CommandLine;
using WitBindgen.Cli.Components;
using WitBindgen.Cli.Wave;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen invoke &lt;component.wasm&gt; "name(args)"</c>: calls an exported function with arguments written in
/// WAVE and prints its result in WAVE (nothing for a function without one), as <c>wasmtime run --invoke</c> does.
/// WASI imports get a WASI host with no capabilities beyond standard output and error; any other import traps when
/// called.
/// </summary>
internal static class InvokeCommand
{
    public const string Usage =
        "usage: witbindgen invoke <component.wasm> \"<function>(<args>)\"\n" +
        "  Calls an exported function (name, iface#name or ns:pkg/iface@version#name) with WAVE arguments and prints\n" +
        "  the result in WAVE.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("component") { Description = "A component binary (.wasm)." };
        var call = new Argument<string>("call") { Description = "The call in WAVE: name(arg, ...), e.g. \"add(1, 2)\" or \"iface#greet(\\\"x\\\")\"." };
        var command = new Command("invoke", "Call an exported function with WAVE arguments and print the result in WAVE.") { path, call };
        command.SetAction(result => Run(context, result.GetValue(path)!, result.GetValue(call)!));
        return command;
    }

    private static int Run(CliContext context, string file, string call)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0)
        {
            return context.Fail($"expected `name(arguments)`, found `{call}`");
        }

        using var runtime = new ComponentRuntime();
        if (ComponentLoader.Load(runtime, file, context) is not { } loaded)
        {
            return ExitCodes.Failure;
        }

        var (component, type) = loaded;

        var (invocation, error) = Invocation.Find(type, call[..open].Trim());
        if (invocation is null)
        {
            return context.Fail(error!);
        }

        var names = new TypeNames(type);
        var parameters = invocation.Type.Parameters.Select(p => WaveTypes.Of(p.Type, names)).ToList();
        WitValue[] arguments;
        try
        {
            arguments = WaveParser.ParseArguments(call, open, parameters);
        }
        catch (WaveSyntaxException e)
        {
            context.Error.WriteLine($"error: invalid arguments at column {e.Column}: {e.Reason}");
            context.Error.WriteLine($"  {call}");
            context.Error.WriteLine($"  {new string(' ', e.Column - 1)}^");
            return ExitCodes.Failure;
        }

        try
        {
            var imports = new WasiConfiguration()
                .WithStdout(Console.OpenStandardOutput())
                .WithStderr(Console.OpenStandardError())
                .Build()
                .DefineUnknownAsTraps(component);
            using var instance = component.Instantiate(imports);
            var function = invocation.Instance is { } i ? instance.GetFunction(i, invocation.Function) : instance.GetFunction(invocation.Function);
            if (function is null)
            {
                return context.Fail($"`{call[..open].Trim()}` is not a function the runtime can call");
            }

            var results = function.Invoke(arguments);
            if (invocation.Type.Result is { } resultType && results.Length == 1)
            {
                context.Out.WriteLine(WavePrinter.Print(results[0], WaveTypes.Of(resultType, names)));
            }

            return ExitCodes.Ok;
        }
        catch (WasiExitException e)
        {
            return e.ExitCode;
        }
        catch (Exception e) when (e is ComponentTrapException or ComponentLinkException or Wasmtime.WasmtimeException or NotImplementedException or InvalidOperationException or ArgumentException)
        {
            return context.Fail(e.Message);
        }
    }
}
