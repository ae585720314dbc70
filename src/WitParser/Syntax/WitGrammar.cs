using System.Runtime.CompilerServices;
using Pidgin;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;
using P = Pidgin.Parser<WitBindgen.WitParser.Syntax.Token>;

namespace WitBindgen.WitParser.Syntax;

/// <summary>
/// The WIT grammar, written with Pidgin combinators over the token stream. The grammar is LL(1)
/// like the reference parser: alternatives are chosen by the next token, and where the reference
/// reports an error the grammar raises a <see cref="WitError"/> with the same text and span.
/// This file holds the entry point and shared helpers; items and types live in the partial files.
/// </summary>
internal static partial class WitGrammar
{
    /// <summary>Parses one file (its optional <c>package</c> header and its items).</summary>
    public static PackageFile ParseFile(SourceFile file)
    {
        var tokens = Lexer.Tokenize(file);
        _typeDepth = 0;
        _packageDepth = 0;
        _file = file;
        try
        {
            var result = File.Parse(tokens);
            if (!result.Success)
            {
                // Every failure path in the grammar raises a WitError; this is a safety net.
                var at = Math.Min(result.Error!.ErrorOffset, tokens.Length - 1);
                throw new WitError(result.Error.Message ?? "invalid syntax", tokens[at].Span);
            }

            CheckNesting(result.Value, 0);
            return result.Value;
        }
        catch (InsufficientExecutionStackException)
        {
            throw new WitError("nesting too deep", tokens[0].Span);
        }
    }

    private const int MaxPackageNesting = 100;

    [ThreadStatic]
    private static int _packageDepth;

    private static void CheckNesting(PackageFile file, int depth)
    {
        foreach (var item in file.Items)
        {
            if (item is NestedPackage nested)
            {
                if (depth + 1 > MaxPackageNesting)
                {
                    throw new WitError("package nesting too deep", nested.KeywordSpan);
                }

                CheckNesting(nested.Package, depth + 1);
            }
        }
    }

    // ---- token-level helpers ------------------------------------------------------------

    /// <summary>The next token, not consumed. The stream ends in an Eof token, so this always succeeds.</summary>
    private static readonly Parser<Token, Token> Peek = Parser.Rec(() => P.Any.Ahead());

    private static Parser<Token, T> Ahead<T>(this Parser<Token, T> parser) => Parser.Lookahead(parser);

    /// <summary>Consumes a token of the given kind, or fails without consuming.</summary>
    private static Parser<Token, Token> Tok(TokenKind kind) => P.Token(t => t.Kind == kind);

    /// <summary>True (consuming) when the next token has the kind; false (not consuming) otherwise.</summary>
    private static Parser<Token, bool> Eat(TokenKind kind) => Tok(kind).ThenReturn(true).Or(P.Return(false));

    /// <summary>Succeeds without consuming when the next token is not of the given kind.</summary>
    private static Parser<Token, Token> NotAt(TokenKind kind) => P.Token(t => t.Kind != kind).Ahead();

    /// <summary>Consumes the kind or raises the reference's "expected X, found Y" (caret at the token start).</summary>
    private static Parser<Token, Token> Expect(TokenKind kind) =>
        Tok(kind).Or(Peek.Select<Token>(t => throw LexErrorAt(t) ?? new WitError(
            $"expected {Token.Describe(kind)}, found {Token.Describe(t.Kind)}",
            new TextSpan(t.Span.Start, t.Span.Start + 1))));

    /// <summary>Raises "expected {label}, found Y" spanning the whole offending token.</summary>
    private static Parser<Token, T> Expected<T>(string label) =>
        Peek.Select<T>(t => throw ExpectedError(label, t));

    /// <summary>Raises "expected {label}, found Y" for a token that was already consumed.</summary>
    private static Exception ExpectedError(string label, Token found) =>
        LexErrorAt(found) ?? new WitError($"expected {label}, found {Token.Describe(found.Kind)}", found.Span);

    /// <summary>The lexical error a token stands for, if the lexer failed at this point.</summary>
    private static WitError? LexErrorAt(Token t) => t.Kind == TokenKind.LexError ? new WitError(t.Text, t.Span) : null;

    /// <summary>The documentation comments in front of the next token.</summary>
    private static readonly Parser<Token, DocComments> Docs = Parser.Rec(() => Peek.Select(DocsOf));

    private static DocComments DocsOf(Token t)
    {
        if (t.LeadingComments is not { Length: > 0 } comments)
        {
            return DocComments.None;
        }

        var last = comments[^1];
        int trailing = 0;
        for (int i = last.Text.Length - 1; i >= 0 && char.IsWhiteSpace(last.Text[i]); i--)
        {
            trailing++;
        }

        var span = new TextSpan(comments[0].Span.Start, last.Span.End - trailing);
        return new DocComments(comments.Select(c => c.Text).ToArray(), span);
    }

