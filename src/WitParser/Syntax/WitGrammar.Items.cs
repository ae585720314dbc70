using Pidgin;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Text;
using P = Pidgin.Parser<WitBindgen.WitParser.Syntax.Token>;

namespace WitBindgen.WitParser.Syntax;

/// <summary>Top-level items: packages, interfaces, worlds, <c>use</c> and gates.</summary>
internal static partial class WitGrammar
{
    // ---- gates ---------------------------------------------------------------------------

    private static readonly Parser<Token, GateAttribute> Attribute = Parser.Rec(() =>
        Tok(TokenKind.At).Then(Ident).Bind(id => id.Name switch
        {
            "since" => Expect(TokenKind.LeftParen).Then(Word("version")).Then(Expect(TokenKind.Equals))
                .Then(Version).Before(Expect(TokenKind.RightParen))
                .Select(v => (GateAttribute)new SinceAttribute(id.Span, v.Version)),
            "unstable" => Expect(TokenKind.LeftParen).Then(Word("feature")).Then(Expect(TokenKind.Equals))
                .Then(Ident).Before(Expect(TokenKind.RightParen))
                .Select(f => (GateAttribute)new UnstableAttribute(id.Span, f)),
            "deprecated" => Expect(TokenKind.LeftParen).Then(Word("version")).Then(Expect(TokenKind.Equals))
                .Then(Version).Before(Expect(TokenKind.RightParen))
                .Select(v => (GateAttribute)new DeprecatedAttribute(id.Span, v.Version)),
            "external-id" => Expect(TokenKind.LeftParen).Then(Expect(TokenKind.StringLiteral)).Before(Expect(TokenKind.RightParen))
                .Select(lit => (GateAttribute)new ExternalIdAttribute(id.Span, DecodeString(lit))),
            _ => throw new WitError($"unknown attribute `{id.Name}`", id.Span),
        }));

    private static string DecodeString(Token literal)
    {
        var file = _file!;
        return Lexer.DecodeString(file.Text, literal.Span.Start - file.Offset, file.Offset, out _);
    }

    private static readonly Parser<Token, IReadOnlyList<GateAttribute>> Attributes = Parser.Rec(() =>
        Attribute.Many().Select(a => (IReadOnlyList<GateAttribute>)a.ToList()));

    // ---- package names and paths -----------------------------------------------------------

    private static Parser<Token, PackageNameSyntax> PackageName(DocComments docs) =>
        Parser.Map(
            (ns, _, name, version) => new PackageNameSyntax(
                docs,
                new TextSpan(ns.Span.Start, version is { } v ? v.Span.End : name.Span.End),
                ns,
                name,
                version),
            Ident,
            Expect(TokenKind.Colon),
            Ident,
            OptionalVersion);

    /// <summary><c>use-path</c>: <c>iface</c> or <c>ns:pkg/iface@version</c>.</summary>
    private static readonly Parser<Token, UsePath> UsePathP = Parser.Rec(() =>
        Ident.Bind(id =>
            Tok(TokenKind.Colon).Then(Parser.Map(
                    (pkg, _, name, version) => (UsePath)new PackageUsePath(
                        new PackageNameSyntax(DocComments.None, new TextSpan(id.Span.Start, pkg.Span.End), id, pkg, version),
                        name),
                    Ident,
                    Expect(TokenKind.Slash),
                    Ident,
                    OptionalVersion))
                .Or(P.Return<UsePath>(new LocalUsePath(id)))));

    // ---- use ---------------------------------------------------------------------------------

    private static readonly Parser<Token, UseName> UseNameP = Parser.Rec(() =>
        Parser.Map(
            (name, alias) => new UseName(name, alias),
            Ident,
            Tok(TokenKind.As).Then(Ident).Select(x => (Id?)x).Or(P.Return<Id?>(null))));

    private static readonly Parser<Token, IReadOnlyList<UseName>> UseNames = Parser.Rec(() =>
        NotAt(TokenKind.RightBrace).Then(UseNameP)
            .Before(Tok(TokenKind.Comma).Or(Tok(TokenKind.RightBrace).Ahead()).Or(Expect(TokenKind.RightBrace)))
            .Many()
            .Before(Expect(TokenKind.RightBrace))
            .Select(xs => (IReadOnlyList<UseName>)xs.ToList()));

