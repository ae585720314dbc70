using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Syntax;

// The syntax tree produced by the grammar. Every node keeps the spans the resolver needs for
// diagnostics; nothing here is resolved yet.

/// <summary>An identifier with its span (the <c>%</c> of an explicit identifier is not part of the name).</summary>
internal sealed record Id(string Name, TextSpan Span);

/// <summary>Raw comment texts that precede an item, and the span they cover.</summary>
internal sealed record DocComments(IReadOnlyList<string> Comments, TextSpan Span)
{
    public static readonly DocComments None = new(Array.Empty<string>(), default);
}

/// <summary>A <c>@since</c>, <c>@unstable</c> or <c>@deprecated</c> gate.</summary>
internal abstract record GateAttribute(TextSpan Span);

internal sealed record SinceAttribute(TextSpan Span, SemVersion Version) : GateAttribute(Span);

internal sealed record UnstableAttribute(TextSpan Span, Id Feature) : GateAttribute(Span);

internal sealed record DeprecatedAttribute(TextSpan Span, SemVersion Version) : GateAttribute(Span);

/// <summary><c>@external-id("…")</c>: a name for the item outside the component model.</summary>
internal sealed record ExternalIdAttribute(TextSpan Span, string Value) : GateAttribute(Span);

/// <summary><c>ns:name@version</c> as written.</summary>
internal sealed record PackageNameSyntax(DocComments Docs, TextSpan Span, Id Namespace, Id Name, (TextSpan Span, SemVersion Version)? Version)
{
    public PackageName ToName() => new(Namespace.Name, Name.Name, Version?.Version);
}

/// <summary>One file, or one nested <c>package a:b { ... }</c> block.</summary>
internal sealed record PackageFile(PackageNameSyntax? PackageId, IReadOnlyList<AstItem> Items);

/// <summary>A top-level item of a file.</summary>
internal abstract record AstItem;

internal sealed record InterfaceDecl(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, Id Name, IReadOnlyList<InterfaceItem> Items) : AstItem;

internal sealed record WorldDecl(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, Id Name, IReadOnlyList<WorldItemSyntax> Items) : AstItem;

internal sealed record ToplevelUse(TextSpan Span, IReadOnlyList<GateAttribute> Attributes, UsePath Item, Id? As) : AstItem;

internal sealed record NestedPackage(PackageFile Package, TextSpan KeywordSpan) : AstItem;

/// <summary>The target of a <c>use</c>, <c>import</c>, <c>export</c> or <c>include</c>.</summary>
internal abstract record UsePath
{
    public abstract Id Name { get; }
}

internal sealed record LocalUsePath(Id Id) : UsePath
{
    public override Id Name => Id;
}

internal sealed record PackageUsePath(PackageNameSyntax Package, Id Item) : UsePath
{
    public override Id Name => Item;
}

internal sealed record UseName(Id Name, Id? As);

internal sealed record UseDecl(IReadOnlyList<GateAttribute> Attributes, UsePath From, IReadOnlyList<UseName> Names);

internal sealed record IncludeName(Id Name, Id As);

/// <summary>An item inside <c>world { ... }</c>.</summary>
internal abstract record WorldItemSyntax;

internal sealed record ImportSyntax(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, ExternKind Kind) : WorldItemSyntax;

internal sealed record ExportSyntax(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, ExternKind Kind) : WorldItemSyntax;

internal sealed record WorldUse(UseDecl Use) : WorldItemSyntax;

internal sealed record WorldTypeDef(TypeDefSyntax TypeDef) : WorldItemSyntax;

internal sealed record IncludeSyntax(UsePath From, IReadOnlyList<GateAttribute> Attributes, IReadOnlyList<IncludeName> Names) : WorldItemSyntax;

/// <summary>What an import or export names: an inline interface, an interface path, or a function.</summary>
internal abstract record ExternKind
{
    public abstract TextSpan Span { get; }
}

internal sealed record ExternInterface(Id Name, IReadOnlyList<InterfaceItem> Items) : ExternKind
{
    public override TextSpan Span => Name.Span;
}

internal sealed record ExternPath(UsePath Path) : ExternKind
{
    public override TextSpan Span => Path.Name.Span;
}

/// <summary><c>import label: path;</c> — an interface imported or exported under a plain name.</summary>
internal sealed record ExternNamedPath(Id Label, UsePath Path) : ExternKind
{
    public override TextSpan Span => Label.Span;
}

internal sealed record ExternFunc(Id Name, FuncSyntax Func) : ExternKind
{
    public override TextSpan Span => Name.Span;
}

/// <summary>An item inside <c>interface { ... }</c>.</summary>
internal abstract record InterfaceItem;

internal sealed record InterfaceTypeDef(TypeDefSyntax TypeDef) : InterfaceItem;

internal sealed record InterfaceFunc(NamedFunc Func) : InterfaceItem;

internal sealed record InterfaceUse(UseDecl Use) : InterfaceItem;

internal sealed record TypeDefSyntax(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, Id Name, TypeSyntax Type);

internal sealed record NamedFunc(DocComments Docs, IReadOnlyList<GateAttribute> Attributes, Id Name, FuncSyntax Func);

internal sealed record Param(Id Name, TypeSyntax Type);

internal sealed record FuncSyntax(TextSpan Span, bool IsAsync, IReadOnlyList<Param> Params, TypeSyntax? Result);

internal enum ResourceFuncKind
{
    Method,
    Static,
    Constructor,
}

internal sealed record ResourceFunc(ResourceFuncKind Kind, NamedFunc Func);
