using WitBindgen.Cli.Tests.Infrastructure;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary><c>run</c>, run as the installed tool on the C WASI probe (tests/components/README.md lists its scenarios).</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly PackedTool _tool = PackedTool.Instance;

    private readonly string _folder = Directory.CreateTempSubdirectory("witbindgen-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_passes_arguments_and_the_standard_streams()
    {
        var hello = _tool.Run("run", Inputs.ProbeC, "--", "hello");
        Assert.True(hello.ExitCode == 0, hello.ToString());
        Assert.Equal("hello from c\n", hello.Out);
        Assert.Equal("warning from c\n", hello.Error);

        var args = _tool.Run("run", Inputs.ProbeC, "--", "args", "one", "--two");
        Assert.Equal("arg 1=args\narg 2=one\narg 3=--two\n", args.Out);
    }

    [Fact]
    public void Only_the_given_environment_is_visible()
    {
        var none = _tool.Run("run", Inputs.ProbeC, "--", "env");
        Assert.Equal("", none.Out);

        var given = _tool.Run("run", Inputs.ProbeC, "--env", "B=2", "--env", "A=x=y", "--", "env");
        Assert.Equal("env A=x=y\nenv B=2\n", given.Out);

        var inherited = _tool.Run("run", Inputs.ProbeC, "--inherit-env", "--", "env");
        Assert.Contains("env DOTNET_NOLOGO=1\n", inherited.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preopened_directory_is_the_only_file_access()
    {
        File.WriteAllText(Path.Combine(_folder, "input.txt"), "hello files\n");
        var result = _tool.Run("run", Inputs.ProbeC, "--dir", $"{_folder}::/data", "--", "files");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("HELLO FILES\n", File.ReadAllText(Path.Combine(_folder, "output.txt")));

        var denied = _tool.Run("run", Inputs.ProbeC, "--", "files");
        Assert.Equal(1, denied.ExitCode);
        Assert.StartsWith("error: ", denied.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_directory_refuses_writes()
    {
        File.WriteAllText(Path.Combine(_folder, "input.txt"), "x\n");
        var result = _tool.Run("run", Inputs.ProbeC, "--dir", $"{_folder}::/data:ro", "--", "files");
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "output.txt")));
    }

    [Fact]
    public void The_exit_code_is_the_components()
    {
        // The preview1 adapter turns exit(3) into wasi:cli/exit's err, which is exit code 1.
        var exit = _tool.Run("run", Inputs.ProbeC, "--", "exit");
        Assert.Equal("exiting\n", exit.Out);
        Assert.Equal(1, exit.ExitCode);

        var unknown = _tool.Run("run", Inputs.ProbeC, "--", "no-such-scenario");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("unknown scenario", unknown.Error, StringComparison.Ordinal);
    }

    // Hung in about one run in ten under load until the event loop's lost wake-up was fixed (Runtime.Tests
    // LostWakeUpTests pins that down deterministically).
    [Fact]
    public void A_wasi_0_3_command_runs_with_its_arguments_environment_and_exit_code()
    {
        // The fixture prints "args:" and each argument (argv[0] is the file name), each variable, "waited" after
        // a wait on the monotonic clock and "random: 16", all through a stream stdout reads, then exits with 3.
        var component = Path.Combine(_folder, "command-p3.wasm");
        File.WriteAllBytes(component, WatText.ToBinary(File.ReadAllText(Inputs.CommandP3Text)));
        var result = _tool.Run("run", component, "--env", "HOME=/data", "--", "x", "y z");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("args: command-p3.wasm x y z\nHOME=/data\nwaited\nrandom: 16\n", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_component_without_wasi_cli_run_and_bad_options_are_refused()
    {
        var result = _tool.Run("run", Inputs.BasicC);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not export wasi:cli/run", result.Error, StringComparison.Ordinal);

        Assert.Equal(1, _tool.Run("run", Inputs.ProbeC, "--env", "novalue", "--", "env").ExitCode);
        Assert.Equal(1, _tool.Run("run", Inputs.ProbeC, "--dir", Path.Combine(_folder, "missing") + "::/data", "--", "hello").ExitCode);
        Assert.Equal(2, _tool.Run("run").ExitCode);
    }
}
