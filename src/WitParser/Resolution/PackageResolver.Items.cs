using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>Interfaces, worlds, functions and <c>use</c>.</summary>
internal sealed partial class PackageResolver
{
    private void ResolveInterface(InterfaceId id, IReadOnlyList<InterfaceItem> items, DocComments docs, IReadOnlyList<GateAttribute> attrs)
    {
        var iface = _pkg.Interfaces[id.Index];
        iface.Docs = ConvertDocs(docs);
        iface.Stability = ConvertStability(attrs);

        ResolveTypes(
            TypeOwner.Of(id),
            items.Select(i => i switch
            {
                InterfaceUse u => (object?)u.Use,
                InterfaceTypeDef t => t.TypeDef,
                _ => null,
            }).Where(x => x is not null).ToList()!);

        foreach (var entry in _typeLookup)
        {
            iface.Types.Insert(entry.Key, entry.Value.Item.Type!.Value);
        }

        var funcs = new List<WitFunction>();
        foreach (var item in items)
        {
            switch (item)
            {
                case InterfaceFunc f:
                    DefineName(f.Func.Name, new TypeOrItem(null, "function"));
                    funcs.Add(ResolveFunction(f.Func.Docs, f.Func.Attributes, f.Func.Name, f.Func.Name.Name, f.Func.Func, f.Func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding, null));
                    _pkg.InterfaceSpans[id.Index].Funcs.Add(f.Func.Name.Span);
                    break;
                case InterfaceTypeDef { TypeDef.Type: ResourceTypeSyntax resource } t:
                    foreach (var rf in resource.Funcs)
                    {
                        funcs.Add(ResolveResourceFunc(rf, t.TypeDef.Name));
                        _pkg.InterfaceSpans[id.Index].Funcs.Add(rf.Func.Name.Span);
                    }

                    break;
            }
        }

        foreach (var f in funcs)
        {
            iface.Functions.Insert(f.Name, f);
        }

        _interfaceTypes[id.Index] = _typeLookup;
        _typeLookup = new OrderedMap<string, (TypeOrItem, TextSpan)>();
    }

