using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary>Help, usage errors and the package, run as the installed tool.</summary>
public sealed class UsageTests
{
    private readonly PackedTool _tool = PackedTool.Instance;

    [Fact]
    public void The_package_is_a_dotnet_tool_named_witbindgen()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(_tool.PackageFile);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        Assert.Contains("<Command Name=\"witbindgen\"", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var result = _tool.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "wit", "check", "generate", "inspect", "validate", "invoke", "run", "wast", "compose" })
        {
            Assert.Contains($"usage: witbindgen {command} ", result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("wit")]
    [InlineData("check")]
    [InlineData("generate")]
    [InlineData("inspect")]
    [InlineData("validate")]
    [InlineData("invoke")]
    [InlineData("run")]
    [InlineData("wast")]
    [InlineData("compose")]
    public void Every_command_has_help(string command)
    {
        // In process (CommandLine.Run, as the tool's Main does); the installed tool's help is checked below.
        var stdout = new StringWriter();
        var code = CommandLine.Run([command, "--help"], stdout, new StringWriter());
        Assert.Equal(0, code);
        // The usage line starts with the executable's name: the test host's here, `witbindgen` for the tool.
        Assert.Contains($" {command} ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_tool_has_help_for_a_command()
    {
        var result = _tool.Run("invoke", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("witbindgen invoke <component> <call> [options]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_and_unknown_commands_are_usage_errors()
    {
        Assert.Equal(2, _tool.Run().ExitCode);
        var unknown = _tool.Run("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("error: unknown command `frobnicate`", unknown.Error, StringComparison.Ordinal);
    }
}
