using System.Text.Json;
using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary><c>inspect</c> and <c>validate</c>, run as the installed tool on committed real components.</summary>
public sealed class ComponentCommandTests : IDisposable
{
    private readonly PackedTool _tool = PackedTool.Instance;

    private readonly string _folder = Directory.CreateTempSubdirectory("witbindgen-inspect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Inspect_prints_the_world_as_wit_the_core_modules_and_the_producers()
    {
        var result = _tool.Run("inspect", Inputs.BasicC);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("world root {\n  import test:guests/host@0.1.0;\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  export test:guests/values@0.1.0;\n}", result.Out, StringComparison.Ordinal);
        Assert.Contains("package test:guests@0.1.0 {", result.Out, StringComparison.Ordinal);
        Assert.Contains("    log: func(message: string);\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("    record point {\n      x: s32,\n      y: s32,\n    }\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("    enum color {\n      red,\n      green,\n      blue,\n    }\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("    translate: func(p: point, dx: s32, dy: s32) -> point;\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("    divide: func(a: s32, b: s32) -> result<s32, string>;\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("core modules:\n  module 0: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("processed-by", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_are_printed_with_their_constructors_methods_and_static_functions()
    {
        // In process (CommandLine.Run, as the tool's Main does): the Rust guest exporting a resource.
        var stdout = new StringWriter();
        var code = CommandLine.Run(["inspect", Inputs.Component("full-rust.component.wasm")], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains(
            "    resource counter {\n      constructor(start: u32);\n      increment: func(by: u32);\n      get: func() -> u32;\n" +
            "      merge: func(other: counter);\n      zero: static func() -> counter;\n    }\n    peek: func(c: borrow<counter>) -> u32;\n",
            stdout.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_json_has_the_imports_exports_wit_modules_and_producers()
    {
        var result = _tool.Run("inspect", "--json", Inputs.BasicC);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(new FileInfo(Inputs.BasicC).Length, root.GetProperty("size").GetInt64());
        Assert.Equal(["test:guests/host@0.1.0"], root.GetProperty("imports").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("instance", root.GetProperty("exports")[0].GetProperty("kind").GetString());
        Assert.Contains("interface values {", root.GetProperty("wit").GetString(), StringComparison.Ordinal);
        var modules = root.GetProperty("coreModules").EnumerateArray().ToList();
        Assert.NotEmpty(modules);
        Assert.All(modules, m => Assert.True(m.GetProperty("size").GetInt32() > 0));
        Assert.NotEmpty(root.GetProperty("producers").EnumerateArray());
    }

    [Fact]
    public void The_printed_world_is_wit_the_tool_reads_back()
    {
        var inspected = _tool.Run("inspect", "--json", Inputs.ProbeC);
        Assert.True(inspected.ExitCode == 0, inspected.ToString());
        using var json = JsonDocument.Parse(inspected.Out);
        var file = Path.Combine(_folder, "world.wit");
        File.WriteAllText(file, json.RootElement.GetProperty("wit").GetString());

        var check = _tool.Run("check", file);
        Assert.True(check.ExitCode == 0, check + "\n--- the WIT\n" + File.ReadAllText(file));
    }

    [Fact]
    public void Validate_accepts_a_real_component()
    {
        var result = _tool.Run("validate", Inputs.ProbeC);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"valid: {Inputs.ProbeC}\n", result.Out);
    }

    [Fact]
    public void Validate_gives_the_offset_and_reason_of_a_broken_component()
    {
        var bytes = File.ReadAllBytes(Inputs.BasicC);
        var file = Path.Combine(_folder, "truncated.wasm");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var result = _tool.Run("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"^invalid: {System.Text.RegularExpressions.Regex.Escape(file)}: offset 0x[0-9a-f]+: .+\n$", result.Out);
    }

    [Fact]
    public void A_core_module_is_not_a_component()
    {
        var file = Path.Combine(_folder, "core.wasm");
        File.WriteAllBytes(file, [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        var validate = _tool.Run("validate", file);
        Assert.Equal(1, validate.ExitCode);
        Assert.StartsWith($"invalid: {file}: offset 0x", validate.Out, StringComparison.Ordinal);

        var inspect = _tool.Run("inspect", file);
        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains("is not a valid component", inspect.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_with_1_and_a_missing_argument_with_2()
    {
        Assert.Equal(1, _tool.Run("inspect", Path.Combine(_folder, "none.wasm")).ExitCode);
        Assert.Equal(1, _tool.Run("validate", Path.Combine(_folder, "none.wasm")).ExitCode);
        Assert.Equal(2, _tool.Run("validate").ExitCode);
        Assert.Equal(2, _tool.Run("inspect", "--yaml", Inputs.BasicC).ExitCode);
    }
}
