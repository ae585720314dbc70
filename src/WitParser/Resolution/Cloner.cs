using WitBindgen.WitParser.Model;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// Deep-copies world items from one world into another (for <c>include</c>): types owned by the
/// source world, anonymous types and inline interfaces get fresh copies owned by the target.
/// </summary>
internal sealed class Cloner
{
    private readonly WitResolve _resolve;
    private readonly TypeOwner _from;
    private readonly TypeOwner _to;
    private readonly PackageId _package;
    private readonly Dictionary<TypeId, TypeId> _types = new();

    public Cloner(WitResolve resolve, TypeOwner from, TypeOwner to, PackageId package)
    {
        _resolve = resolve;
        _from = from;
        _to = to;
        _package = package;
    }

    public WorldItem WorldItem(WorldItem item) => item switch
    {
        WorldTypeItem t => new WorldTypeItem(TypeId(t.Type)),
        WorldFunctionItem f => new WorldFunctionItem(Function(f.Function)),
        WorldInterfaceItem i => i with { Interface = Interface(i.Interface) },
        _ => item,
    };

    private TypeId TypeId(TypeId id)
    {
        if (_types.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var copy = _resolve[id].Clone();
        if (!copy.Owner.IsNone)
        {
            copy.Owner = _to;
        }

        copy.Kind = copy.Kind switch
        {
            AliasKind { Target.Id: { } target } when _resolve[target].Owner == _from => new AliasKind(WitType.Of(TypeId(target))),
            AliasKind a => a,
            _ => copy.Kind.Rewrite(Type, TypeId),
        };
        var newId = _resolve.AddType(copy);
        _types[id] = newId;
        return newId;
    }

    private WitType Type(WitType type) => type.Id is { } id ? WitType.Of(TypeId(id)) : type;

    private WitFunction Function(WitFunction func) => func with
    {
        Resource = func.Resource is { } r ? TypeId(r) : null,
        Params = func.Params.Select(p => p with { Type = Type(p.Type) }).ToArray(),
        Result = func.Result is { } res ? Type(res) : null,
    };

    private InterfaceId Interface(InterfaceId id)
    {
        var copy = _resolve[id].Clone();
        var nextId = new InterfaceId(_resolve.Interfaces.Count);
        var inner = new Cloner(_resolve, TypeOwner.Of(id), TypeOwner.Of(nextId), _package);
        copy.Types = new OrderedMap<string, Model.TypeId>(copy.Types.Select(p => KeyValuePair.Create(p.Key, inner.TypeId(p.Value))));
        copy.Functions = new OrderedMap<string, WitFunction>(copy.Functions.Select(p => KeyValuePair.Create(p.Key, inner.Function(p.Value))));
        copy.Package = _package;
        var newId = _resolve.AddInterface(copy);
        return newId;
    }
}
