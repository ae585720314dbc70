using System.Text;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests.P3;

/// <summary>
/// A WASI 0.3 command written in component text (Fixtures/command-p3.wat) runs on the host: its output reaches
/// stdout through a stream, and its exit code reaches the embedder.
/// </summary>
public class CommandP3Tests
{
    private static readonly Lazy<LoadedComponent> Command = new(() =>
        ProbeP3.Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "command-p3.wat"))));

    [Fact]
    public void The_command_prints_its_arguments_and_environment_waits_and_exits_with_its_code()
    {
        var stdout = new MemoryStream();
        var config = new WasiConfiguration().WithArgs("cmd", "a b", "ünï").WithEnvironment("HOME", "/data").WithEnvironment("LANG", "C")
            .WithStdout(stdout);
        using var instance = Command.Value.Instantiate(config.Build());
        var run = instance.GetFunction("wasi:cli/run@0.3.0", "run")!;
        var exit = Assert.Throws<WasiExitException>(() => run.Invoke());
        Assert.Equal(3, exit.ExitCode);
        Assert.Equal("args: cmd a b ünï\nHOME=/data\nLANG=C\nwaited\nrandom: 16\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