    /// <summary>Guards recursive productions against exhausting the stack on hostile input.</summary>
    private static Parser<Token, T> Guarded<T>(Func<Parser<Token, T>> parser) =>
        P.Return(0).Select(_ =>
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return 0;
        }).Then(Parser.Rec(parser));

    // ---- identifiers ----------------------------------------------------------------------

    /// <summary><c>parse_id</c>: an identifier or <c>%</c>-identifier, validated.</summary>
    private static readonly Parser<Token, Id> Ident = Parser.Rec(() =>
        P.Token(t => t.Kind is TokenKind.Id or TokenKind.ExplicitId)
            .Select(ToId)
            .Or(Expected<Id>("an identifier or string")));

    private static Id ToId(Token t)
    {
        if (t.Kind == TokenKind.ExplicitId)
        {
            var name = t.Text[1..];
            Identifiers.Validate(name, t.Span.Start);
            return new Id(name, t.Span);
        }

        Identifiers.Validate(t.Text, t.Span.Start);
        return new Id(t.Text, t.Span);
    }

    /// <summary><c>eat_id</c>: a specific contextual word such as <c>version</c>.</summary>
    private static Parser<Token, Id> Word(string expected) =>
        Ident.Select(id => id.Name == expected
            ? id
            : throw new WitError($"expected `{expected}`, found `{id.Name}`", id.Span));

    // ---- versions ---------------------------------------------------------------------

    private static readonly Parser<Token, Token> VersionPart = Parser.Rec(() =>
        P.Token(t => t.Kind is TokenKind.Id or TokenKind.Integer or TokenKind.Minus));

    private static readonly Parser<Token, IEnumerable<Token>> VersionSuffixRun = Parser.Rec(() =>
        VersionPart.Select(t => (IEnumerable<Token>)new[] { t })
            .Or(Parser.Try(Parser.Map((dot, part) => (IEnumerable<Token>)new[] { dot, part }, Tok(TokenKind.Period), VersionPart)))
            .Many()
            .Select(runs => runs.SelectMany(r => r)));

    /// <summary>
    /// <c>-pre</c> or <c>+build</c>: the prefix is consumed, and the version text then extends over
    /// the identifiers, integers and dashes that follow, exactly as the reference parser reads it.
    /// </summary>
    private static Parser<Token, IEnumerable<Token>> VersionSuffix(TokenKind prefix) =>
        Tok(prefix).Then(VersionSuffixRun)
            .Or(P.Return(Enumerable.Empty<Token>()));

    /// <summary><c>parse_version</c>: <c>1.2.3</c> with optional pre-release and build parts.</summary>
    private static readonly Parser<Token, (TextSpan Span, SemVersion Version)> Version = Parser.Rec(() =>
        Parser.Map(
            (a, _, _, _, c, pre, build) => MakeVersion(a, new[] { c }.Concat(pre).Concat(build).ToList()),
            Expect(TokenKind.Integer),
            Expect(TokenKind.Period),
            Expect(TokenKind.Integer),
            Expect(TokenKind.Period),
            Expect(TokenKind.Integer),
            VersionSuffix(TokenKind.Minus),
            VersionSuffix(TokenKind.Plus)));

    [ThreadStatic]
    private static SourceFile? _file;

    private static (TextSpan, SemVersion) MakeVersion(Token first, List<Token> extending)
    {
        var span = new TextSpan(first.Span.Start, extending[^1].Span.End);
        var text = _file is { } file
            ? file.Text.Substring(span.Start - file.Offset, span.Length)
            : string.Concat(extending.Select(t => t.Text));
        if (!SemVersion.TryParse(text, out var version, out var error))
        {
            throw new WitError(error!, span);
        }

        return (span, version!);
    }

    private static readonly Parser<Token, (TextSpan Span, SemVersion Version)?> OptionalVersion = Parser.Rec(() =>
        Tok(TokenKind.At).Then(Version).Select(v => ((TextSpan, SemVersion)?)v)
            .Or(P.Return<(TextSpan, SemVersion)?>(null)));

    // ---- lists ------------------------------------------------------------------------

    /// <summary>
    /// <c>parse_list_trailer</c>: comma-separated items (trailing comma allowed) up to <paramref name="end"/>.
    /// Each item parser receives the docs that precede it.
    /// </summary>
    private static Parser<Token, IReadOnlyList<T>> ListUntil<T>(TokenKind end, Func<DocComments, Parser<Token, T>> item)
    {
        var element = NotAt(end).Then(Docs).Bind(docs => item(docs))
            .Before(Tok(TokenKind.Comma).Or(Tok(end).Ahead()).Or(Expect(end)));
        return element.Many().Before(Expect(end)).Select(xs => (IReadOnlyList<T>)xs.ToList());
    }

    /// <summary><c>parse_list</c>: an opening token then <see cref="ListUntil"/>.</summary>
    private static Parser<Token, IReadOnlyList<T>> DelimitedList<T>(TokenKind start, TokenKind end, Func<DocComments, Parser<Token, T>> item) =>
        Expect(start).Then(ListUntil(end, item));
}
