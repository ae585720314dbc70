using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>An interface or a world inside one package, as referred to by name.</summary>
internal readonly record struct ItemRef(InterfaceId? Interface, WorldId? World)
{
    public static ItemRef Of(InterfaceId id) => new(id, null);

    public static ItemRef Of(WorldId id) => new(null, id);
}

internal sealed record InterfaceSpans(TextSpan Span, List<TextSpan> Funcs);

internal sealed record WorldSpans(TextSpan Span, List<TextSpan> Imports, List<TextSpan> Exports, List<TextSpan> Includes);

/// <summary>A foreign item this package refers to, with the gates of every reference.</summary>
internal sealed record ForeignItem(ItemRef Item, List<Stability> Stabilities);

/// <summary>
/// One package after name resolution within itself: its own arenas, where foreign interfaces,
/// worlds and types come first as placeholders. <see cref="ResolveBuilder"/> links it into a
/// <see cref="WitResolve"/>.
/// </summary>
internal sealed class UnresolvedPackage
{
    public UnresolvedPackage(PackageName name, TextSpan nameSpan, Docs docs, SourceMap sources)
    {
        Name = name;
        NameSpan = nameSpan;
        Docs = docs;
        Sources = sources;
    }

    public PackageName Name { get; }

    public TextSpan NameSpan { get; }

    public Docs Docs { get; }

    public SourceMap Sources { get; }

    public List<WitTypeDef> Types { get; } = new();

    public List<WitInterface> Interfaces { get; } = new();

    public List<WitWorld> Worlds { get; } = new();

    public OrderedMap<PackageName, OrderedMap<string, ForeignItem>> ForeignDeps { get; } = new();

    public List<TextSpan> ForeignDepSpans { get; } = new();

    public Dictionary<int, TextSpan> UnknownTypeSpans { get; } = new();

    public List<TextSpan> TypeSpans { get; } = new();

    public List<InterfaceSpans> InterfaceSpans { get; } = new();

    public List<WorldSpans> WorldSpans { get; } = new();

    public List<(TypeId Type, TextSpan Span)> RequiredResourceTypes { get; } = new();
}
