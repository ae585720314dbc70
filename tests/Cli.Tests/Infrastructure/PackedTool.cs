using System.Diagnostics;
using System.Text;
using Xunit;

namespace WitBindgen.Cli.Tests.Infrastructure;

/// <summary>The result of one run of the tool.</summary>
public sealed record ToolResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// The <c>witbindgen</c> tool as users get it: <c>dotnet pack</c> of src/Cli (the build the tests were built with),
/// installed with <c>dotnet tool install --tool-path</c> from the package folder, once for the whole test run. The
/// package cache is a folder of its own, so a package of the same version from an earlier run is never reused.
/// One instance (<see cref="Instance"/>) serves every test class, so the classes can run in parallel.
/// </summary>
public sealed class PackedTool : IDisposable
{
    private static readonly Lazy<PackedTool> Shared = new(() =>
    {
        var tool = new PackedTool();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => tool.Dispose();
        return tool;
    });

    /// <summary>The tool packed and installed once for the test run.</summary>
    public static PackedTool Instance => Shared.Value;

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Path.Combine(Path.GetTempPath(), "witbindgen-cli-tests-" + Guid.NewGuid().ToString("N"));

    private PackedTool()
    {
        var repository = RepositoryRoot();
        var packages = Path.Combine(_root, "packages");
        var tools = Path.Combine(_root, "tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache") };
        var pack = Dotnet(repository, [], "pack", Path.Combine(repository, "src", "Cli", "Cli.csproj"), "-c", Configuration, "--no-build", "-o", packages, "-p:Version=0.1.0-test");
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack);
        PackageFile = Directory.GetFiles(packages, "WitBindgen.Cli.*.nupkg").Single();
        var install = Dotnet(_root, environment, "tool", "install", "--tool-path", tools, "--add-source", packages, "--version", "0.1.0-test", "WitBindgen.Cli");
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install);
        Executable = Path.Combine(tools, OperatingSystem.IsWindows() ? "witbindgen.exe" : "witbindgen");
        Assert.True(File.Exists(Executable), $"no {Executable} after the install");
    }

    /// <summary>The tool package that was made.</summary>
    public string PackageFile { get; }

    /// <summary>The installed command.</summary>
    public string Executable { get; }

    /// <summary>Runs the installed tool in <paramref name="workingDirectory"/> (the test output folder unless given).</summary>
    public ToolResult Run(params string[] args) => RunIn(AppContext.BaseDirectory, args);

    /// <summary>Runs the installed tool in a given folder.</summary>
    public ToolResult RunIn(string workingDirectory, params string[] args) => Start(Executable, args, workingDirectory, null);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ToolResult Dotnet(string workingDirectory, Dictionary<string, string> environment, params string[] args) =>
        Start("dotnet", args, workingDirectory, environment);

    private static ToolResult Start(string file, string[] args, string workingDirectory, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WitBindgen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (WitBindgen.sln) is not above the test output folder");
    }
}

/// <summary>Paths of the test inputs copied next to the tests.</summary>
public static class Inputs
{
    public static string Component(string name) => Path.Combine(AppContext.BaseDirectory, "components", name);

    public static string Wit(string name) => Path.Combine(AppContext.BaseDirectory, "wit", name);

    public static string BasicC => Component("basic-c.component.wasm");

    public static string ProbeC => Component("wasi-probe-c.component.wasm");

    /// <summary>The component text of the WASI 0.3 command (tests/Wasi.Tests/Fixtures/command-p3.wat).</summary>
    public static string CommandP3Text => Path.Combine(AppContext.BaseDirectory, "fixtures", "command-p3.wat");
}