    private void ResolveWorld(WorldId id, WorldDecl decl)
    {
        var world = _pkg.Worlds[id.Index];
        world.Docs = ConvertDocs(decl.Docs);
        world.Stability = ConvertStability(decl.Attributes);

        ResolveTypes(
            TypeOwner.Of(id),
            decl.Items.Select(i => i switch
            {
                WorldUse u => (object?)u.Use,
                WorldTypeDef t => t.TypeDef,
                _ => null,
            }).Where(x => x is not null).ToList()!);

        foreach (var include in decl.Items.OfType<IncludeSyntax>())
        {
            var stability = ConvertStability(include.Attributes);
            var (item, name, span) = ResolvePath(include.From);
            var from = ExpectWorld(item, name, span);
            world.Includes.Add((stability, from));
            world.IncludeNames.Add(include.Names.Select(n => (n.Name.Name, n.As.Name)).ToList());
            _pkg.WorldSpans[id.Index].Includes.Add(span);
        }

        var spans = _pkg.WorldSpans[id.Index];
        foreach (var entry in _typeLookup)
        {
            if (world.Imports.Insert(WorldKey.Of(entry.Key), new WorldTypeItem(entry.Value.Item.Type!.Value)))
            {
                throw new WitError($"import `{entry.Key}` conflicts with prior import of same name", entry.Value.Span);
            }

            spans.Imports.Add(entry.Value.Span);
        }

        var importedInterfaces = new HashSet<InterfaceId>();
        var exportedInterfaces = new HashSet<InterfaceId>();
        foreach (var item in decl.Items)
        {
            DocComments docs;
            IReadOnlyList<GateAttribute> attrs;
            ExternKind kind;
            bool isImport;
            switch (item)
            {
                case ImportSyntax imp:
                    (docs, attrs, kind, isImport) = (imp.Docs, imp.Attributes, imp.Kind, true);
                    break;
                case ExportSyntax exp:
                    (docs, attrs, kind, isImport) = (exp.Docs, exp.Attributes, exp.Kind, false);
                    break;
                case WorldTypeDef { TypeDef.Type: ResourceTypeSyntax resource } t:
                    foreach (var rf in resource.Funcs)
                    {
                        spans.Imports.Add(rf.Func.Name.Span);
                        var func = ResolveResourceFunc(rf, t.TypeDef.Name);
                        world.Imports.Insert(WorldKey.Of(func.Name), new WorldFunctionItem(func));
                    }

                    continue;
                default:
                    continue;
            }

            var desc = isImport ? "import" : "export";
            var worldItem = ResolveWorldItem(docs, attrs, kind);
            WorldKey key = kind switch
            {
                ExternInterface inline => WorldKey.Of(inline.Name.Name),
                ExternFunc => WorldKey.Of(((WorldFunctionItem)worldItem).Function.Name),
                ExternPath path => WorldKey.Of(((WorldInterfaceItem)worldItem).Interface),
                ExternNamedPath named => WorldKey.Of(named.Label.Name),
                _ => throw new InvalidOperationException(),
            };
            if (worldItem is WorldInterfaceItem wi && kind is not ExternNamedPath && !(isImport ? importedInterfaces : exportedInterfaces).Add(wi.Interface))
            {
                throw new WitError($"interface cannot be {desc}ed more than once", kind.Span);
            }

            var dst = isImport ? world.Imports : world.Exports;
            if (dst.TryGetValue(key, out var prev))
            {
                var prevKind = prev switch
                {
                    WorldInterfaceItem => "interface",
                    WorldFunctionItem => "func",
                    _ => "type",
                };
                throw new WitError($"{desc} `{key.Name}` conflicts with prior {prevKind} of same name", kind.Span);
            }

            dst.Insert(key, worldItem);
            (isImport ? spans.Imports : spans.Exports).Add(kind.Span);
        }

        _typeLookup.Clear();
    }

    private WorldItem ResolveWorldItem(DocComments docs, IReadOnlyList<GateAttribute> attrs, ExternKind kind)
    {
        switch (kind)
        {
            case ExternInterface inline:
            {
                var saved = _typeLookup;
                _typeLookup = new OrderedMap<string, (TypeOrItem, TextSpan)>();
                var id = AllocInterface(inline.Name.Span);
                ResolveInterface(id, inline.Items, docs, attrs);
                _typeLookup = saved;
                return new WorldInterfaceItem(id, _pkg.Interfaces[id.Index].Stability, Docs.None);
            }

            case ExternPath path:
            {
                var stability = ConvertStability(attrs);
                var (item, name, span) = ResolvePath(path.Path);
                var id = ExpectInterface(item, name, span);
                return new WorldInterfaceItem(id, stability, ConvertDocs(docs));
            }

            case ExternNamedPath named:
            {
                var stability = ConvertStability(attrs);
                var (item, name, span) = ResolvePath(named.Path);
                var id = ExpectInterface(item, name, span);
                return new WorldInterfaceItem(id, stability, ConvertDocs(docs));
            }

            case ExternFunc func:
                return new WorldFunctionItem(ResolveFunction(docs, attrs, func.Name, func.Name.Name, func.Func, func.Func.IsAsync ? FunctionKind.AsyncFreestanding : FunctionKind.Freestanding, null));
            default:
                throw new InvalidOperationException();
        }
    }

