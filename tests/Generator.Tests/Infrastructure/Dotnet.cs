using System.Diagnostics;

namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> command line in a child process, clear of the test host's MSBuild settings.</summary>
public static class Dotnet
{
    /// <summary>The repository root (the folder holding WitBindgen.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WitBindgen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("WitBindgen.sln not found above the test output folder");
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>; returns the exit code and the output (stdout, then stderr).</summary>
    public static (int ExitCode, string Output) Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
