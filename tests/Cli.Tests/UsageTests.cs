using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary>Help, usage errors and the package, run as the installed tool.</summary>
[Collection(PackedToolCollection.Name)]
public sealed class UsageTests(PackedTool tool)
{
    [Fact]
    public void The_package_is_a_dotnet_tool_named_witbindgen()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(tool.PackageFile);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        Assert.Contains("CommandName=\"witbindgen\"", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var result = tool.Run("--help");
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
        var result = tool.Run(command, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(command, result.Out, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_and_unknown_commands_are_usage_errors()
    {
        Assert.Equal(2, tool.Run().ExitCode);
        var unknown = tool.Run("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("error: unknown command `frobnicate`", unknown.Error, StringComparison.Ordinal);
    }
}
