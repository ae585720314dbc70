using System.Globalization;
using Pidgin;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using P = Pidgin.Parser<WitBindgen.WitParser.Syntax.Token>;

namespace WitBindgen.WitParser.Syntax;

/// <summary>Types, type definitions and functions.</summary>
internal static partial class WitGrammar
{
    private const int MaxTypeDepth = 100;

    [ThreadStatic]
    private static int _typeDepth;

    /// <summary>A type, with the reference parser's limit on how deeply types may nest.</summary>
    private static readonly Parser<Token, TypeSyntax> TypeP =
        Peek.Select(t =>
            {
                if (++_typeDepth > MaxTypeDepth)
                {
                    throw new WitError("type nesting too deep", t.Span);
                }

                return t;
            })
            .Then(Guarded(() => TypeBody!))
            .Select(type =>
            {
                _typeDepth--;
                return type;
            });

    private static Parser<Token, TypeSyntax> Angle(Func<TypeSyntax, TypeSyntax> make) =>
        Expect(TokenKind.LessThan).Then(TypeP).Before(Expect(TokenKind.GreaterThan)).Select(make);

    private static Parser<Token, TypeSyntax> OptionalAngle(Func<TypeSyntax?, TypeSyntax> make) =>
        Tok(TokenKind.LessThan).Then(TypeP).Before(Expect(TokenKind.GreaterThan)).Select(t => make(t))
            .Or(P.Return(0).Select(_ => make(null)));

    private static Parser<Token, TypeSyntax> Handle(bool borrow) =>
        Expect(TokenKind.LessThan).Then(Ident).Before(Expect(TokenKind.GreaterThan))
            .Select(id => (TypeSyntax)new HandleTypeSyntax(borrow, id));

    private static readonly Parser<Token, TypeSyntax> TypeBody = Parser.Rec(() =>
        P.Any.Bind(t => t.Kind switch
        {
            TokenKind.U8 => Prim(t, PrimitiveType.U8),
            TokenKind.U16 => Prim(t, PrimitiveType.U16),
            TokenKind.U32 => Prim(t, PrimitiveType.U32),
            TokenKind.U64 => Prim(t, PrimitiveType.U64),
            TokenKind.S8 => Prim(t, PrimitiveType.S8),
            TokenKind.S16 => Prim(t, PrimitiveType.S16),
            TokenKind.S32 => Prim(t, PrimitiveType.S32),
            TokenKind.S64 => Prim(t, PrimitiveType.S64),
            TokenKind.F32 => Prim(t, PrimitiveType.F32),
            TokenKind.F64 => Prim(t, PrimitiveType.F64),
            TokenKind.Char => Prim(t, PrimitiveType.Char),
            TokenKind.Bool => Prim(t, PrimitiveType.Bool),
            TokenKind.String => Prim(t, PrimitiveType.String),
            TokenKind.ErrorContext => Prim(t, PrimitiveType.ErrorContext),
            TokenKind.Tuple => DelimitedList(TokenKind.LessThan, TokenKind.GreaterThan, _ => TypeP)
                .Select(types => (TypeSyntax)new TupleTypeSyntax(t.Span, types)),
            TokenKind.List => ListType(t),
            TokenKind.Map => Parser.Map(
                (_, k, _, v, _) => (TypeSyntax)new MapTypeSyntax(t.Span, k, v),
                Expect(TokenKind.LessThan), TypeP, Expect(TokenKind.Comma), TypeP, Expect(TokenKind.GreaterThan)),
            TokenKind.Option => Angle(inner => new OptionTypeSyntax(t.Span, inner)),
            TokenKind.Result => ResultType(t),
            TokenKind.Future => OptionalAngle(p => new FutureTypeSyntax(t.Span, p)),
            TokenKind.Stream => OptionalAngle(p => new StreamTypeSyntax(t.Span, p)),
            TokenKind.Own => Handle(false),
            TokenKind.Borrow => Handle(true),
            TokenKind.Id or TokenKind.ExplicitId => P.Return(0).Select(_ => (TypeSyntax)new NamedTypeSyntax(ToId(t))),
            _ => throw ExpectedError("a type", t),
        }));

