using WitBindgen.Composition.Syntax;
using Xunit;
using static WitBindgen.Composition.Tests.Syntax;

namespace WitBindgen.Composition.Tests;

public class ParserTests
{
    [Fact]
    public void Package_directive_with_and_without_version()
    {
        var plain = ParseOk("package example:app;");
        Assert.Equal("example:app", plain.Package.Name);
        Assert.Null(plain.Package.Version);
        Assert.Empty(plain.Statements);

        const string text = "package example:app@1.2.3-rc.1+build.5;";
        var versioned = ParseOk(text);
        Assert.Equal("1.2.3-rc.1+build.5", versioned.Package.Version!.Text);
        Assert.Equal("example:app@1.2.3-rc.1+build.5", At(text, versioned.Package.Span));
    }

    [Fact]
    public void Package_names_may_have_more_segments()
    {
        var document = ParseOk("package a:b:c;");
        Assert.Equal(["a", "b", "c"], document.Package.Segments.Select(s => s.Name));
    }

    [Fact]
    public void Let_with_new_and_named_arguments_of_both_access_forms()
    {
        const string text = """
            package example:app;
            let app = new test:app { greeter: g.greeter, "log": g["hello"], };
            """;
        var let = Assert.IsType<WacLetStatement>(Assert.Single(ParseOk(text).Statements));
        Assert.Equal("app", let.Name.Name);
        var creation = Assert.IsType<WacNewExpression>(let.Value);
        Assert.Equal("test:app", creation.Package.ToString());
        Assert.Equal(2, creation.Arguments.Count);

        var first = Assert.IsType<WacNamedArgument>(creation.Arguments[0]);
        Assert.Equal(("greeter", false), (first.Name.Text, first.Name.IsString));
        var access = Assert.IsType<WacAccessExpression>(first.Value);
        Assert.Equal("g", Assert.IsType<WacNameExpression>(access.Target).Name.Name);
        Assert.Equal("greeter", access.Member.Name);
        Assert.Equal("g.greeter", At(text, access.Span));

        var second = Assert.IsType<WacNamedArgument>(creation.Arguments[1]);
        Assert.Equal(("log", true), (second.Name.Text, second.Name.IsString));
        var named = Assert.IsType<WacNamedAccessExpression>(second.Value);
        Assert.Equal("hello", named.Member.Text);
        Assert.Equal("g[\"hello\"]", At(text, named.Span));
        Assert.Equal("new test:app { greeter: g.greeter, \"log\": g[\"hello\"], }", At(text, creation.Span));
    }

    [Fact]
    public void Empty_new_pass_through_inferred_and_spread_arguments()
    {
        var document = ParseOk("""
            package example:app;
            let a = new test:greeter {};
            let b = new test:greeter@0.1.0 { ... };
            let c = new test:app { a, ...b, log: a.hello, ... };
            """);
        var a = (WacNewExpression)((WacLetStatement)document.Statements[0]).Value;
        Assert.Empty(a.Arguments);
        var b = (WacNewExpression)((WacLetStatement)document.Statements[1]).Value;
        Assert.Equal("0.1.0", b.Package.Version!.Text);
        Assert.IsType<WacPassThroughArgument>(Assert.Single(b.Arguments));
        var c = (WacNewExpression)((WacLetStatement)document.Statements[2]).Value;
        Assert.Collection(
            c.Arguments,
            x => Assert.Equal("a", Assert.IsType<WacInferredArgument>(x).Name.Name),
            x => Assert.Equal("b", Assert.IsType<WacSpreadArgument>(x).Instance.Name),
            x => Assert.IsType<WacNamedArgument>(x),
            x => Assert.IsType<WacPassThroughArgument>(x));
    }

    [Fact]
    public void Export_forms()
    {
        var document = ParseOk("""
            package example:app;
            export x.iface;
            export x.iface as name;
            export x["wasi:cli/run@0.2.0"] as "other-name";
            export x...;
            export (x).iface;
            """);
        var exports = document.Statements.Cast<WacExportStatement>().ToList();
        Assert.Null(exports[0].Alias);
        Assert.Null(exports[0].Spread);
        Assert.Equal(("name", false), (exports[1].Alias!.Text, exports[1].Alias!.IsString));
        Assert.Equal(("other-name", true), (exports[2].Alias!.Text, exports[2].Alias!.IsString));
        Assert.Equal("wasi:cli/run@0.2.0", ((WacNamedAccessExpression)exports[2].Value).Member.Text);
        Assert.NotNull(exports[3].Spread);
        Assert.IsType<WacNameExpression>(exports[3].Value);
        var nested = Assert.IsType<WacAccessExpression>(exports[4].Value);
        Assert.Equal("x", Assert.IsType<WacNameExpression>(nested.Target).Name.Name);
    }

    [Fact]
    public void Comments_of_every_kind_are_skipped()
    {
        var document = ParseOk("""
            // line comment
            /// doc comment
            package example:app; /* block /* nested */ still comment */
            /** doc block */
            let a = new test:greeter {}; // trailing
            """);
        Assert.Single(document.Statements);
    }

    [Fact]
    public void Percent_escapes_make_keywords_identifiers()
    {
        const string text = "package example:app;\nlet %let = new test:greeter {};\nexport %let.%export;";
        var document = ParseOk(text);
        var let = (WacLetStatement)document.Statements[0];
        Assert.Equal("let", let.Name.Name);
        Assert.Equal("%let", At(text, let.Name.Span));
        var export = (WacAccessExpression)((WacExportStatement)document.Statements[1]).Value;
        Assert.Equal("export", export.Member.Name);
    }

    [Fact]
    public void Identifiers_follow_the_wit_rule()
    {
        ParseOk("package example:app;\nlet ABC-def-x2 = new test:greeter {};");
        Assert.Equal("invalid identifier `aBc`: a word is either all lowercase or all uppercase", ParseError("package example:aBc;").Message);
        Assert.Equal("invalid identifier `a--b`: words must have characters between '-'s", ParseError("package a--b:c;").Message);
        Assert.Equal("invalid identifier `a-1b`: each word must start with a letter", ParseError("package a-1b:c;").Message);
        Assert.Equal("invalid identifier `a_b`: only ASCII letters, digits and '-' are allowed", ParseError("package a_b:c;").Message);
    }

    [Fact]
    public void Spans_locate_statements_and_names()
    {
        const string text = "package example:app;\n  let answer = new test:greeter {};";
        var let = (WacLetStatement)ParseOk(text).Statements[0];
        Assert.Equal("let answer = new test:greeter {};", At(text, let.Span));
        Assert.Equal("answer", At(text, let.Name.Span));
        Assert.Equal("test:greeter", At(text, ((WacNewExpression)let.Value).Package.Span));
    }
}
