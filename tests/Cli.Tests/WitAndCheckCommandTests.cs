using System.Text.Json;
using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary><c>wit</c> and <c>check</c>, run as the installed tool on the repository's WIT.</summary>
public sealed class WitAndCheckCommandTests : IDisposable
{
    private readonly PackedTool _tool = PackedTool.Instance;

    private readonly string _folder = Directory.CreateTempSubdirectory("witbindgen-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Wit_prints_the_package_and_json_prints_the_reference_shape()
    {
        var text = _tool.Run("wit", Inputs.Wit("guests.wit"));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith("package test:guests@0.1.0;", text.Out, StringComparison.Ordinal);
        Assert.Contains("record point {", text.Out, StringComparison.Ordinal);

        var json = _tool.Run("wit", "--json", "--features", "active", Inputs.Wit("guests.wit"));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("test:guests@0.1.0", document.RootElement.GetProperty("packages")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Check_summarises_a_valid_package()
    {
        var result = _tool.Run("check", Inputs.Wit("guests.wit"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok: test:guests@0.1.0 (3 interfaces, 2 worlds; 1 package resolved)\n", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Check_locates_an_error_and_exits_with_1()
    {
        var file = Path.Combine(_folder, "bad.wit");
        File.WriteAllText(file, "package a:b;\n\ninterface i {\n  f: func(x: strin);\n}\n");
        var result = _tool.Run("check", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("strin", result.Error, StringComparison.Ordinal);
        Assert.Contains($"--> {file}:4:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_with_a_world_reports_the_generators_diagnostics()
    {
        var ok = _tool.Run("check", Inputs.Wit("guests.wit"), "--world", "basic");
        Assert.True(ok.ExitCode == 0, ok.ToString());

        var missing = _tool.Run("check", Inputs.Wit("guests.wit"), "--world", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error WIT", missing.Error, StringComparison.Ordinal);
        Assert.Contains("nope", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_failure_and_a_missing_argument_a_usage_error()
    {
        var missing = _tool.Run("check", Path.Combine(_folder, "none.wit"));
        Assert.Equal(1, missing.ExitCode);

        var usage = _tool.Run("check");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage: witbindgen check", usage.Error, StringComparison.Ordinal);
    }
}