    private static Parser<Token, TypeSyntax> Prim(Token t, PrimitiveType p) =>
        P.Return((TypeSyntax)new PrimitiveTypeSyntax(t.Span, p));

    private static Parser<Token, TypeSyntax> ListType(Token keyword) =>
        Expect(TokenKind.LessThan).Then(TypeP).Bind(element =>
            Tok(TokenKind.Comma).Then(P.Any.Select(n =>
                {
                    if (n.Kind != TokenKind.Integer)
                    {
                        throw ExpectedError("fixed-length", n);
                    }

                    if (!uint.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        throw new WitError("invalid list size: number too large to fit in target type", n.Span);
                    }

                    return (TypeSyntax)new FixedLengthListTypeSyntax(keyword.Span, element, size);
                }))
                .Or(P.Return(0).Select(_ => (TypeSyntax)new ListTypeSyntax(keyword.Span, element)))
                .Before(Expect(TokenKind.GreaterThan)));

    private static Parser<Token, TypeSyntax> ResultType(Token keyword) =>
        Tok(TokenKind.LessThan).Then(
                Tok(TokenKind.Underscore).Then(Expect(TokenKind.Comma)).Then(TypeP)
                    .Select(err => (TypeSyntax)new ResultTypeSyntax(keyword.Span, null, err))
                    .Or(TypeP.Bind(ok => Tok(TokenKind.Comma).Then(TypeP)
                        .Select(err => (TypeSyntax)new ResultTypeSyntax(keyword.Span, ok, err))
                        .Or(P.Return(0).Select(_ => (TypeSyntax)new ResultTypeSyntax(keyword.Span, ok, null)))))
                    .Before(Expect(TokenKind.GreaterThan)))
            .Or(P.Return(0).Select(_ => (TypeSyntax)new ResultTypeSyntax(keyword.Span, null, null)));

    // ---- functions -------------------------------------------------------------------------

    private static readonly Parser<Token, Param> ParamP = Parser.Rec(() =>
        Parser.Map((name, _, type) => new Param(name, type), Ident, Expect(TokenKind.Colon), TypeP));

    private static readonly Parser<Token, IReadOnlyList<Param>> Params = Parser.Rec(() =>
        Expect(TokenKind.LeftParen).Then(ListUntil(TokenKind.RightParen, _ => ParamP)));

    private static readonly Parser<Token, TypeSyntax?> ResultArrow = Parser.Rec(() =>
        Tok(TokenKind.RArrow).Then(TypeP).Select(t => (TypeSyntax?)t).Or(P.Return<TypeSyntax?>(null)));

    /// <summary><c>async? func(params) -> result</c>.</summary>
    private static readonly Parser<Token, FuncSyntax> Func = Parser.Rec(() =>
        Parser.Map(
            (isAsync, func, ps, result) => new FuncSyntax(func.Span, isAsync, ps, result),
            Eat(TokenKind.Async),
            Expect(TokenKind.Func),
            Params,
            ResultArrow));

    private static Parser<Token, NamedFunc> NamedFuncP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Parser.Map(
            (name, _, func, _) => new NamedFunc(docs, attrs, name, func),
            Ident,
            Expect(TokenKind.Colon),
            Func,
            Expect(TokenKind.Semicolon));

    // ---- type definitions ----------------------------------------------------------------------

