using System.Text;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Syntax;

namespace WitBindgen.WitParser.Output;

/// <summary>
/// Prints a resolved model back as WIT text: the last package as the file's package, and every
/// dependency as a nested <c>package … { … }</c> block, so that the output parses on its own.
/// </summary>
public static class WitPrinter
{
    /// <summary>Prints every package of the resolve (the main package being the last one).</summary>
    public static string Print(WitResolve resolve) => Print(resolve, new PackageId(resolve.Packages.Count - 1));

    /// <summary>Prints <paramref name="main"/> as the file's package and the other packages nested.</summary>
    public static string Print(WitResolve resolve, PackageId main)
    {
        var printer = new Printer(resolve);
        printer.Package(main, nested: false);
        for (int i = 0; i < resolve.Packages.Count; i++)
        {
            if (i != main.Index)
            {
                printer.Package(new PackageId(i), nested: true);
            }
        }

        return printer.ToString().TrimEnd() + "\n";
    }

    private sealed class Printer
    {
        private readonly WitResolve _r;
        private readonly StringBuilder _out = new();
        private int _indent;
        private PackageId _package;

        public Printer(WitResolve resolve) => _r = resolve;

        public override string ToString() => _out.ToString();

        public void Package(PackageId id, bool nested)
        {
            _package = id;
            var pkg = _r[id];
            Docs(pkg.Docs);
            if (!nested)
            {
                Line($"package {pkg.Name};");
                Line();
            }
            else
            {
                Line();
                Line($"package {pkg.Name} {{");
                _indent++;
            }

            foreach (var (name, iface) in pkg.Interfaces)
            {
                Interface(name, iface);
                Line();
            }

            foreach (var (_, world) in pkg.Worlds)
            {
                World(world);
                Line();
            }

            if (nested)
            {
                TrimBlankLine();
                _indent--;
                Line("}");
            }
        }

        private void Interface(string name, InterfaceId id)
        {
            var iface = _r[id];
            Docs(iface.Docs);
            Gate(iface.Stability);
            Line($"interface {Ident(name)} {{");
            _indent++;
            InterfaceBody(iface, TypeOwner.Of(id));
            _indent--;
            Line("}");
        }

        private void InterfaceBody(WitInterface iface, TypeOwner owner)
        {
            foreach (var (_, type) in iface.Types)
            {
                TypeDef(type, owner, iface.Functions.Values);
            }

            foreach (var (_, func) in iface.Functions)
            {
                if (func.Resource is null)
                {
                    Function(func);
                }
            }
        }

        private void World(WorldId id)
        {
            var world = _r[id];
            Docs(world.Docs);
            Gate(world.Stability);
            Line($"world {Ident(world.Name)} {{");
            _indent++;
            var resourceFuncs = world.Imports.Values.OfType<WorldFunctionItem>().Select(f => f.Function).Where(f => f.Resource is not null).ToList();
            foreach (var (key, item) in world.Imports)
            {
                WorldItem("import", key, item, TypeOwner.Of(id), resourceFuncs);
            }

            foreach (var (key, item) in world.Exports)
            {
                WorldItem("export", key, item, TypeOwner.Of(id), resourceFuncs);
            }

            _indent--;
            Line("}");
        }

        private void WorldItem(string keyword, WorldKey key, WorldItem item, TypeOwner owner, IReadOnlyCollection<WitFunction> resourceFuncs)
        {
            switch (item)
            {
                case WorldInterfaceItem wi when key.Interface is { } iface:
                    Docs(wi.Docs);
                    Gate(wi.ItemStability);
                    Line($"{keyword} {InterfacePath(iface)};");
                    break;
                case WorldInterfaceItem wi when _r[wi.Interface].Name is not null:
                    Docs(wi.Docs);
                    Gate(wi.ItemStability);
                    Line($"{keyword} {Ident(key.Name!)}: {InterfacePath(wi.Interface)};");
                    break;
                case WorldInterfaceItem wi:
                {
                    var iface = _r[wi.Interface];
                    Docs(iface.Docs);
                    Gate(iface.Stability);
                    Line($"{keyword} {Ident(key.Name!)}: interface {{");
                    _indent++;
                    InterfaceBody(iface, TypeOwner.Of(wi.Interface));
                    _indent--;
                    Line("}");
                    break;
                }

                case WorldFunctionItem { Function.Resource: null } wf:
                    Docs(wf.Function.Docs);
                    Gate(wf.Function.Stability);
                    Line($"{keyword} {Ident(key.Name!)}: {Signature(wf.Function)};");
                    break;
                case WorldTypeItem t:
                    TypeDef(t.Type, owner, resourceFuncs);
                    break;
            }
        }

