using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Syntax;

/// <summary>A type as written. <see cref="Span"/> is where diagnostics about the type point.</summary>
internal abstract record TypeSyntax(TextSpan Span);

internal sealed record PrimitiveTypeSyntax(TextSpan Span, PrimitiveType Primitive) : TypeSyntax(Span);

internal sealed record NamedTypeSyntax(Id Id) : TypeSyntax(Id.Span);

internal sealed record ListTypeSyntax(TextSpan Span, TypeSyntax Element) : TypeSyntax(Span);

internal sealed record FixedLengthListTypeSyntax(TextSpan Span, TypeSyntax Element, uint Length) : TypeSyntax(Span);

internal sealed record MapTypeSyntax(TextSpan Span, TypeSyntax Key, TypeSyntax Value) : TypeSyntax(Span);

internal sealed record HandleTypeSyntax(bool IsBorrow, Id Resource) : TypeSyntax(Resource.Span);

internal sealed record ResourceTypeSyntax(TextSpan Span, IReadOnlyList<ResourceFunc> Funcs) : TypeSyntax(Span);

internal sealed record FieldSyntax(DocComments Docs, Id Name, TypeSyntax Type);

internal sealed record RecordTypeSyntax(TextSpan Span, IReadOnlyList<FieldSyntax> Fields) : TypeSyntax(Span);

internal sealed record FlagSyntax(DocComments Docs, Id Name);

internal sealed record FlagsTypeSyntax(TextSpan Span, IReadOnlyList<FlagSyntax> Flags) : TypeSyntax(Span);

internal sealed record CaseSyntax(DocComments Docs, Id Name, TypeSyntax? Type);

internal sealed record VariantTypeSyntax(TextSpan Span, IReadOnlyList<CaseSyntax> Cases) : TypeSyntax(Span);

internal sealed record EnumTypeSyntax(TextSpan Span, IReadOnlyList<FlagSyntax> Cases) : TypeSyntax(Span);

internal sealed record TupleTypeSyntax(TextSpan Span, IReadOnlyList<TypeSyntax> Types) : TypeSyntax(Span);

internal sealed record OptionTypeSyntax(TextSpan Span, TypeSyntax Inner) : TypeSyntax(Span);

internal sealed record ResultTypeSyntax(TextSpan Span, TypeSyntax? Ok, TypeSyntax? Err) : TypeSyntax(Span);

internal sealed record FutureTypeSyntax(TextSpan Span, TypeSyntax? Payload) : TypeSyntax(Span);

internal sealed record StreamTypeSyntax(TextSpan Span, TypeSyntax? Payload) : TypeSyntax(Span);
