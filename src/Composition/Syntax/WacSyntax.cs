using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Syntax;

/// <summary>A parsed WAC file: its <c>package</c> directive and its statements, in source order.</summary>
internal sealed record WacDocument(WacPackageName Package, IReadOnlyList<WacStatement> Statements);

/// <summary>An identifier (without its <c>%</c> escape) and where it is written.</summary>
internal sealed record WacIdent(string Name, TextSpan Span);

/// <summary>
/// A package name, <c>ns:name</c> or <c>ns:name@version</c> (WAC allows more <c>:</c>-separated segments). The
/// version is kept as written; the resolver checks it.
/// </summary>
internal sealed record WacPackageName(IReadOnlyList<WacIdent> Segments, WacVersion? Version, TextSpan Span)
{
    /// <summary>The name without its version, e.g. <c>example:greeter</c>.</summary>
    public string Name => string.Join(":", Segments.Select(s => s.Name));

    /// <inheritdoc />
    public override string ToString() => Version is { } v ? $"{Name}@{v.Text}" : Name;
}

/// <summary>A version as written after <c>@</c>.</summary>
internal sealed record WacVersion(string Text, TextSpan Span);

/// <summary>A statement.</summary>
internal abstract record WacStatement(TextSpan Span);

/// <summary><c>let name = expr;</c></summary>
internal sealed record WacLetStatement(WacIdent Name, WacExpression Value, TextSpan Span) : WacStatement(Span);

/// <summary>
/// <c>export expr;</c>, <c>export expr as name;</c> (name an identifier or a string) or <c>export expr...;</c>.
/// </summary>
internal sealed record WacExportStatement(WacExpression Value, WacName? Alias, TextSpan? Spread, TextSpan Span) : WacStatement(Span);

/// <summary>A name written as an identifier or as a string (an import or export name).</summary>
/// <param name="Text">The identifier (without <c>%</c>) or the string's contents.</param>
/// <param name="IsString">Whether it was written as a string, which WAC takes verbatim.</param>
/// <param name="Span">Where it is written.</param>
internal sealed record WacName(string Text, bool IsString, TextSpan Span);

/// <summary>An expression.</summary>
internal abstract record WacExpression(TextSpan Span);

/// <summary>A local name bound by an earlier <c>let</c>.</summary>
internal sealed record WacNameExpression(WacIdent Name) : WacExpression(Name.Span);

/// <summary><c>new ns:name { arguments }</c>.</summary>
internal sealed record WacNewExpression(WacPackageName Package, IReadOnlyList<WacArgument> Arguments, TextSpan Span) : WacExpression(Span);

/// <summary><c>target.member</c>: an export of an instance, named by its last path segment or in full.</summary>
internal sealed record WacAccessExpression(WacExpression Target, WacIdent Member, TextSpan Span) : WacExpression(Span);

/// <summary><c>target["name"]</c>: an export of an instance, named exactly.</summary>
internal sealed record WacNamedAccessExpression(WacExpression Target, WacName Member, TextSpan Span) : WacExpression(Span);

/// <summary>An instantiation argument.</summary>
internal abstract record WacArgument(TextSpan Span);

/// <summary><c>name: expr</c> (name an identifier or a string).</summary>
internal sealed record WacNamedArgument(WacName Name, WacExpression Value, TextSpan Span) : WacArgument(Span);

/// <summary><c>name</c>: a local name passed to the import its name infers.</summary>
internal sealed record WacInferredArgument(WacIdent Name) : WacArgument(Name.Span);

/// <summary><c>...name</c>: the exports of an instance, for the imports still unsatisfied.</summary>
internal sealed record WacSpreadArgument(WacIdent Instance, TextSpan Span) : WacArgument(Span);

/// <summary><c>...</c>: the remaining imports become imports of the composition.</summary>
internal sealed record WacPassThroughArgument(TextSpan Span) : WacArgument(Span);
