using Xunit;
using static WitBindgen.Composition.Tests.Syntax;

namespace WitBindgen.Composition.Tests;

public class SyntaxErrorTests
{
    private static void AssertError(string text, string message, int line, int column)
    {
        var error = ParseError(text);
        Assert.Equal(message, error.Message);
        Assert.Equal(("app.wac", line, column), (error.Location!.Value.Path, error.Location.Value.Line, error.Location.Value.Column));
    }

    [Fact]
    public void Rendered_like_a_wit_diagnostic()
    {
        var error = ParseError("package example:app;\nlet a = new test:greeter {}\nexport a.hello;\n");
        Assert.Equal(
            """
            expected `;`, found keyword `export`
                 --> app.wac:3:1
                  |
                3 | export a.hello;
                  | ^-----
            """.ReplaceLineEndings("\n"),
            error.Rendered);
        Assert.Equal(error.Rendered, error.ToString());
    }

    [Fact]
    public void The_package_directive_is_required() =>
        AssertError("let a = new test:greeter {};", "expected keyword `package`, found keyword `let`", 1, 1);

    [Fact]
    public void A_package_name_needs_a_namespace() =>
        AssertError("package app;", "expected `:`, found `;`", 1, 12);

    [Fact]
    public void A_version_must_follow_at() =>
        AssertError("package a:b@;", "expected a version, found `;`", 1, 13);

    [Fact]
    public void A_statement_starts_with_let_or_export() =>
        AssertError("package a:b;\nfoo", "expected keyword `let`, keyword `export` or end of file, found identifier `foo`", 2, 1);

    [Fact]
    public void A_let_needs_an_expression() =>
        AssertError("package a:b;\nlet x = ;", "expected keyword `new`, `(` or an identifier, found `;`", 2, 9);

    [Fact]
    public void Arguments_are_separated_by_commas() =>
        AssertError("package a:b;\nlet x = new c:d { a: b c: d };", "expected `,` or `}`, found identifier `c`", 2, 24);

    [Fact]
    public void A_named_access_takes_a_string() =>
        AssertError("package a:b;\nexport x[run];", "expected a string, found identifier `run`", 2, 10);

    [Fact]
    public void Export_as_takes_a_name() =>
        AssertError("package a:b;\nexport x.run as ;", "expected an identifier or a string, found `;`", 2, 17);

    [Fact]
    public void Unexpected_end_of_file() =>
        AssertError("package a:b;\nlet x = new c:d {", "expected `}`, `...`, an identifier or a string, found end of file", 2, 18);

    [Fact]
    public void Unsupported_statements_say_so()
    {
        AssertError("package a:b;\nimport x: a:b/c;", "`import` statements are not supported yet (this subset has `let` and `export` statements)", 2, 1);
        AssertError("package a:b;\ninterface i {}", "`interface` statements are not supported yet (this subset has `let` and `export` statements)", 2, 1);
        AssertError("package a:b targets wasi:http/proxy;", "`targets` clauses are not supported yet", 1, 13);
    }

    [Fact]
    public void Lexical_errors()
    {
        AssertError("package a:b;\nlet x = new c:d { a: b.c # };", "unexpected character '#'", 2, 26);
        AssertError("package a:b;\n/* never closed", "unterminated block comment", 2, 1);
        AssertError("package a:b;\nexport x[\"run];", "unterminated string", 2, 10);
        AssertError("package a:b;\nlet % = x;", "expected an identifier after `%`", 2, 5);
        AssertError("package a:b;\nlet x = y\u0001;", "unexpected character '\\u{1}'", 2, 10);
    }

    [Fact]
    public void An_earlier_syntax_error_wins_over_a_later_lexical_error() =>
        AssertError("package a:b\nlet x = #;", "expected `;`, found keyword `let`", 2, 1);

    [Fact]
    public void Columns_count_utf8_bytes_like_wit()
    {
        // "é" is two bytes in UTF-8: the caret column after it is one more than the character count.
        AssertError("package a:b;\nexport x[\"é\"] as é;", "unexpected character 'é'", 2, 19);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_overflowed()
    {
        var text = "package a:b;\nlet x = " + new string('(', 10_000) + "y" + new string(')', 10_000) + ";";
        var error = ParseError(text);
        Assert.Equal("brackets are nested more than 64 levels deep", error.Message);
        Assert.Equal(2, error.Location!.Value.Line);
        Assert.Equal(9 + 64, error.Location.Value.Column);
    }
}