    private static Parser<Token, UseDecl> Use(IReadOnlyList<GateAttribute> attributes) =>
        Parser.Map(
            (_, from, _, _, names, _) => new UseDecl(attributes, from, names),
            Expect(TokenKind.Use),
            UsePathP,
            Expect(TokenKind.Period),
            Expect(TokenKind.LeftBrace),
            UseNames,
            Expect(TokenKind.Semicolon));

    // ---- interfaces ----------------------------------------------------------------------------

    private static readonly Parser<Token, IReadOnlyList<InterfaceItem>> InterfaceItems = Parser.Rec(() =>
        Expect(TokenKind.LeftBrace).Then(
            NotAt(TokenKind.RightBrace).Then(Docs).Bind(docs => Attributes.Bind(attrs => InterfaceItemP(docs, attrs)))
                .Many()
                .Before(Expect(TokenKind.RightBrace))
                .Select(xs => (IReadOnlyList<InterfaceItem>)xs.ToList())));

    private static Parser<Token, InterfaceItem> InterfaceItemP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Peek.Bind(t => t.Kind switch
        {
            TokenKind.Type => TypeAlias(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Flags => FlagsDef(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Enum => EnumDef(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Variant => VariantDef(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Resource => ResourceDef(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Record => RecordDef(docs, attrs).Select(x => (InterfaceItem)new InterfaceTypeDef(x)),
            TokenKind.Id or TokenKind.ExplicitId => NamedFuncP(docs, attrs).Select(x => (InterfaceItem)new InterfaceFunc(x)),
            TokenKind.Use => Use(attrs).Select(x => (InterfaceItem)new InterfaceUse(x)),
            _ => Expected<InterfaceItem>("`type`, `resource` or `func`"),
        });

    private static Parser<Token, AstItem> InterfaceP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Parser.Map(
            (_, name, items) => (AstItem)new InterfaceDecl(docs, attrs, name, items),
            Expect(TokenKind.Interface),
            Ident,
            InterfaceItems);

    // ---- worlds ----------------------------------------------------------------------------------

    private static Parser<Token, AstItem> WorldP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Parser.Map(
            (_, name, items) => (AstItem)new WorldDecl(docs, attrs, name, items),
            Expect(TokenKind.World),
            Ident,
            Expect(TokenKind.LeftBrace).Then(
                NotAt(TokenKind.RightBrace).Then(Docs).Bind(d => Attributes.Bind(a => WorldItemP(d, a)))
                    .Many()
                    .Before(Expect(TokenKind.RightBrace))
                    .Select(xs => (IReadOnlyList<WorldItemSyntax>)xs.ToList())));

    private static Parser<Token, WorldItemSyntax> WorldItemP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Peek.Bind(t => t.Kind switch
        {
            TokenKind.Import => Tok(TokenKind.Import).Then(ExternKindP).Select(k => (WorldItemSyntax)new ImportSyntax(docs, attrs, k)),
            TokenKind.Export => Tok(TokenKind.Export).Then(ExternKindP).Select(k => (WorldItemSyntax)new ExportSyntax(docs, attrs, k)),
            TokenKind.Use => Use(attrs).Select(u => (WorldItemSyntax)new WorldUse(u)),
            TokenKind.Type => TypeAlias(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Flags => FlagsDef(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Resource => ResourceDef(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Record => RecordDef(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Variant => VariantDef(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Enum => EnumDef(docs, attrs).Select(x => (WorldItemSyntax)new WorldTypeDef(x)),
            TokenKind.Include => Include(attrs),
            _ => Expected<WorldItemSyntax>("`import`, `export`, `include`, `use`, or type definition"),
        });

    /// <summary>
    /// What follows <c>import</c>/<c>export</c>: <c>name: func(...)</c>, <c>name: interface { ... }</c>,
    /// or a use-path. The <c>name:</c> prefix is tried first and abandoned when neither form follows.
    /// </summary>
    private static readonly Parser<Token, ExternKind> ExternKindP = Parser.Rec(() =>
        Parser.Try(Ident.Before(Tok(TokenKind.Colon)).Before(P.Token(t => t.Kind is TokenKind.Func or TokenKind.Async).Ahead()))
            .Bind(id => Func!.Before(Expect(TokenKind.Semicolon)).Select(f => (ExternKind)new ExternFunc(id, f)))
            .Or(Parser.Try(Ident.Before(Tok(TokenKind.Colon)).Before(Tok(TokenKind.Interface)))
                .Bind(id => InterfaceItems.Select(items => (ExternKind)new ExternInterface(id, items))))
            .Or(Parser.Try(Ident.Before(Tok(TokenKind.Colon)).Before(Parser.Not(Parser.Try(
                    P.Token(t => t.Kind is TokenKind.Id or TokenKind.ExplicitId).Then(Tok(TokenKind.Slash))))))
                .Bind(label => UsePathP.Before(Expect(TokenKind.Semicolon)).Select(p => (ExternKind)new ExternNamedPath(label, p))))
            .Or(UsePathP.Before(Expect(TokenKind.Semicolon)).Select(p => (ExternKind)new ExternPath(p))));

    private static Parser<Token, WorldItemSyntax> Include(IReadOnlyList<GateAttribute> attrs) =>
        Tok(TokenKind.Include).Then(UsePathP).Bind(from =>
            Tok(TokenKind.With).Then(DelimitedList(TokenKind.LeftBrace, TokenKind.RightBrace, _ =>
                    Parser.Map((name, _, alias) => new IncludeName(name, alias), Ident, Expect(TokenKind.As), Ident)))
                .Or(Expect(TokenKind.Semicolon).ThenReturn((IReadOnlyList<IncludeName>)Array.Empty<IncludeName>()))
                .Select(names => (WorldItemSyntax)new IncludeSyntax(from, attrs, names)));

    // ---- files and nested packages -------------------------------------------------------------

    private static Parser<Token, AstItem> AstItemP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Peek.Bind(t => t.Kind switch
        {
            TokenKind.Interface => InterfaceP(docs, attrs),
            TokenKind.World => WorldP(docs, attrs),
            TokenKind.Use => ToplevelUseP(attrs),
            TokenKind.Package => NestedPackageP(docs, attrs),
            _ => Expected<AstItem>("`world`, `interface` or `use`"),
        });

    private static Parser<Token, AstItem> ToplevelUseP(IReadOnlyList<GateAttribute> attrs) =>
        Parser.Map(
            (use, path, alias, _) => (AstItem)new ToplevelUse(use.Span, attrs, path, alias),
            Tok(TokenKind.Use),
            UsePathP,
            Tok(TokenKind.As).Then(Ident).Select(x => (Id?)x).Or(P.Return<Id?>(null)),
            Expect(TokenKind.Semicolon));

    private static Parser<Token, AstItem> NestedPackageP(DocComments docs, IReadOnlyList<GateAttribute> attrs) =>
        Tok(TokenKind.Package).Bind(keyword =>
        {
            if (attrs.Count != 0)
            {
                throw new WitError("cannot place attributes on nested packages", keyword.Span);
            }

            if (++_packageDepth > MaxPackageNesting)
            {
                throw new WitError("package nesting too deep", keyword.Span);
            }

            return Parser.Map(
                (name, _, items) =>
                {
                    _packageDepth--;
                    return (AstItem)new NestedPackage(new PackageFile(name, items), keyword.Span);
                },
                PackageName(docs),
                Expect(TokenKind.LeftBrace),
                Guarded(() => DeclList(TokenKind.RightBrace)));
        });

    private static Parser<Token, IReadOnlyList<AstItem>> DeclList(TokenKind end) =>
        NotAt(end).Then(Docs).Bind(docs => Attributes.Bind(attrs => AstItemP(docs, attrs)))
            .Many()
            .Before(end == TokenKind.Eof ? Peek : Expect(end))
            .Select(xs => (IReadOnlyList<AstItem>)xs.ToList());

    /// <summary>A whole file: <c>package a:b;</c> (optional) then items.</summary>
    private static readonly Parser<Token, PackageFile> File =
        Parser.Try(Docs.Bind(docs => Tok(TokenKind.Package).Then(PackageName(docs))).Before(Tok(TokenKind.Semicolon)))
            .Select(n => (PackageNameSyntax?)n)
            .Or(P.Return<PackageNameSyntax?>(null))
            .Then(DeclList(TokenKind.Eof), (name, items) => new PackageFile(name, items));
}
