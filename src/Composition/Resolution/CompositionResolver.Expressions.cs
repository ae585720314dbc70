using WitBindgen.Composition.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Resolution;

/// <summary>Expressions: local names and export accesses.</summary>
internal sealed partial class CompositionResolver
{
    /// <summary>Evaluates an expression; a chain of accesses is walked without recursion, however long.</summary>
    private ResolvedValue Evaluate(WacExpression expression)
    {
        var accesses = new Stack<WacExpression>();
        var root = expression;
        while (root is WacAccessExpression or WacNamedAccessExpression)
        {
            accesses.Push(root);
            root = root is WacAccessExpression access ? access.Target : ((WacNamedAccessExpression)root).Target;
        }

        var value = root switch
        {
            WacNameExpression name => Lookup(name.Name),
            WacNewExpression creation => Nested(creation),
            _ => ErrorValue.Instance,
        };
        while (accesses.Count > 0 && value is not ErrorValue)
        {
            value = accesses.Pop() switch
            {
                WacAccessExpression access => Access(value, access.Member.Name, access.Member.Span, access.Span, byShortName: true),
                WacNamedAccessExpression named => Access(value, named.Member.Text, named.Member.Span, named.Span, byShortName: false),
                _ => ErrorValue.Instance,
            };
        }

        return value;
    }

    private ResolvedValue Nested(WacNewExpression creation)
    {
        Error(creation.Package.Span, $"a `new` expression must be bound with `let` (`let name = new {creation.Package} {{ ... }};`): nested instantiation is not supported yet");
        return ErrorValue.Instance;
    }

    private ResolvedValue Lookup(WacIdent name)
    {
        if (_locals.TryGetValue(name.Name, out var local))
        {
            return local.Value;
        }

        if (_definitions.TryGetValue(name.Name, out var definition))
        {
            Error(name.Span, $"`{name.Name}` is used before it is defined (at {Where(definition)})");
        }
        else
        {
            Error(name.Span, $"`{name.Name}` is not defined" + NameSuggestions.Hint(name.Name, _locals.Keys.ToList(), "the names defined so far are"));
        }

        return ErrorValue.Instance;
    }

    /// <summary>
    /// <c>target.member</c> (<paramref name="byShortName"/>: an export whose path ends in the member, when exactly
    /// one does, else the export named so) or <c>target["member"]</c> (exactly that export).
    /// </summary>
    private ResolvedValue Access(ResolvedValue target, string member, TextSpan memberSpan, TextSpan span, bool byShortName)
    {
        switch (target)
        {
            case ItemValue { Item.Kind: PackageItemKind.Instance } item:
                Error(memberSpan, $"`{item.Text}` is an exported instance; accessing its exports is not supported yet");
                return ErrorValue.Instance;
            case ItemValue item:
                Error(memberSpan, $"`{item.Text}` is {Article(item.Item.Kind)}, not an instance: only instances have exports");
                return ErrorValue.Instance;
            case InstanceValue { Instance: { Package: { } package } instance }:
                var export = byShortName ? Single(package.Exports, member) : null;
                export ??= package.Exports.FirstOrDefault(e => e.Name == member);
                if (export is null)
                {
                    var candidates = byShortName
                        ? package.Exports.Select(e => e.ShortName).Concat(package.Exports.Select(e => e.Name)).Distinct().ToList()
                        : package.Exports.Select(e => e.Name).ToList();
                    var listLabel = package.Exports.IsEmpty ? "it has no exports" : "its exports are";
                    var hint = package.Exports.IsEmpty ? "; it has no exports" : NameSuggestions.Hint(member, candidates, listLabel);
                    Error(memberSpan, $"instance `{instance.Name}` (`{package.Reference}`) has no export `{member}`{hint}");
                    return ErrorValue.Instance;
                }

                return new ItemValue(instance, export, Text(span));
            default:
                return ErrorValue.Instance;
        }
    }

    /// <summary>The one item whose path ends in <paramref name="shortName"/> (e.g. <c>ns:pkg/name@1.0.0</c> for <c>name</c>), or null.</summary>
    private static PackageItem? Single(IEnumerable<PackageItem> items, string shortName)
    {
        var matches = items.Where(i => i.Name.Contains('/', StringComparison.Ordinal) && i.ShortName == shortName).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
