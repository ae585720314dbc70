using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi.Cli;
using WitBindgen.Wasi.Io;
using static WitBindgen.Wasi.P3.P3Types;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// <c>wasi:cli@0.3.0</c> over the 0.2 host's <see cref="CliImplementation"/> and stdio objects: the same arguments,
/// environment, initial directory and exit (the guest's output is delivered before the exit reaches the embedder);
/// stdin, stdout and stderr as streams pumped to and from the same host streams and output sinks (and limits). No
/// standard stream is a terminal.
/// </summary>
internal static class P3Cli
{
    public static void Define(HostImports imports, WasiContext context, CliImplementation cli, P3Resources resources)
    {
        imports.DefineInstance("wasi:cli/environment@0.3.0")
            .DefineFunction("get-environment", Func([], AbiType.List(AbiType.Tuple(AbiType.String, AbiType.String))), P3Call.Sync(context, "get-environment", _ =>
                WitValue.List(cli.GetEnvironment().Select(v => WitValue.Tuple(WitValue.String(v.Item1), WitValue.String(v.Item2))).ToArray())))
            .DefineFunction("get-arguments", Func([], AbiType.List(AbiType.String)), P3Call.Sync(context, "get-arguments", _ =>
                WitValue.List(cli.GetArguments().Select(WitValue.String).ToArray())))
            .DefineFunction("get-initial-cwd", Func([], OptionString), P3Call.Sync(context, "get-initial-cwd", _ =>
                cli.InitialCwd() is { } cwd ? WitValue.Some(WitValue.String(cwd)) : WitValue.None));

        imports.DefineInstance("wasi:cli/exit@0.3.0")
            .DefineFunction("exit", Func([AbiType.Result(null, null)]), P3Call.Sync(context, "exit", arguments =>
            {
                cli.Exit(arguments[0].IsOk ? Result<Unit, Unit>.FromOk(default) : Result<Unit, Unit>.FromErr(default));
                return [];
            }))
            .DefineFunction("exit-with-code", Func([AbiType.U8]), P3Call.Sync(context, "exit-with-code", arguments =>
            {
                cli.ExitWithCode(arguments[0].AsU8());
                return [];
            }));

        imports.DefineInstance("wasi:cli/types@0.3.0");
        var io = WitValue.Enum(0);
        var outcome = AbiType.Future(AbiType.Result(null, CliErrorCode));
        imports.DefineInstance("wasi:cli/stdin@0.3.0")
            .DefineFunction("read-via-stream", Func([], AbiType.Tuple(AbiType.Stream(AbiType.U8), outcome)), P3Call.Sync(context, "read-via-stream", _ =>
            {
                var source = new DotNetInputStream(context, context.Settings.Stdin);
                var (reader, writer) = P3Streams.Outcome(CliErrorCode);
                return WitValue.Tuple(P3Streams.ToGuest(source, _ => io, writer), reader.ToWitValue());
            }));
        DefineOutput(imports, context, "wasi:cli/stdout@0.3.0", static c => c.Stdout, outcome, io);
        DefineOutput(imports, context, "wasi:cli/stderr@0.3.0", static c => c.Stderr, outcome, io);

        var input = imports.DefineInstance("wasi:cli/terminal-input@0.3.0");
        var output = imports.DefineInstance("wasi:cli/terminal-output@0.3.0");
        resources.DefineTerminals(input, output);
        DefineNoTerminal(imports, context, "wasi:cli/terminal-stdin@0.3.0", "get-terminal-stdin", resources.TerminalInput);
        DefineNoTerminal(imports, context, "wasi:cli/terminal-stdout@0.3.0", "get-terminal-stdout", resources.TerminalOutput);
        DefineNoTerminal(imports, context, "wasi:cli/terminal-stderr@0.3.0", "get-terminal-stderr", resources.TerminalOutput);
    }

    /// <summary>
    /// <c>write-via-stream</c>: the guest's bytes go to the instance's sink (made on the first write), as the 0.2
    /// host's stdout and stderr.
    /// </summary>
    private static void DefineOutput(HostImports imports, WasiContext context, string instance, Func<WasiContext, OutputSink> sink, AbiType outcome, WitValue io) =>
        imports.DefineInstance(instance).DefineFunction("write-via-stream", Func([AbiType.Stream(AbiType.U8)], outcome),
            P3Call.Sync(context, "write-via-stream", arguments =>
            {
                var output = new SinkOutputStream(context, sink(context));
                var (reader, writer) = P3Streams.Outcome(CliErrorCode);
                P3Streams.FromGuest(arguments[0], output, _ => io, writer);
                return reader.ToWitValue();
            }));

    private static void DefineNoTerminal(HostImports imports, WasiContext context, string instance, string function, object terminal) =>
        imports.DefineInstance(instance).DefineFunction(function, Func([], AbiType.Option(AbiType.Own(terminal))),
            P3Call.Sync(context, function, _ => WitValue.None));
}
