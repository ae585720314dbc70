using System.Text;
using WitBindgen.Cli.Components;
using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Inspect;

/// <summary>
/// Writes a component's type as WIT: a <c>root:component</c> world that imports and exports what the component
/// does, then one nested <c>package</c> per package its interfaces belong to, with each interface's types (records,
/// variants, enums, flags, resources with their functions, aliases and <c>use</c>s) and functions. Types are named as
/// the component names them (<see cref="TypeNames"/>); a type without a name is written out where it is used.
/// </summary>
internal sealed class ComponentWitPrinter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "error-context", "export", "f32", "f64", "flags",
        "float32", "float64", "from", "func", "future", "import", "include", "interface", "list", "map", "option", "own",
        "package", "record", "resource", "result", "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple",
        "type", "u16", "u32", "u64", "u8", "use", "variant", "with", "world",
    };

    private readonly ComponentDef _component;
    private readonly TypeNames _names;
    private readonly StringBuilder _out = new();

    private ComponentWitPrinter(ComponentDef component)
    {
        _component = component;
        _names = new TypeNames(component);
    }

    /// <summary>The WIT text of <paramref name="component"/>'s type.</summary>
    public static string Print(ComponentDef component)
    {
        var printer = new ComponentWitPrinter(component);
        printer.Document();
        return printer._out.ToString();
    }

    private void Document()
    {
        _out.Append("package root:component;\n\nworld root {\n");
        WorldItems("import", _component.Imports);
        WorldItems("export", _component.Exports);
        _out.Append("}\n");

        var interfaces = _component.Imports.Concat(_component.Exports)
            .Where(e => e.Entity is InstanceEntity && InterfaceId.TryParse(e.Name, out _))
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(e => (Id: InterfaceId.Parse(e.Name), Name: e.Name, Instance: ((InstanceEntity)e.Entity).Type))
            .GroupBy(i => i.Id.Package, StringComparer.Ordinal);
        foreach (var package in interfaces)
        {
            _out.Append("\npackage ").Append(package.Key).Append(" {\n");
            var first = true;
            foreach (var (id, name, instance) in package)
            {
                _out.Append(first ? "" : "\n").Append("  interface ").Append(Identifier(id.Interface)).Append(" {\n");
                InstanceBody(name, instance, "    ");
                _out.Append("  }\n");
                first = false;
            }

            _out.Append("}\n");
        }
    }

    private void WorldItems(string direction, IReadOnlyList<(string Name, Entity Entity)> items)
    {
        foreach (var (name, entity) in items)
        {
            switch (entity)
            {
                case InstanceEntity when InterfaceId.TryParse(name, out _):
                    _out.Append("  ").Append(direction).Append(' ').Append(name).Append(";\n");
                    break;
                case InstanceEntity instance:
                    _out.Append("  ").Append(direction).Append(' ').Append(Identifier(name)).Append(": interface {\n");
                    InstanceBody(name, instance.Type, "    ");
                    _out.Append("  }\n");
                    break;
                case FuncEntity function:
                    _out.Append("  ").Append(direction).Append(' ').Append(Identifier(name)).Append(": ").Append(Signature(function.Type, skipSelf: false)).Append(";\n");
                    break;
                case TypeEntity type:
                    TypeItem(null, name, type.Id, [], "  ");
                    break;
                default:
                    _out.Append("  // ").Append(direction).Append(" \"").Append(name).Append("\": ").Append(entity.Sort.ToString().ToLowerInvariant()).Append(" (not expressible in WIT)\n");
                    break;
            }
        }
    }

    private void InstanceBody(string owner, InstanceDef instance, string indent)
    {
        var functions = instance.Exports.Where(e => e.Entity is FuncEntity).Select(e => (e.Name, ((FuncEntity)e.Entity).Type)).ToList();
        foreach (var (name, entity) in instance.Exports)
        {
            if (entity is TypeEntity type)
            {
                TypeItem(owner, name, type.Id, functions, indent);
            }
        }

        foreach (var (name, function) in functions)
        {
            if (!name.StartsWith('['))
            {
                _out.Append(indent).Append(Identifier(name)).Append(": ").Append(Signature(function, skipSelf: false)).Append(";\n");
            }
        }
    }

    /// <summary>A type export: its definition where it is named, a <c>use</c> where another interface names it.</summary>
    private void TypeItem(string? owner, string name, TypeId id, List<(string Name, FuncDef Type)> functions, string indent)
    {
        _names.TryGetOwner(id, out var namedIn, out var original);
        if (namedIn != owner || original != name)
        {
            if (namedIn is not null && namedIn != owner)
            {
                _out.Append(indent).Append("use ").Append(UsePath(owner, namedIn)).Append(".{").Append(Identifier(original));
                _out.Append(original == name ? "" : " as " + Identifier(name)).Append("};\n");
            }
            else
            {
                _out.Append(indent).Append("type ").Append(Identifier(name)).Append(" = ").Append(Identifier(original)).Append(";\n");
            }

            return;
        }

        var label = Identifier(name);
        switch (id.Type)
        {
            case RecordDef record:
                Block(indent, "record", label, record.Fields.Select(f => $"{Identifier(f.Name)}: {TypeText(f.Type)}"));
                break;
            case VariantDef variant:
                Block(indent, "variant", label, variant.Cases.Select(c => c.Type is { } t ? $"{Identifier(c.Name)}({TypeText(t)})" : Identifier(c.Name)));
                break;
            case EnumDef enumeration:
                Block(indent, "enum", label, enumeration.Cases.Select(Identifier));
                break;
            case FlagsDef flags:
                Block(indent, "flags", label, flags.Names.Select(Identifier));
                break;
            case ResourceDef:
                Resource(indent, name, functions);
                break;
            default:
                _out.Append(indent).Append("type ").Append(label).Append(" = ").Append(DefinitionText(id.Type)).Append(";\n");
                break;
        }
    }

    /// <summary>How an interface refers to another: by its name alone within its own package (a package cannot name itself).</summary>
    private static string UsePath(string? from, string to) =>
        from is not null && InterfaceId.TryParse(from, out var here) && InterfaceId.TryParse(to, out var there) && here.Package == there.Package
            ? Identifier(there.Interface)
            : to;

    private void Block(string indent, string keyword, string name, IEnumerable<string> members)
    {
        _out.Append(indent).Append(keyword).Append(' ').Append(name).Append(" {\n");
        foreach (var member in members)
        {
            _out.Append(indent).Append("  ").Append(member).Append(",\n");
        }

        _out.Append(indent).Append("}\n");
    }

    private void Resource(string indent, string name, List<(string Name, FuncDef Type)> functions)
    {
        var members = new List<string>();
        foreach (var (export, function) in functions)
        {
            if (export == $"[constructor]{name}")
            {
                members.Add($"constructor({Parameters(function, skipSelf: false)});");
            }
            else if (export.StartsWith($"[method]{name}.", StringComparison.Ordinal))
            {
                members.Add($"{Identifier(export[$"[method]{name}.".Length..])}: {Signature(function, skipSelf: true)};");
            }
            else if (export.StartsWith($"[static]{name}.", StringComparison.Ordinal))
            {
                members.Add($"{Identifier(export[$"[static]{name}.".Length..])}: static {Signature(function, skipSelf: false)};");
            }
        }

        if (members.Count == 0)
        {
            _out.Append(indent).Append("resource ").Append(Identifier(name)).Append(";\n");
            return;
        }

        _out.Append(indent).Append("resource ").Append(Identifier(name)).Append(" {\n");
        foreach (var member in members)
        {
            _out.Append(indent).Append("  ").Append(member).Append('\n');
        }

        _out.Append(indent).Append("}\n");
    }

    private string Signature(FuncDef function, bool skipSelf) =>
        $"{(function.IsAsync ? "async " : "")}func({Parameters(function, skipSelf)}){(function.Result is { } r ? " -> " + TypeText(r) : "")}";

    private string Parameters(FuncDef function, bool skipSelf) =>
        string.Join(", ", function.Parameters.Skip(skipSelf ? 1 : 0).Select(p => $"{Identifier(p.Name)}: {TypeText(p.Type)}"));

    /// <summary>A value type where it is used: its name, or its structure when it has none.</summary>
    private string TypeText(ValType type) => type switch
    {
        PrimValType p => p.ToString(),
        RefValType r => _names.NameOf(r.Id) is { } name ? Identifier(name) : DefinitionText(r.Id.Type),
        _ => type.ToString(),
    };

    private string DefinitionText(DefType type) => type switch
    {
        PrimDef p => p.ToString(),
        ListDef { Length: { } n } l => $"list<{TypeText(l.Element)}, {n}>",
        ListDef l => $"list<{TypeText(l.Element)}>",
        TupleDef t => $"tuple<{string.Join(", ", t.Types.Select(TypeText))}>",
        OptionDef o => $"option<{TypeText(o.Type)}>",
        ResultDef { Ok: null, Error: null } => "result",
        ResultDef { Ok: { } ok, Error: null } => $"result<{TypeText(ok)}>",
        ResultDef { Ok: null, Error: { } e } => $"result<_, {TypeText(e)}>",
        ResultDef r => $"result<{TypeText(r.Ok!)}, {TypeText(r.Error!)}>",
        MapDef m => $"map<{TypeText(m.Key)}, {TypeText(m.Value)}>",
        HandleDef { Own: true } h => Identifier(_names.NameOf(h.Resource) ?? "resource"),
        HandleDef h => $"borrow<{Identifier(_names.NameOf(h.Resource) ?? "resource")}>",
        AsyncValueDef a => $"{(a.Stream ? "stream" : "future")}{(a.Element is { } e ? $"<{TypeText(e)}>" : "")}",
        RecordDef r => $"record {{ {string.Join(", ", r.Fields.Select(f => $"{Identifier(f.Name)}: {TypeText(f.Type)}"))} }}",
        VariantDef v => $"variant {{ {string.Join(", ", v.Cases.Select(c => c.Type is { } t ? $"{Identifier(c.Name)}({TypeText(t)})" : Identifier(c.Name)))} }}",
        EnumDef e => $"enum {{ {string.Join(", ", e.Cases.Select(Identifier))} }}",
        FlagsDef f => $"flags {{ {string.Join(", ", f.Names.Select(Identifier))} }}",
        _ => type.ToString() ?? "?",
    };

    /// <summary>A WIT identifier, with <c>%</c> when it is a keyword.</summary>
    private static string Identifier(string name) => Keywords.Contains(name) ? "%" + name : name;
}

/// <summary>An interface name <c>ns:pkg/name@version</c>, split into its package (<c>ns:pkg@version</c>) and interface.</summary>
internal readonly record struct InterfaceId(string Package, string Interface)
{
    /// <summary>Splits <paramref name="name"/>; false when it is not an interface name.</summary>
    public static bool TryParse(string name, out InterfaceId id)
    {
        id = default;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (colon <= 0 || slash < colon)
        {
            return false;
        }

        var at = name.IndexOf('@', slash);
        var version = at < 0 ? "" : name[at..];
        var interfaceName = at < 0 ? name[(slash + 1)..] : name[(slash + 1)..at];
        if (interfaceName.Length == 0 || interfaceName.Contains('/'))
        {
            return false;
        }

        id = new InterfaceId(name[..slash] + version, interfaceName);
        return true;
    }

    /// <summary>Splits <paramref name="name"/>, which must be an interface name.</summary>
    public static InterfaceId Parse(string name) =>
        TryParse(name, out var id) ? id : throw new FormatException($"`{name}` is not an interface name");
}
