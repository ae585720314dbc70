using Pidgin;
using WitBindgen.WitParser.Text;
using P = Pidgin.Parser<WitBindgen.Composition.Syntax.WacToken>;

namespace WitBindgen.Composition.Syntax;

/// <summary>Expressions: <c>new</c>, local names, nested <c>( )</c>, and the <c>.name</c> / <c>["name"]</c> accesses.</summary>
internal static partial class WacGrammar
{
    /// <summary><c>...</c>, <c>...name</c>, <c>name</c>, <c>name: expr</c> or <c>"name": expr</c>.</summary>
    private static readonly Parser<WacToken, WacArgument> Argument = Parser.Rec(() =>
        Tok(WacTokenKind.Ellipsis).Then(Ident.Optional(), (dots, instance) => instance.HasValue
                ? (WacArgument)new WacSpreadArgument(instance.Value, new TextSpan(dots.Span.Start, instance.Value.Span.End))
                : new WacPassThroughArgument(dots.Span))
            .Or(Ident.Then(Tok(WacTokenKind.Colon).Then(Expression).Optional(), (name, value) => value.HasValue
                ? (WacArgument)new WacNamedArgument(new WacName(name.Name, false, name.Span), value.Value, new TextSpan(name.Span.Start, value.Value.Span.End))
                : new WacInferredArgument(name)))
            .Or(Parser.Map(
                (name, _, value) => (WacArgument)new WacNamedArgument(
                    new WacName(name.Text, true, name.Span), value, new TextSpan(name.Span.Start, value.Span.End)),
                Tok(WacTokenKind.StringLiteral),
                Tok(WacTokenKind.Colon),
                Expression)));

    /// <summary>
    /// After <c>{</c>: <c>}</c>, or arguments separated by commas (a trailing one allowed) then <c>}</c>. The two
    /// alternatives are tried at the same token, so an error there lists everything that may start an argument.
    /// </summary>
    private static readonly Parser<WacToken, (IReadOnlyList<WacArgument> Arguments, WacToken Close)> Arguments = Parser.Rec(() =>
        Tok(WacTokenKind.RightBrace).Select(close => ((IReadOnlyList<WacArgument>)Array.Empty<WacArgument>(), close))
            .Or(Parser.Map(
                (arguments, close) => ((IReadOnlyList<WacArgument>)arguments.ToList(), close),
                Argument.SeparatedAndOptionallyTerminatedAtLeastOnce(Tok(WacTokenKind.Comma)),
                Tok(WacTokenKind.RightBrace).Labelled("`,` or `}`"))));

    private static readonly Parser<WacToken, WacExpression> NewExpression = Parser.Rec(() =>
        Parser.Map(
            (keyword, package, arguments) => (WacExpression)new WacNewExpression(
                package, arguments.Arguments, new TextSpan(keyword.Span.Start, arguments.Close.Span.End)),
            Tok(WacTokenKind.New),
            PackageName,
            Tok(WacTokenKind.LeftBrace).Then(Arguments)));

    private static readonly Parser<WacToken, WacExpression> Primary = Parser.Rec(() =>
        NewExpression
            .Or(Tok(WacTokenKind.LeftParen).Then(Expression).Before(Tok(WacTokenKind.RightParen)))
            .Or(Ident.Select(id => (WacExpression)new WacNameExpression(id))));
}
