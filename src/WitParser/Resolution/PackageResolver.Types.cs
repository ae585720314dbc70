using System.Text;
using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>Type definitions, anonymous types, docs and gates.</summary>
internal sealed partial class PackageResolver
{
    /// <summary>Resolves the <c>use</c>s and type definitions of an interface or world, in dependency order.</summary>
    private void ResolveTypes(TypeOwner owner, IReadOnlyList<object> items)
    {
        foreach (var item in items)
        {
            if (item is UseDecl use)
            {
                ResolveUse(owner, use);
            }
        }

        var deps = new OrderedMap<string, List<Id>>();
        var defs = new OrderedMap<string, TypeDefSyntax?>();
        foreach (var item in items)
        {
            switch (item)
            {
                case TypeDefSyntax def:
                    if (defs.Insert(def.Name.Name, def))
                    {
                        throw new WitError($"name `{def.Name.Name}` is defined more than once", def.Name.Span);
                    }

                    var list = new List<Id>();
                    CollectDeps(def.Type, list);
                    deps.Insert(def.Name.Name, list);
                    break;
                case UseDecl use:
                    foreach (var n in use.Names)
                    {
                        var name = (n.As ?? n.Name).Name;
                        deps.Insert(name, new List<Id>());
                        defs.Insert(name, null);
                    }

                    break;
            }
        }

        foreach (var name in Toposort.Sort("type", deps))
        {
            if (defs[name] is not { } def)
            {
                continue;
            }

            var docs = ConvertDocs(def.Docs);
            var stability = ConvertStability(def.Attributes);
            var kind = ResolveTypeDef(def.Type, stability);
            var id = AddType(new WitTypeDef(def.Name.Name, kind, owner, docs, stability), def.Name.Span);
            DefineName(def.Name, new TypeOrItem(id, null));
        }
    }

    private static void CollectDeps(TypeSyntax type, List<Id> deps)
    {
        switch (type)
        {
            case NamedTypeSyntax n:
                deps.Add(n.Id);
                break;
            case HandleTypeSyntax h:
                deps.Add(h.Resource);
                break;
            case RecordTypeSyntax r:
                foreach (var f in r.Fields) CollectDeps(f.Type, deps);
                break;
            case TupleTypeSyntax t:
                foreach (var x in t.Types) CollectDeps(x, deps);
                break;
            case VariantTypeSyntax v:
                foreach (var c in v.Cases)
                {
                    if (c.Type is not null) CollectDeps(c.Type, deps);
                }

                break;
            case OptionTypeSyntax o:
                CollectDeps(o.Inner, deps);
                break;
            case ListTypeSyntax l:
                CollectDeps(l.Element, deps);
                break;
            case FixedLengthListTypeSyntax fl:
                CollectDeps(fl.Element, deps);
                break;
            case MapTypeSyntax m:
                CollectDeps(m.Key, deps);
                CollectDeps(m.Value, deps);
                break;
            case ResultTypeSyntax res:
                if (res.Ok is not null) CollectDeps(res.Ok, deps);
                if (res.Err is not null) CollectDeps(res.Err, deps);
                break;
            case FutureTypeSyntax fu:
                if (fu.Payload is not null) CollectDeps(fu.Payload, deps);
                break;
            case StreamTypeSyntax s:
                if (s.Payload is not null) CollectDeps(s.Payload, deps);
                break;
        }
    }

