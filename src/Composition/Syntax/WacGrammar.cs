using Pidgin;
using WitBindgen.WitParser.Text;
using P = Pidgin.Parser<WitBindgen.Composition.Syntax.WacToken>;

namespace WitBindgen.Composition.Syntax;

/// <summary>
/// The WAC grammar of this subset, with Pidgin combinators over the token stream. Every choice is decided by the
/// next token (LL(1)); a failure is Pidgin's own error (what was expected, what was found, at which token), which
/// <see cref="WacParser"/> renders. This file holds names and statements; expressions are in the partial file.
/// </summary>
internal static partial class WacGrammar
{
    /// <summary>Consumes one token of a kind; the label names it in errors.</summary>
    private static Parser<WacToken, WacToken> Tok(WacTokenKind kind) =>
        P.Token(t => t.Kind == kind).Labelled(WacToken.Describe(kind));

    private static readonly Parser<WacToken, WacIdent> Ident =
        P.Token(t => t.Kind is WacTokenKind.Id or WacTokenKind.ExplicitId)
            .Select(t => new WacIdent(t.Text, t.Span))
            .Labelled("an identifier");

    /// <summary>An import or export name: an identifier or a string.</summary>
    private static readonly Parser<WacToken, WacName> Name =
        P.Token(t => t.Kind is WacTokenKind.Id or WacTokenKind.ExplicitId or WacTokenKind.StringLiteral)
            .Select(t => new WacName(t.Text, t.Kind == WacTokenKind.StringLiteral, t.Span))
            .Labelled("an identifier or a string");

    private static readonly Parser<WacToken, WacVersion> VersionSuffix =
        Tok(WacTokenKind.At).Then(Tok(WacTokenKind.Version), (_, v) => new WacVersion(v.Text, v.Span));

    /// <summary><c>id (':' id)+ ('@' version)?</c></summary>
    private static readonly Parser<WacToken, WacPackageName> PackageName =
        Parser.Map(
            (first, rest, version) =>
            {
                var segments = new List<WacIdent> { first };
                segments.AddRange(rest);
                var end = version.HasValue ? version.Value.Span.End : segments[^1].Span.End;
                return new WacPackageName(segments, version.HasValue ? version.Value : null, new TextSpan(first.Span.Start, end));
            },
            Ident,
            Tok(WacTokenKind.Colon).Then(Ident).AtLeastOnce(),
            VersionSuffix.Optional());

    private static readonly Parser<WacToken, WacPackageName> PackageDirective =
        Tok(WacTokenKind.Package).Then(PackageName).Before(Tok(WacTokenKind.Semicolon));

    private static readonly Parser<WacToken, WacStatement> LetStatement = Parser.Rec(() =>
        Parser.Map(
            (keyword, name, _, value, semicolon) => (WacStatement)new WacLetStatement(name, value, Union(keyword, semicolon)),
            Tok(WacTokenKind.Let),
            Ident,
            Tok(WacTokenKind.Equals),
            Expression,
            Tok(WacTokenKind.Semicolon)));

    /// <summary>What may follow an exported expression: <c>...</c> or <c>as name</c>.</summary>
    private static readonly Parser<WacToken, (WacName? Alias, TextSpan? Spread)> ExportOptions =
        Tok(WacTokenKind.Ellipsis).Select(t => ((WacName?)null, (TextSpan?)t.Span))
            .Or(Tok(WacTokenKind.As).Then(Name).Select(n => ((WacName?)n, (TextSpan?)null)))
            .Or(P.Return<(WacName?, TextSpan?)>((null, null)));

    private static readonly Parser<WacToken, WacStatement> ExportStatement = Parser.Rec(() =>
        Parser.Map(
            (keyword, value, options, semicolon) => (WacStatement)new WacExportStatement(value, options.Alias, options.Spread, Union(keyword, semicolon)),
            Tok(WacTokenKind.Export),
            Expression,
            ExportOptions,
            Tok(WacTokenKind.Semicolon)));

    private static readonly Parser<WacToken, WacStatement> Statement = LetStatement.Or(ExportStatement);

    /// <summary>A postfix access: <c>.name</c> or <c>["name"]</c>.</summary>
    private static readonly Parser<WacToken, Func<WacExpression, WacExpression>> Postfix = Parser.Rec(() =>
        Tok(WacTokenKind.Period).Then(Ident).Select<Func<WacExpression, WacExpression>>(member =>
                target => new WacAccessExpression(target, member, new TextSpan(target.Span.Start, member.Span.End)))
            .Or(Parser.Map<WacToken, WacToken, WacToken, WacToken, Func<WacExpression, WacExpression>>(
                (_, name, close) => target => new WacNamedAccessExpression(
                    target, new WacName(name.Text, true, name.Span), new TextSpan(target.Span.Start, close.Span.End)),
                Tok(WacTokenKind.LeftBracket),
                Tok(WacTokenKind.StringLiteral),
                Tok(WacTokenKind.RightBracket))));

    /// <summary>An expression: a primary expression followed by any number of accesses.</summary>
    private static readonly Parser<WacToken, WacExpression> Expression = Parser.Rec(() =>
        Parser.Map(
            (primary, postfixes) => postfixes.Aggregate(primary, (target, postfix) => postfix(target)),
            Primary,
            Postfix.Many()));

    /// <summary>A whole file: <c>package</c> directive, statements, end of file.</summary>
    public static readonly Parser<WacToken, WacDocument> Document = Parser.Rec(() =>
        Parser.Map(
            (package, statements, _) => new WacDocument(package, statements.ToList()),
            PackageDirective,
            Statement.Many(),
            Tok(WacTokenKind.Eof).Labelled("keyword `let`, keyword `export` or end of file")));

    private static TextSpan Union(WacToken first, WacToken last) => new(first.Span.Start, last.Span.End);
}
