using WitBindgen.Cli.Generate;
using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary><c>generate</c>, run as the installed tool.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly PackedTool _tool = PackedTool.Instance;

    private readonly string _folder = Directory.CreateTempSubdirectory("witbindgen-generate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generate_writes_the_generators_files_for_a_world()
    {
        var output = Path.Combine(_folder, "out");
        var result = _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "basic", "--namespace", "My.Guests", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = Directory.GetFiles(output, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files.Select(f => Path.Combine(output, f!)).Order(StringComparer.Ordinal), result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var all = string.Concat(files.Select(f => File.ReadAllText(Path.Combine(output, f!))));
        Assert.Contains("namespace My.Guests", all, StringComparison.Ordinal);
        Assert.Contains("Point", all, StringComparison.Ordinal);

        // The same files as the generator gives in process for the same inputs (the driver a build uses).
        var expected = GeneratorRun.Run(new GenerateRequest(Inputs.Wit("guests.wit"), "basic", Namespace: "My.Guests"));
        Assert.Equal(expected.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal), files);
        foreach (var (hintName, text) in expected.Sources)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(output, hintName)));
        }
    }

    [Fact]
    public void Guest_mode_writes_guest_bindings()
    {
        var output = Path.Combine(_folder, "guest");
        var host = Path.Combine(_folder, "host");
        Assert.Equal(0, _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "basic", "--out", host).ExitCode);
        var result = _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "basic", "--mode", "guest", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var guest = string.Concat(Directory.GetFiles(output).Select(File.ReadAllText));
        var hosted = string.Concat(Directory.GetFiles(host).Select(File.ReadAllText));
        Assert.NotEqual(hosted, guest);
    }

    [Fact]
    public void An_unknown_world_is_a_generator_error_and_nothing_is_written()
    {
        var output = Path.Combine(_folder, "none");
        var result = _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "missing", "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error WIT", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void The_world_and_the_output_folder_are_required()
    {
        var result = _tool.Run("generate", Inputs.Wit("guests.wit"), "--out", _folder);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--world", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "basic").ExitCode);
        Assert.Equal(2, _tool.Run("generate", Inputs.Wit("guests.wit"), "--world", "basic", "--out", _folder, "--mode", "plugin").ExitCode);
    }
}