    private static Parser<Token, TypeDefSyntax> TypeAlias(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Parser.Map(
            (_, name, _, type, _) => new TypeDefSyntax(docs, attrs, name, type),
            Expect(TokenKind.Type), Ident, Expect(TokenKind.Equals), TypeP, Expect(TokenKind.Semicolon));

    private static Parser<Token, TypeDefSyntax> FlagsDef(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Expect(TokenKind.Flags).Then(Ident).Bind(name =>
            DelimitedList(TokenKind.LeftBrace, TokenKind.RightBrace, d => Ident.Select(id => new FlagSyntax(d, id)))
                .Select(flags => new TypeDefSyntax(docs, attrs, name, new FlagsTypeSyntax(name.Span, flags))));

    private static Parser<Token, TypeDefSyntax> EnumDef(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Expect(TokenKind.Enum).Then(Ident).Bind(name =>
            DelimitedList(TokenKind.LeftBrace, TokenKind.RightBrace, d => Ident.Select(id => new FlagSyntax(d, id)))
                .Select(cases => new TypeDefSyntax(docs, attrs, name, new EnumTypeSyntax(name.Span, cases))));

    private static Parser<Token, TypeDefSyntax> RecordDef(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Expect(TokenKind.Record).Then(Ident).Bind(name =>
            DelimitedList(TokenKind.LeftBrace, TokenKind.RightBrace, d => Parser.Map(
                    (id, _, type) => new FieldSyntax(d, id, type), Ident, Expect(TokenKind.Colon), TypeP))
                .Select(fields => new TypeDefSyntax(docs, attrs, name, new RecordTypeSyntax(name.Span, fields))));

    private static Parser<Token, TypeDefSyntax> VariantDef(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Expect(TokenKind.Variant).Then(Ident).Bind(name =>
            DelimitedList(TokenKind.LeftBrace, TokenKind.RightBrace, d => Parser.Map(
                    (id, type) => new CaseSyntax(d, id, type),
                    Ident,
                    Tok(TokenKind.LeftParen).Then(TypeP).Before(Expect(TokenKind.RightParen)).Select(t => (TypeSyntax?)t)
                        .Or(P.Return<TypeSyntax?>(null))))
                .Select(cases => new TypeDefSyntax(docs, attrs, name, new VariantTypeSyntax(name.Span, cases))));

    private static Parser<Token, TypeDefSyntax> ResourceDef(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Expect(TokenKind.Resource).Then(Ident).Bind(name =>
            Tok(TokenKind.LeftBrace).Then(
                    NotAt(TokenKind.RightBrace).Then(Docs).Bind(d => Attributes.Bind(a => ResourceFuncP(d, a)))
                        .Many()
                        .Before(Expect(TokenKind.RightBrace))
                        .Select(fs => (IReadOnlyList<ResourceFunc>)fs.ToList()))
                .Or(Expect(TokenKind.Semicolon).ThenReturn((IReadOnlyList<ResourceFunc>)Array.Empty<ResourceFunc>()))
                .Select(funcs => new TypeDefSyntax(docs, attrs, name, new ResourceTypeSyntax(name.Span, funcs))));

    private static Parser<Token, ResourceFunc> ResourceFuncP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Peek.Bind(t => t.Kind switch
        {
            TokenKind.Constructor => Tok(TokenKind.Constructor).Bind(ctor => Parser.Map(
                (ps, result, _) => new ResourceFunc(
                    ResourceFuncKind.Constructor,
                    new NamedFunc(docs, attrs, new Id("constructor", ctor.Span), new FuncSyntax(ctor.Span, false, ps, result))),
                Params,
                ResultArrow,
                Expect(TokenKind.Semicolon))),
            TokenKind.Id or TokenKind.ExplicitId => Parser.Map(
                (name, _, isStatic, func, _) => new ResourceFunc(
                    isStatic ? ResourceFuncKind.Static : ResourceFuncKind.Method,
                    new NamedFunc(docs, attrs, name, func)),
                Ident,
                Expect(TokenKind.Colon),
                Eat(TokenKind.Static),
                Func,
                Expect(TokenKind.Semicolon)),
            _ => Expected<ResourceFunc>("`constructor` or identifier"),
        });
}