    private void ResolveUse(TypeOwner owner, UseDecl use)
    {
        var (item, name, span) = ResolvePath(use.From);
        var from = ExpectInterface(item, name, span);
        var stability = ConvertStability(use.Attributes);
        foreach (var n in use.Names)
        {
            var lookup = _interfaceTypes[from.Index];
            TypeId target;
            if (lookup.TryGetValue(n.Name.Name, out var found))
            {
                target = found.Item.Type ?? throw new WitError($"cannot import {found.Item.Item} `{n.Name.Name}`", n.Name.Span);
            }
            else
            {
                throw new WitError($"name `{n.Name.Name}` does not exist", n.Name.Span);
            }

            var alias = n.As ?? n.Name;
            var id = AddType(new WitTypeDef(alias.Name, new AliasKind(WitType.Of(target)), owner, Docs.None, stability), n.Name.Span);
            DefineName(alias, new TypeOrItem(id, null));
        }
    }

    private void DefineName(Id name, TypeOrItem item)
    {
        if (!_typeLookup.TryAdd(name.Name, (item, name.Span)))
        {
            throw new WitError($"name `{name.Name}` is defined more than once", name.Span);
        }
    }

    private WitFunction ResolveResourceFunc(ResourceFunc rf, Id resource)
    {
        if (!_typeLookup.TryGetValue(resource.Name, out var entry) || entry.Item.Type is not { } resourceId)
        {
            throw new InvalidOperationException("resource lookup failed");
        }

        var f = rf.Func;
        bool isAsync = f.Func.IsAsync;
        var (name, kind) = rf.Kind switch
        {
            ResourceFuncKind.Method => ($"[method]{resource.Name}.{f.Name.Name}", isAsync ? FunctionKind.AsyncMethod : FunctionKind.Method),
            ResourceFuncKind.Static => ($"[static]{resource.Name}.{f.Name.Name}", isAsync ? FunctionKind.AsyncStatic : FunctionKind.Static),
            _ => ($"[constructor]{resource.Name}", FunctionKind.Constructor),
        };
        return ResolveFunction(f.Docs, f.Attributes, f.Name, name, f.Func, kind, resourceId);
    }

    private WitFunction ResolveFunction(DocComments docs, IReadOnlyList<GateAttribute> attrs, Id declared, string name, FuncSyntax func, FunctionKind kind, TypeId? resource)
    {
        var convertedDocs = ConvertDocs(docs);
        var stability = ConvertStability(attrs);
        var ps = new OrderedMap<string, WitType>();
        if (kind is FunctionKind.Method or FunctionKind.AsyncMethod)
        {
            var handle = new HandleKind(true, resource!.Value);
            ps.Insert("self", AnonType(new WitTypeDef(null, handle, TypeOwner.None, Docs.None, FindStability(handle, Stability.Unknown)), func.Span));
        }

        foreach (var p in func.Params)
        {
            if (ps.Insert(p.Name.Name, ResolveType(p.Type, Stability.Unknown)))
            {
                throw new WitError($"param `{p.Name.Name}` is defined more than once", p.Name.Span);
            }
        }

        WitType? result;
        if (kind == FunctionKind.Constructor)
        {
            result = func.Result is null ? WitType.Of(resource!.Value) : ResolveConstructorResult(resource!.Value, func.Result);
        }
        else
        {
            result = func.Result is null ? null : ResolveType(func.Result, Stability.Unknown);
        }

        return new WitFunction(name, kind, resource, ps.Select(p => new WitParam(p.Key, p.Value)).ToArray(), result, convertedDocs, stability)
        {
            Location = _sources.SpanOf(declared.Span),
        };
    }

    private WitType ResolveConstructorResult(TypeId resource, TypeSyntax syntax)
    {
        var result = ResolveType(syntax, Stability.Unknown);
        if (result.Id is not { } id || _pkg.Types[id.Index].Kind is not ResultKind r)
        {
            throw new WitError("if a constructor return type is declared it must be a `result`", syntax.Span);
        }

        if (r.Ok is { } ok && ok.Id == resource)
        {
            return result;
        }

        var span = syntax is ResultTypeSyntax { Ok: { } okSyntax } ? okSyntax.Span : syntax.Span;
        throw new WitError("the `ok` type must be the resource being constructed", span);
    }
}