        private void TypeDef(TypeId id, TypeOwner owner, IEnumerable<WitFunction> functions)
        {
            var def = _r[id];
            var name = Ident(def.Name!);
            if (def.Kind is AliasKind { Target.Id: { } target } && _r[target].Owner != owner && _r[target].Owner.Interface is { } from)
            {
                var original = _r[target].Name!;
                Gate(def.Stability);
                Line(original == def.Name
                    ? $"use {InterfacePath(from)}.{{{name}}};"
                    : $"use {InterfacePath(from)}.{{{Ident(original)} as {name}}};");
                return;
            }

            Docs(def.Docs);
            Gate(def.Stability);
            switch (def.Kind)
            {
                case ResourceKind:
                {
                    var methods = functions.Where(f => f.Resource == id).ToList();
                    if (methods.Count == 0)
                    {
                        Line($"resource {name};");
                        break;
                    }

                    Line($"resource {name} {{");
                    _indent++;
                    foreach (var m in methods)
                    {
                        Docs(m.Docs);
                        Gate(m.Stability);
                        Line(ResourceFunction(m));
                    }

                    _indent--;
                    Line("}");
                    break;
                }

                case RecordKind r:
                    Block($"record {name}", r.Fields.Select(f => (f.Docs, $"{Ident(f.Name)}: {Type(f.Type)},")));
                    break;
                case VariantKind v:
                    Block($"variant {name}", v.Cases.Select(c => (c.Docs, c.Type is { } t ? $"{Ident(c.Name)}({Type(t)})," : $"{Ident(c.Name)},")));
                    break;
                case EnumKind e:
                    Block($"enum {name}", e.Cases.Select(c => (c.Docs, Ident(c.Name) + ",")));
                    break;
                case FlagsKind f:
                    Block($"flags {name}", f.Flags.Select(c => (c.Docs, Ident(c.Name) + ",")));
                    break;
                default:
                    Line($"type {name} = {Kind(def.Kind)};");
                    break;
            }
        }

        private void Block(string header, IEnumerable<(Docs Docs, string Text)> items)
        {
            Line(header + " {");
            _indent++;
            foreach (var (docs, text) in items)
            {
                Docs(docs);
                Line(text);
            }

            _indent--;
            Line("}");
        }

        private void Function(WitFunction func)
        {
            Docs(func.Docs);
            Gate(func.Stability);
            Line($"{Ident(func.Name)}: {Signature(func)};");
        }

        private string ResourceFunction(WitFunction f) => f.Kind switch
        {
            FunctionKind.Constructor => $"constructor({Params(f.Params)})" +
                (f.Result is { } res && res.Id is { } rid && _r[rid].Kind is ResultKind ? $" -> {Type(res)}" : string.Empty) + ";",
            FunctionKind.Static or FunctionKind.AsyncStatic => $"{Ident(f.ItemName)}: static {Signature(f)};",
            _ => $"{Ident(f.ItemName)}: {Signature(f with { Params = f.Params.Skip(1).ToArray() })};",
        };

        private string Signature(WitFunction f)
        {
            var s = (f.IsAsync ? "async " : string.Empty) + $"func({Params(f.Params)})";
            return f.Result is { } r ? s + " -> " + Type(r) : s;
        }

