using WitBindgen.Cli.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary><c>invoke</c>, run as the installed tool on the C guest of <c>test:guests/values</c>.</summary>
public sealed class InvokeCommandTests
{
    private readonly PackedTool _tool = PackedTool.Instance;

    [Theory]
    [InlineData("add(1, 2)", "3")]
    [InlineData("values#add(4294967295, 2)", "1")]
    [InlineData("test:guests/values@0.1.0#negate(-5)", "5")]
    [InlineData("greet(\"wave\")", "\"Hello, wave!\"")]
    [InlineData("reverse(\"a\\tb\\u{1F600}\")", "\"😀b\\ta\"")]
    [InlineData("next-char('z')", "'{'")]
    [InlineData("limits()", "(-128, 255, -32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615)")]
    [InlineData("scale(1.5, 2)", "3")]
    [InlineData("sum([1, 2, 3])", "6")]
    [InlineData("double-all([1, 2])", "[2, 4]")]
    [InlineData("total-length([[1, 2], [], [3]])", "3")]
    [InlineData("older-than([{name: \"a\", age: 30, tags: []}, {name: \"b\", age: 10, tags: [\"x\"]}], 18)", "[\"a\"]")]
    [InlineData("translate({x: 1, y: 2}, 3, 4)", "{x: 4, y: 6}")]
    [InlineData("area(rect({x: 2, y: -3}))", "6")]
    [InlineData("area(empty)", "0")]
    [InlineData("next-color(blue)", "red")]
    [InlineData("invert({read})", "{write, exec}")]
    [InlineData("find([\"a\", \"b\"], \"b\")", "some(1)")]
    [InlineData("find([], \"b\")", "none")]
    [InlineData("depth(some(some(5)))", "7")]
    [InlineData("depth(some(none))", "1")]
    [InlineData("divide(7, 2)", "ok(3)")]
    [InlineData("divide(1, 0)", "err(\"division by zero\")")]
    public void Every_type_family_crosses_in_wave(string call, string expected)
    {
        // In process (CommandLine.Run, as the tool's Main does), so that the whole matrix stays fast.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(["invoke", Inputs.BasicC, call], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal(expected + "\n", stdout.ToString());
    }

    [Theory]
    [InlineData("add(1, 2)", "3")]
    [InlineData("values#translate({x: 1, y: 2}, 3, 4)", "{x: 4, y: 6}")]
    [InlineData("test:guests/values@0.1.0#divide(1, 0)", "err(\"division by zero\")")]
    public void Invoke_calls_an_export_with_wave_arguments_and_prints_the_result_in_wave(string call, string expected)
    {
        var result = _tool.Run("invoke", Inputs.BasicC, call);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected + "\n", result.Out);
    }

    [Fact]
    public void Bad_wave_is_reported_at_its_column()
    {
        var result = _tool.Run("invoke", Inputs.BasicC, "add(1, x)");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("error: invalid arguments at column 8: expected an integer (u32)", result.Error, StringComparison.Ordinal);
        Assert.Contains("  add(1, x)\n         ^\n", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nothing()", "exports no function `nothing`")]
    [InlineData("add", "expected `name(arguments)`")]
    [InlineData("add(1)", "expected 2 arguments")]
    [InlineData("nope#add(1, 2)", "exports no interface `nope`")]
    public void Unknown_functions_and_wrong_arguments_exit_with_1(string call, string message)
    {
        var result = _tool.Run("invoke", Inputs.BasicC, call);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_the_tool_cannot_provide_traps_when_called()
    {
        // log-all calls the host's `log`, which the tool does not implement.
        var result = _tool.Run("invoke", Inputs.BasicC, "log-all([\"x\"])");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("test:guests/host@0.1.0", result.Error, StringComparison.Ordinal);
    }
}
