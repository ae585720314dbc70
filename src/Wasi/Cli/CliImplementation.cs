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
using WitBindgen.Wasi.Bindings;
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
    private readonly string[] _args;
    private readonly (string, string)[] _environment;
    private readonly string? _initialCwd;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Stream _stderr;

    public CliImplementation(WasiConfiguration configuration)
    {
        _args = configuration.Args.ToArray();
        _environment = configuration.Environment.Select(v => (v.Key, v.Value)).ToArray();
        _initialCwd = configuration.InitialWorkingDirectory;
        _stdin = configuration.Stdin ?? Stream.Null;
        _stdout = configuration.Stdout ?? Stream.Null;
        _stderr = configuration.Stderr ?? Stream.Null;
    }

    public (string, string)[] GetEnvironment() => ((string, string)[])_environment.Clone();

    public string[] GetArguments() => (string[])_args.Clone();

    public string? InitialCwd() => _initialCwd;

    public void Exit(Result<Unit, Unit> status) => throw new WasiExitException(status.IsOk ? 0 : 1);

    public void ExitWithCode(byte statusCode) => throw new WasiExitException(statusCode);

    // Each call hands the guest a new handle (the guest owns and drops it) over the same host stream.
    public InputStream GetStdin() => new DotNetInputStream(_stdin);

    public OutputStream GetStdout() => new DotNetOutputStream(_stdout);

    public OutputStream GetStderr() => new DotNetOutputStream(_stderr);

    public TerminalInput? GetTerminalStdin() => null;

    public TerminalOutput? GetTerminalStdout() => null;

    public TerminalOutput? GetTerminalStderr() => null;
}