    private TypeDefKind ResolveTypeDef(TypeSyntax type, Stability stability)
    {
        switch (type)
        {
            case PrimitiveTypeSyntax p:
                return new AliasKind(WitType.Of(p.Primitive));
            case NamedTypeSyntax n:
                return new AliasKind(WitType.Of(ResolveTypeName(n.Id)));
            case ListTypeSyntax l:
                return new ListKind(ResolveType(l.Element, stability));
            case FixedLengthListTypeSyntax fl:
                return new FixedLengthListKind(ResolveType(fl.Element, stability), fl.Length);
            case MapTypeSyntax m:
            {
                var key = ResolveType(m.Key, stability);
                var value = ResolveType(m.Value, stability);
                if (!key.IsPrimitive || key.Primitive is PrimitiveType.F32 or PrimitiveType.F64 or PrimitiveType.ErrorContext)
                {
                    throw new WitError("invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string", m.Span);
                }

                return new MapKind(key, value);
            }

            case HandleTypeSyntax h:
                return new HandleKind(h.IsBorrow, ValidateResource(h.Resource));
            case ResourceTypeSyntax r:
            {
                int constructors = 0;
                var names = new HashSet<string>();
                foreach (var f in r.Funcs)
                {
                    if (f.Kind == ResourceFuncKind.Constructor)
                    {
                        if (++constructors > 1)
                        {
                            throw new WitError("duplicate constructors", f.Func.Name.Span);
                        }
                    }
                    else if (!names.Add(f.Func.Name.Name))
                    {
                        throw new WitError($"duplicate function name `{f.Func.Name.Name}`", f.Func.Name.Span);
                    }
                }

                return ResourceKind.Instance;
            }

            case RecordTypeSyntax r:
                return new RecordKind(r.Fields.Select(f => new Field(f.Name.Name, ResolveType(f.Type, stability), ConvertDocs(f.Docs))).ToArray());
            case FlagsTypeSyntax fl:
                return new FlagsKind(fl.Flags.Select(f => new NamedItem(f.Name.Name, ConvertDocs(f.Docs))).ToArray());
            case TupleTypeSyntax t:
                return new TupleKind(t.Types.Select(x => ResolveType(x, stability)).ToArray());
            case VariantTypeSyntax v:
                if (v.Cases.Count == 0)
                {
                    throw new WitError("empty variant", v.Span);
                }

                return new VariantKind(v.Cases.Select(c => new Case(c.Name.Name, c.Type is null ? null : ResolveType(c.Type, stability), ConvertDocs(c.Docs))).ToArray());
            case EnumTypeSyntax e:
                if (e.Cases.Count == 0)
                {
                    throw new WitError("empty enum", e.Span);
                }

                return new EnumKind(e.Cases.Select(c => new NamedItem(c.Name.Name, ConvertDocs(c.Docs))).ToArray());
            case OptionTypeSyntax o:
                return new OptionKind(ResolveType(o.Inner, stability));
            case ResultTypeSyntax r:
                return new ResultKind(
                    r.Ok is null ? null : ResolveType(r.Ok, stability),
                    r.Err is null ? null : ResolveType(r.Err, stability));
            case FutureTypeSyntax f:
                return new FutureKind(f.Payload is null ? null : ResolveType(f.Payload, stability));
            case StreamTypeSyntax s:
                return new StreamKind(s.Payload is null ? null : ResolveType(s.Payload, stability));
            default:
                throw new InvalidOperationException("unknown type syntax");
        }
    }

    private TypeId ResolveTypeName(Id name)
    {
        if (_typeLookup.TryGetValue(name.Name, out var entry))
        {
            return entry.Item.Type ?? throw new WitError($"cannot use {entry.Item.Item} `{name.Name}` as a type", name.Span);
        }

        throw new WitError($"name `{name.Name}` does not exist", name.Span);
    }

    private TypeId ValidateResource(Id name)
    {
        var id = ResolveTypeName(name);
        var cur = id;
        while (true)
        {
            switch (_pkg.Types[cur.Index].Kind)
            {
                case ResourceKind:
                    return id;
                case AliasKind { Target.Id: { } next }:
                    cur = next;
                    break;
                case UnknownKind:
                    _pkg.RequiredResourceTypes.Add((cur, name.Span));
                    return id;
                default:
                    throw new WitError($"type `{name.Name}` used in a handle must be a resource", name.Span);
            }
        }
    }

    /// <summary>
    /// An anonymous type inherits the gate of the first gated type it refers to, so that e.g.
    /// <c>option&lt;t&gt;</c> disappears together with a gated <c>t</c>.
    /// </summary>
    private Stability FindStability(TypeDefKind kind, Stability stability)
    {
        if (!stability.IsUnknown)
        {
            return stability;
        }

        Stability? InType(WitType t) =>
            t.Id is { } id && !_pkg.Types[id.Index].Stability.IsUnknown ? _pkg.Types[id.Index].Stability : null;

        Stability? found = kind switch
        {
            AliasKind a => InType(a.Target),
            HandleKind h => InType(WitType.Of(h.Resource)),
            TupleKind t => t.Types.Select(InType).FirstOrDefault(s => s is not null),
            ListKind l => InType(l.Element),
            FixedLengthListKind fl => InType(fl.Element),
            OptionKind o => InType(o.Inner),
            MapKind m => InType(m.Key) ?? InType(m.Value),
            FutureKind { Payload: { } p } => InType(p),
            StreamKind { Payload: { } p } => InType(p),
            ResultKind r => (r.Ok is { } ok ? InType(ok) : null) ?? (r.Err is { } err ? InType(err) : null),
            _ => null,
        };
        return found ?? Stability.Unknown;
    }

    private WitType ResolveType(TypeSyntax type, Stability stability)
    {
        var kind = ResolveTypeDef(type, stability);
        return AnonType(new WitTypeDef(null, kind, TypeOwner.None, Docs.None, FindStability(kind, stability)), type.Span);
    }

    /// <summary>Interns an anonymous type so that structurally equal types share one id.</summary>
    private WitType AnonType(WitTypeDef def, TextSpan span)
    {
        string key;
        switch (def.Kind)
        {
            case AliasKind a:
                return a.Target;
            case HandleKind { IsBorrow: false } own:
                return WitType.Of(own.Resource);
            default:
                key = AnonKey(def.Kind);
                break;
        }

        if (!_anonTypes.TryGetValue(key, out var id))
        {
            id = AddType(def, span);
            _anonTypes[key] = id;
        }

        return WitType.Of(id);
    }