        private string Params(IReadOnlyList<WitParam> ps) => string.Join(", ", ps.Select(p => $"{Ident(p.Name)}: {Type(p.Type)}"));

        private string Type(WitType t)
        {
            if (t.IsPrimitive)
            {
                return WitType.NameOf(t.Primitive);
            }

            var def = _r[t.Id!.Value];
            return def.Name is { } name ? Ident(name) : Kind(def.Kind);
        }

        private string Kind(TypeDefKind kind) => kind switch
        {
            AliasKind a => Type(a.Target),
            ListKind l => $"list<{Type(l.Element)}>",
            FixedLengthListKind fl => $"list<{Type(fl.Element)}, {fl.Length}>",
            MapKind m => $"map<{Type(m.Key)}, {Type(m.Value)}>",
            OptionKind o => $"option<{Type(o.Inner)}>",
            TupleKind tu => $"tuple<{string.Join(", ", tu.Types.Select(Type))}>",
            ResultKind { Ok: null, Err: null } => "result",
            ResultKind { Ok: { } ok, Err: null } => $"result<{Type(ok)}>",
            ResultKind { Ok: null, Err: { } err } => $"result<_, {Type(err)}>",
            ResultKind r => $"result<{Type(r.Ok!.Value)}, {Type(r.Err!.Value)}>",
            FutureKind { Payload: { } p } => $"future<{Type(p)}>",
            FutureKind => "future",
            StreamKind { Payload: { } p } => $"stream<{Type(p)}>",
            StreamKind => "stream",
            HandleKind { IsBorrow: true } h => $"borrow<{Ident(_r[h.Resource].Name!)}>",
            HandleKind h => Ident(_r[h.Resource].Name!),
            _ => throw new InvalidOperationException($"cannot print {kind} inline"),
        };

        private string InterfacePath(InterfaceId id)
        {
            var iface = _r[id];
            if (iface.Package == _package)
            {
                return Ident(iface.Name!);
            }

            var pkg = _r[iface.Package!.Value].Name;
            var path = $"{Ident(pkg.Namespace)}:{Ident(pkg.Name)}/{Ident(iface.Name!)}";
            return pkg.Version is null ? path : path + "@" + pkg.Version;
        }

        private static string Ident(string name) => Keywords.IsKeyword(name) ? "%" + name : name;

        private void Gate(Stability stability)
        {
            switch (stability)
            {
                case StableStability s:
                    Line($"@since(version = {s.Since})");
                    if (s.Deprecated is { } d)
                    {
                        Line($"@deprecated(version = {d})");
                    }

                    break;
                case UnstableStability u:
                    Line($"@unstable(feature = {Ident(u.Feature)})");
                    if (u.Deprecated is { } dep)
                    {
                        Line($"@deprecated(version = {dep})");
                    }

                    break;
            }
        }

        private void Docs(Docs docs)
        {
            if (docs.Contents is not { } contents)
            {
                return;
            }

            var lines = contents.Split('\n');

            // `///` comments lose their common indentation when parsed; docs whose lines carry their
            // own indentation are printed as one block comment, which keeps the text as it is.
            if (lines.Any(l => l.Length > 0 && char.IsWhiteSpace(l[0])) && !contents.Contains("*/", StringComparison.Ordinal))
            {
                Line("/**" + contents + "*/");
                return;
            }

            foreach (var line in lines)
            {
                Line(line.Length == 0 ? "///" : "/// " + line);
            }
        }

        private void Line(string text = "")
        {
            if (text.Length == 0)
            {
                if (_out.Length > 0 && !_out.ToString().EndsWith("\n\n", StringComparison.Ordinal))
                {
                    _out.Append('\n');
                }

                return;
            }

            _out.Append(' ', _indent * 2).Append(text).Append('\n');
        }

        private void TrimBlankLine()
        {
            while (_out.Length >= 2 && _out[^1] == '\n' && _out[^2] == '\n')
            {
                _out.Length--;
            }
        }
    }
}
