using System.Diagnostics;
using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary>The example the README's first set-up command runs, run as a process from its build output.</summary>
public class ExampleTests
{
    [Fact]
    public void Hello_example_greets_and_shouts_through_the_component()
    {
        var (exitCode, stdout, stderr) = Run("Ada", "Ωmega");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        Assert.Contains("  wasi:io/streams@0.2.12", stdout);
        Assert.Contains("greet(\"Ada\") = \"Hello, Ada!\"", stdout);
        Assert.Contains("greet(\"Ωmega\") = \"Hello, Ωmega!\"", stdout);
        Assert.EndsWith("shout() writes through wasi:io/streams:\nHELLO FROM SHOUT!\n", stdout.ReplaceLineEndings("\n"));
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hello.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("the example did not finish within 60 s");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }
}
