using Wasi.Cli.Environment;
using Wasi.Cli.Exit;
using Wasi.Cli.Stderr;
using Wasi.Cli.Stdin;
using Wasi.Cli.Stdout;
using Wasi.Cli.TerminalInput;
using Wasi.Cli.TerminalOutput;
using Wasi.Cli.TerminalStderr;
using Wasi.Cli.TerminalStdin;
using Wasi.Cli.TerminalStdout;
using Wasi.Io.Streams;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Io;

namespace WitBindgen.Wasi.Cli;

/// <summary>
/// <c>wasi:cli</c>: environment, exit, the standard streams and the terminal interfaces (which report that no
/// stream is a terminal).
/// </summary>
internal sealed class CliImplementation :
    IEnvironment, IExit, IStdin, IStdout, IStderr,
    ITerminalInput, ITerminalOutput, ITerminalStdin, ITerminalStdout, ITerminalStderr
{
    private readonly WasiContext _context;

    public CliImplementation(WasiContext context) => _context = context;

    private WasiSettings Settings => _context.Settings;

    public (string, string)[] GetEnvironment() =>
        HostCall.Trap(_context, "get-environment", () => ((string, string)[])Settings.Environment.Clone());

    public string[] GetArguments() => HostCall.Trap(_context, "get-arguments", () => (string[])Settings.Args.Clone());

    public string? InitialCwd() => HostCall.Trap(_context, "initial-cwd", () => Settings.InitialWorkingDirectory);

    public void Exit(Result<Unit, Unit> status) => ExitWith(status.IsOk ? 0 : 1);

    public void ExitWithCode(byte statusCode) => ExitWith(statusCode);

    // Each call hands the guest a new handle (the guest owns and drops it) over the same host stream.
    public InputStream GetStdin() => HostCall.Trap(_context, "get-stdin", () => new DotNetInputStream(_context, Settings.Stdin));

    public OutputStream GetStdout() => HostCall.Trap(_context, "get-stdout", () => new SinkOutputStream(_context, _context.Stdout));

    public OutputStream GetStderr() => HostCall.Trap(_context, "get-stderr", () => new SinkOutputStream(_context, _context.Stderr));

    public TerminalInput? GetTerminalStdin() => HostCall.Trap(_context, "get-terminal-stdin", () => (TerminalInput?)null);

    public TerminalOutput? GetTerminalStdout() => HostCall.Trap(_context, "get-terminal-stdout", () => (TerminalOutput?)null);

    public TerminalOutput? GetTerminalStderr() => HostCall.Trap(_context, "get-terminal-stderr", () => (TerminalOutput?)null);

    /// <summary>Ends the guest's run: what it wrote is delivered first, then the exit reaches the embedder.</summary>
    private void ExitWith(int code)
    {
        HostCall.Trap(_context, "exit", _context.DrainOutputs);
        throw new WasiExitException(code);
    }
}
