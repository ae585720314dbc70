using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

public class DiagnosticTests
{
    [Fact]
    public void Renders_message_location_source_line_and_caret_run()
    {
        var rendered = WitAssert.Fails("package a:b;\n\ninterface i {\n  type t = nonexistent;\n}\n");
        Assert.Equal(
            "type `nonexistent` does not exist\n" +
            "     --> test.wit:4:12\n" +
            "      |\n" +
            "    4 |   type t = nonexistent;\n" +
            "      |            ^----------",
            rendered);
    }

    [Fact]
    public void Token_expectations_point_a_single_caret_at_the_token_start()
    {
        var rendered = WitAssert.Fails("package a:b;\ninterface i {\n  type t = list<u32\n  type u = u32;\n}\n");
        Assert.Equal(
            "expected '>', found keyword `type`\n" +
            "     --> test.wit:4:3\n" +
            "      |\n" +
            "    4 |   type u = u32;\n" +
            "      |   ^",
            rendered);
    }

    [Fact]
    public void End_of_file_points_past_the_last_line()
    {
        var rendered = WitAssert.Fails("package a:b;\ninterface i {\n");
        Assert.Equal(
            "expected `type`, `resource` or `func`, found eof\n" +
            "     --> test.wit:3:1\n" +
            "      |\n" +
            "    3 | \n" +
            "      | ^",
            rendered);
    }

    [Fact]
    public void Diagnostic_exposes_structured_location()
    {
        var result = Wit.Parse("dir/x.wit", "package a:b;\nworld w { import nope; }\n");
        Assert.False(result.Success);
        var d = result.Diagnostic!;
        Assert.Equal("interface or world `nope` does not exist", d.Message);
        Assert.Equal("dir/x.wit", d.Location!.Value.Path);
        Assert.Equal(2, d.Location.Value.Line);
        Assert.Equal(18, d.Location.Value.Column);
        Assert.Equal(4, d.SpanLength);
    }

    [Fact]
    public void Columns_count_utf8_bytes_like_the_reference()
    {
        // "é" is two bytes in UTF-8: the identifier is the 19th character but starts at byte column 20.
        var rendered = WitAssert.Fails("package a:b;\n/* é */ interface Xy {}\n");
        Assert.Contains("--> test.wit:2:20", rendered);
        Assert.StartsWith("invalid character in identifier 'y'", rendered);
    }

    [Fact]
    public void Errors_without_a_package_header_have_no_location()
    {
        Assert.Equal("no `package` header was found in any WIT file for this package", WitAssert.Fails("interface i {}\n"));
    }

    [Fact]
    public void Very_long_lines_are_not_echoed()
    {
        var rendered = WitAssert.Fails("package a:b;\ninterface " + new string('a', 600) + " oops\n");
        Assert.Equal("test.wit:2:612: expected '{', found an identifier", rendered);
    }

    [Fact]
    public void Types_may_nest_one_hundred_deep_but_not_more()
    {
        static string Nested(int depth) =>
            "package a:b;\ninterface i { type t = " + string.Concat(Enumerable.Repeat("list<\n", depth - 1)) + "u8" + new string('>', depth - 1) + "; }\n";

        WitAssert.Resolves(Nested(100));
        Assert.StartsWith("type nesting too deep\n", WitAssert.Fails(Nested(101)));
    }

    [Fact]
    public void Old_float_names_get_a_hint()
    {
        var rendered = WitAssert.Fails("package a:b;\ninterface i { type t = float32; }\n");
        Assert.StartsWith("type `float32` does not exist\nthe `float32` type has been renamed to `f32`", rendered);
    }
}
