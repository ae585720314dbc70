using WitBindgen.WitParser.Syntax;
using WitBindgen.WitParser.Tests.Infrastructure;
using WitBindgen.WitParser.Text;
using Xunit;

namespace WitBindgen.WitParser.Tests;

public class LexerTests
{
    private static Token[] Lex(string text)
    {
        var map = new SourceMap();
        return Lexer.Tokenize(map.Add("t.wit", text));
    }

    [Fact]
    public void Recognises_keywords_identifiers_and_punctuation()
    {
        var kinds = Lex("interface %type foo-bar -> list<u8> @since 1.2").Select(t => t.Kind).ToArray();
        Assert.Equal(
            new[]
            {
                TokenKind.Interface, TokenKind.ExplicitId, TokenKind.Id, TokenKind.RArrow, TokenKind.List,
                TokenKind.LessThan, TokenKind.U8, TokenKind.GreaterThan, TokenKind.At, TokenKind.Id,
                TokenKind.Integer, TokenKind.Period, TokenKind.Integer, TokenKind.Eof,
            },
            kinds);
    }

    [Fact]
    public void Error_context_is_one_keyword_token()
    {
        Assert.Equal(TokenKind.ErrorContext, Lex("error-context")[0].Kind);
    }

    [Fact]
    public void Comments_attach_to_the_following_token()
    {
        var tokens = Lex("/// doc\n// more\n/* block /* nested */ */ record r");
        Assert.Equal(TokenKind.Record, tokens[0].Kind);
        Assert.Equal(new[] { "/// doc\n", "// more\n", "/* block /* nested */ */" }, tokens[0].LeadingComments!.Select(c => c.Text));
    }

    [Fact]
    public void Trailing_comments_attach_to_end_of_file()
    {
        var tokens = Lex("record r // tail");
        Assert.Equal(TokenKind.Eof, tokens[^1].Kind);
        Assert.Single(tokens[^1].LeadingComments!);
    }

    [Fact]
    public void Spans_are_offsets_into_the_source()
    {
        var t = Lex("  foo")[0];
        Assert.Equal(new TextSpan(2, 5), t.Span);
        Assert.Equal("foo", t.Text);
    }

    [Theory]
    [InlineData("package a:b;\ninterface i { $ }", "unexpected character '$'")]
    [InlineData("package a:b;\n/* open", "unterminated block comment")]
    [InlineData("package a:b;\n\u0007", "Control code '\\u{7}'")]
    [InlineData("package a:b;\n\u202e", "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202e}'))")]
    [InlineData("package a:b;\ninterface a--b {}", "identifiers must have characters between '-'s")]
    [InlineData("package a:b;\ninterface fooBar {}", "invalid character in identifier 'B'")]
    [InlineData("package a:b;\ninterface a_b {}", "invalid character in identifier '_'")]
    [InlineData("package a:b;\ninterface 1a {}", "expected an identifier or string, found an integer")]
    public void Lexical_errors_are_reported(string text, string message)
    {
        Assert.StartsWith(message + "\n", WitAssert.Fails(text));
    }

    [Fact]
    public void Uppercase_words_are_valid_identifiers()
    {
        var resolve = WitAssert.Resolves("package a:b;\ninterface i { enum errno { ENOENT, is-XML } }");
        Assert.Contains("i", resolve.Packages[0].Interfaces.Keys);
    }

    [Fact]
    public void Byte_order_mark_and_crlf_are_accepted()
    {
        WitAssert.Resolves("\uFEFFpackage a:b;\r\ninterface i {\r\n  f: func();\r\n}\r\n");
    }
}