    private static string AnonKey(TypeDefKind kind)
    {
        static string T(WitType t) => t.ToString();
        static string O(WitType? t) => t is { } x ? x.ToString() : "-";
        return kind switch
        {
            VariantKind v => "variant(" + string.Join(",", v.Cases.Select(c => c.Name + ":" + O(c.Type))) + ")",
            HandleKind h => "borrow(" + h.Resource.Index + ")",
            RecordKind r => "record(" + string.Join(",", r.Fields.Select(f => f.Name + ":" + T(f.Type))) + ")",
            FlagsKind f => "flags(" + string.Join(",", f.Flags.Select(x => x.Name)) + ")",
            TupleKind t => "tuple(" + string.Join(",", t.Types.Select(T)) + ")",
            EnumKind e => "enum(" + string.Join(",", e.Cases.Select(x => x.Name)) + ")",
            ListKind l => "list(" + T(l.Element) + ")",
            MapKind m => "map(" + T(m.Key) + "," + T(m.Value) + ")",
            FixedLengthListKind fl => "fixed(" + T(fl.Element) + "," + fl.Length + ")",
            OptionKind o => "option(" + T(o.Inner) + ")",
            ResultKind r => "result(" + O(r.Ok) + "," + O(r.Err) + ")",
            FutureKind f => "future(" + O(f.Payload) + ")",
            StreamKind s => "stream(" + O(s.Payload) + ")",
            _ => throw new InvalidOperationException("not an anonymous kind"),
        };
    }

    // ---- docs and gates -----------------------------------------------------------------------

    /// <summary>Turns raw comments into documentation text the way the reference parser does.</summary>
    internal static Docs ConvertDocs(DocComments docs)
    {
        if (docs.Comments.Count == 0)
        {
            return Docs.None;
        }

        var lines = new List<string>();
        foreach (var raw in docs.Comments)
        {
            string contents = raw.StartsWith("/**", StringComparison.Ordinal) && raw.EndsWith("*/", StringComparison.Ordinal) && raw.Length >= 5
                ? raw[3..^2]
                : raw.TrimStart('/');
            lines.Add(contents.TrimEnd());
        }

        int minWs = lines.Where(l => l.Length != 0).Select(l => l.TakeWhile(c => c is ' ' or '\t' or '\n' or '\r' or '\f').Count()).DefaultIfEmpty(0).Min();
        if (minWs > 0)
        {
            var prefix = new string(' ', minWs);
            lines = lines.Select(l => l.StartsWith(prefix, StringComparison.Ordinal) ? l[minWs..] : l).ToList();
        }

        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                sb.Append('\n');
                continue;
            }

            foreach (var part in SplitLines(line))
            {
                sb.Append(part).Append('\n');
            }
        }

        var text = sb.ToString().TrimEnd('\n');
        return new Docs(text);
    }

    private static IEnumerable<string> SplitLines(string s)
    {
        var parts = s.Split('\n');
        int count = parts.Length;
        if (count > 0 && parts[^1].Length == 0)
        {
            count--;
        }

        for (int i = 0; i < count; i++)
        {
            yield return parts[i].EndsWith('\r') ? parts[i][..^1] : parts[i];
        }
    }

    internal static Stability ConvertStability(IReadOnlyList<GateAttribute> attrs)
    {
        SinceAttribute? since = null;
        UnstableAttribute? unstable = null;
        DeprecatedAttribute? deprecated = null;
        ExternalIdAttribute? externalId = null;
        foreach (var attr in attrs)
        {
            switch (attr)
            {
                case SinceAttribute s:
                    since = since is null ? s : throw new WitError("cannot specify @since twice", attr.Span);
                    break;
                case UnstableAttribute u:
                    unstable = unstable is null ? u : throw new WitError("cannot specify @unstable twice", attr.Span);
                    break;
                case DeprecatedAttribute d:
                    deprecated = deprecated is null ? d : throw new WitError("cannot specify @deprecated twice", attr.Span);
                    break;
                case ExternalIdAttribute e:
                    externalId = externalId is null ? e : throw new WitError("cannot specify @external-id twice", attr.Span);
                    break;
            }
        }

        if (since is not null && unstable is not null)
        {
            var later = since.Span.Start > unstable.Span.Start ? (GateAttribute)since : unstable;
            throw new WitError("cannot specify both @since and @unstable", later.Span);
        }

        if (since is not null)
        {
            return new StableStability(since.Version, deprecated?.Version);
        }

        if (unstable is not null)
        {
            return new UnstableStability(unstable.Feature.Name, deprecated?.Version);
        }

        if (deprecated is not null)
        {
            throw new WitError("cannot specify both @deprecated without @since or @unstable", deprecated.Span);
        }

        return Stability.Unknown;
    }
}
