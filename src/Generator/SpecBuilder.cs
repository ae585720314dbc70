using System.Runtime.CompilerServices;
using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>
/// Turns a resolved WIT model into a <see cref="GenerationSpec"/>: picks the world, collects the
/// interfaces it needs, names every C# type and translates every WIT type reference to C#.
/// </summary>
internal sealed partial class SpecBuilder
{
    /// <summary>The runtime namespace, where the host's helper types <c>Result</c>, <c>Option</c> and <c>Unit</c> live.</summary>
    private const string HostHelperNamespace = "global::WitBindgen.Runtime";

    /// <summary>The C# type of <c>error-context</c> in host bindings.</summary>
    private const string ErrorContextType = "global::WitBindgen.Runtime.ErrorContext";

    /// <summary>The namespace of the helper types guest bindings generate into the project (it cannot reference the runtime).</summary>
    internal const string GuestHelperNamespace = "global::WitBindgen.Guest";

    private readonly WitResolve _resolve;
    private readonly PackageId _main;
    private readonly WitUnit _unit;
    private readonly CancellationToken _ct;
    private readonly string _baseNamespace;
    private readonly List<DiagnosticSpec> _diagnostics = new();
    private readonly Dictionary<TypeId, string> _typeNames = new();
    private readonly Dictionary<string, HashSet<string>> _namesByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<InterfaceId, string> _inlineNames = new();
    private readonly Dictionary<TypeId, IReadOnlyList<string>> _memberNames = new();
    private WitWorld? _world;

    private readonly bool _bindings;

    /// <summary>Guest bindings (the component is written in C#) instead of host bindings.</summary>
    private readonly bool _guest;

    /// <summary>The namespace of <c>Result</c>, <c>Option</c> and <c>Unit</c> for the bindings generated.</summary>
    private string RuntimeNamespace => _guest ? GuestHelperNamespace : HostHelperNamespace;
    private HashSet<string> _boundResources = new(StringComparer.Ordinal);

    private readonly EquatableArray<ProvidedInterface> _provided;
    private readonly WithMap? _with;

    public SpecBuilder(WitResolve resolve, PackageId main, WitUnit unit, CancellationToken ct, bool bindings = false, EquatableArray<ProvidedInterface> provided = default, WithMap? with = null, bool guest = false)
    {
        _guest = guest;
        _bindings = bindings || guest;
        _provided = provided;
        _with = with;
        _resolve = resolve;
        _main = main;
        _unit = unit;
        _ct = ct;
        _baseNamespace = unit.Namespace ?? PackageNamespace(main);
    }

    public GenerationSpec Build()
    {
        var interfaces = new List<InterfaceId>();
        var worldTypes = new List<TypeId>();
        if (!SelectWorld(interfaces, worldTypes))
        {
            return new GenerationSpec(EquatableArray<SourceFileSpec>.Empty, _diagnostics.ToEquatableArray());
        }

        AddDependencies(interfaces, worldTypes);
        DecideReuse(interfaces);

        // Name every type first, so references between interfaces resolve whatever the order.
        foreach (var id in interfaces.Where(i => !_reused.ContainsKey(i)))
        {
            NameTypes(_resolve[id].Types.Values, InterfaceNamespace(id));
        }

        NameTypes(worldTypes, WorldNamespace());

        WorldBindingsSpec? bindings = null;
        if (_bindings && _world is not null)
        {
            bindings = BuildBindings(_world);
        }

        if (bindings is not null)
        {
            _boundResources = new HashSet<string>(
                bindings.Imports.Concat(bindings.Exports).SelectMany(i => i.Resources).Select(r => r.FullName),
                StringComparer.Ordinal);
        }

        var files = new List<SourceFileSpec>();
        foreach (var id in interfaces.Where(i => !_reused.ContainsKey(i)))
        {
            _ct.ThrowIfCancellationRequested();
            var ns = InterfaceNamespace(id);
            var origin = "interface " + (_resolve.IdOf(id) ?? _inlineNames.GetValueOrDefault(id) ?? "<anonymous>");
            AddFile(files, ns, origin, _resolve[id].Types.Values);
        }

        if (_world is not null)
        {
            AddFile(files, WorldNamespace(), "world " + _world.Name, worldTypes);
        }

        if (_guest)
        {
            var guest = bindings is null ? EquatableArray<GuestWorldSpec>.Empty : new[] { new GuestWorldSpec(bindings, GuestStringEncoding()) }.ToEquatableArray();
            return new GenerationSpec(files.ToEquatableArray(), _diagnostics.ToEquatableArray(), Guest: guest);
        }

        var bound = bindings is null ? EquatableArray<WorldBindingsSpec>.Empty : new[] { bindings }.ToEquatableArray();
        return new GenerationSpec(files.ToEquatableArray(), _diagnostics.ToEquatableArray(), bound, Provides(interfaces));
    }

    private bool SelectWorld(List<InterfaceId> interfaces, List<TypeId> worldTypes)
    {
        var package = _resolve[_main];
        WorldId? worldId = null;
        if (_unit.World is { } requested)
        {
            worldId = _resolve.FindWorld(_main, requested);
            if (worldId is null)
            {
                _diagnostics.Add(WorldNotFound(package, requested));
                return false;
            }
        }
        else if (package.Worlds.Count == 1)
        {
            worldId = package.Worlds.Values.First();
        }
        else if (package.Worlds.Count > 1)
        {
            _diagnostics.Add(DiagnosticSpec.At(
                DiagnosticDescriptors.AmbiguousWorld.Id,
                $"package {package.Name} has several worlds ({string.Join(", ", package.Worlds.Keys)}); set the WitWorld metadata (World on a Wit item) to choose one",
                package.Location,
                _unit));
            return false;
        }

        if (worldId is null)
        {
            // A package of interfaces only: generate all of them.
            interfaces.AddRange(package.Interfaces.Values);
            return true;
        }

        _world = _resolve[worldId.Value];
        foreach (var (key, item) in _world.Imports.Concat(_world.Exports))
        {
            switch (item)
            {
                case WorldInterfaceItem i:
                    if (!interfaces.Contains(i.Interface))
                    {
                        interfaces.Add(i.Interface);
                    }

                    if (key.Name is { } name && _resolve[i.Interface].Name is null)
                    {
                        _inlineNames[i.Interface] = name;
                    }

                    break;
                case WorldTypeItem t when !worldTypes.Contains(t.Type):
                    worldTypes.Add(t.Type);
                    break;
            }
        }

        return true;
    }

    /// <summary>Adds every interface whose types are reachable from the selected ones (through <c>use</c>).</summary>
    private void AddDependencies(List<InterfaceId> interfaces, List<TypeId> worldTypes)
    {
        var seenTypes = new HashSet<TypeId>();
        var pending = new Stack<TypeId>(worldTypes.Concat(interfaces.SelectMany(i => _resolve[i].Types.Values)));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seenTypes.Add(id))
            {
                continue;
            }

            var def = _resolve[id];
            if (def.Owner.Interface is { } owner && !interfaces.Contains(owner))
            {
                interfaces.Add(owner);
                foreach (var t in _resolve[owner].Types.Values)
                {
                    pending.Push(t);
                }
            }

            foreach (var reference in def.Kind.References)
            {
                if (reference.Id is { } next)
                {
                    pending.Push(next);
                }
            }
        }
    }

    private void NameTypes(IEnumerable<TypeId> ids, string ns)
    {
        var taken = TakenNames(ns);
        foreach (var id in ids)
        {
            var def = _resolve[id];
            if (IsNominal(def.Kind) && def.Name is { } name && !_typeNames.ContainsKey(id))
            {
                _typeNames[id] = Naming.Unique(Naming.Pascal(name), taken);
            }
        }
    }

    private HashSet<string> TakenNames(string ns)
    {
        if (!_namesByNamespace.TryGetValue(ns, out var taken))
        {
            taken = new HashSet<string>(StringComparer.Ordinal);
            _namesByNamespace[ns] = taken;
        }

        return taken;
    }

    private static bool IsNominal(TypeDefKind kind) => kind is RecordKind or VariantKind or EnumKind or FlagsKind or ResourceKind;

    private void AddFile(List<SourceFileSpec> files, string ns, string origin, IEnumerable<TypeId> ids)
    {
        var types = new List<TypeSpec>();
        foreach (var id in ids)
        {
            // A resource whose class the host bindings write is left out (a file of only those would be empty).
            if (!_typeNames.TryGetValue(id, out var name))
            {
                continue;
            }

            _declaring = _resolve[id];
            var type = BuildType(id, name);
            _declaring = null;
            if (type is not ResourceSpec { Bound: true })
            {
                types.Add(type);
            }
        }

        if (types.Count > 0)
        {
            files.Add(new SourceFileSpec(ns + ".g.cs", ns, origin, types.ToEquatableArray()));
        }
    }

    private TypeSpec BuildType(TypeId id, string name)
    {
        var def = _resolve[id];
        var wit = def.Name!;
        var docs = def.Docs.Contents;
        switch (def.Kind)
        {
            case RecordKind record:
            {
                var names = MemberNames(id);
                var fields = record.Fields.Select((f, i) => new MemberSpec(names[i], f.Name, Translate(f.Type), f.Docs.Contents));
                return new RecordSpec(name, wit, docs, fields.ToEquatableArray());
            }

            case VariantKind variant:
            {
                var names = MemberNames(id);
                var cases = variant.Cases.Select((c, i) => new MemberSpec(names[i], c.Name, c.Type is { } t ? Translate(t) : null, c.Docs.Contents));
                return new VariantSpec(name, wit, docs, cases.ToEquatableArray());
            }

            case EnumKind e:
            {
                var taken = MemberScope(name);
                var underlying = e.Cases.Count <= 256 ? "byte" : e.Cases.Count <= 65536 ? "ushort" : "uint";
                var cases = e.Cases.Select(c => new MemberSpec(Naming.Unique(Naming.Pascal(c.Name), taken), c.Name, null, c.Docs.Contents));
                return new EnumSpec(name, wit, docs, underlying, cases.ToEquatableArray());
            }

            case FlagsKind flags when flags.Flags.Count <= 64:
            {
                var taken = MemberScope(name);
                var n = flags.Flags.Count;
                var underlying = n <= 8 ? "byte" : n <= 16 ? "ushort" : n <= 32 ? "uint" : "ulong";
                var items = flags.Flags.Select(f => new MemberSpec(Naming.Unique(Naming.Pascal(f.Name), taken), f.Name, null, f.Docs.Contents));
                return new FlagsSpec(name, wit, docs, underlying, items.ToEquatableArray());
            }

            case FlagsKind flags:
            {
                var names = MemberNames(id);
                var wordCount = (flags.Flags.Count + 63) / 64;
                var words = names.Take(wordCount).ToArray();
                var items = flags.Flags.Select((f, i) => new MemberSpec(names[wordCount + i], f.Name, null, f.Docs.Contents));
                return new WideFlagsSpec(name, wit, docs, words.ToEquatableArray(), items.ToEquatableArray());
            }

            default:
                return new ResourceSpec(name, wit, docs, _boundResources.Contains($"global::{TypeNamespace(id)}.{name}"));
        }
    }

    /// <summary>
    /// The C# member names of a record (fields), variant (case classes) or wide flags type (words, then
    /// flags), decided once so the type and its lifting code agree.
    /// </summary>
    private IReadOnlyList<string> MemberNames(TypeId id)
    {
        if (_memberNames.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var taken = MemberScope(TypeName(id));
        var names = new List<string>();
        switch (_resolve[id].Kind)
        {
            case RecordKind record:
                names.AddRange(record.Fields.Select(f => Naming.Unique(Naming.Pascal(f.Name), taken)));
                break;
            case VariantKind variant:
                taken.Add("Value");
                names.AddRange(variant.Cases.Select(c => Naming.Unique(Naming.Pascal(c.Name), taken)));
                break;
            case FlagsKind flags:
                names.AddRange(Enumerable.Range(0, (flags.Flags.Count + 63) / 64).Select(i => Naming.Unique("Word" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), taken)));
                names.AddRange(flags.Flags.Select(f => Naming.Unique(Naming.Pascal(f.Name), taken)));
                break;
        }

        _memberNames[id] = names;
        return names;
    }

    private IReadOnlyList<string> FieldNames(TypeId id, int count) => MemberNames(id).Take(count).ToList();

    private IReadOnlyList<string> CaseNames(TypeId id, int count) => MemberNames(id).Take(count).ToList();

    private string WideFlagWordName(TypeId id, int word) => MemberNames(id)[word];

    private static HashSet<string> MemberScope(string typeName)
    {
        var taken = new HashSet<string>(Naming.ObjectMembers, StringComparer.Ordinal) { typeName };
        return taken;
    }

    /// <summary>The C# spelling of a WIT type reference.</summary>
    internal string Translate(WitType type)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (type.IsPrimitive)
        {
            return type.Primitive switch
            {
                PrimitiveType.Bool => "bool",
                PrimitiveType.U8 => "byte",
                PrimitiveType.U16 => "ushort",
                PrimitiveType.U32 => "uint",
                PrimitiveType.U64 => "ulong",
                PrimitiveType.S8 => "sbyte",
                PrimitiveType.S16 => "short",
                PrimitiveType.S32 => "int",
                PrimitiveType.S64 => "long",
                PrimitiveType.F32 => "float",
                PrimitiveType.F64 => "double",
                PrimitiveType.Char => "global::System.Text.Rune",
                PrimitiveType.String => "string",
                PrimitiveType.ErrorContext when !_guest => ErrorContextType,
                _ => Unsupported(type),
            };
        }

        var id = type.Id!.Value;
        var def = _resolve[id];
        switch (def.Kind)
        {
            case RecordKind or VariantKind or EnumKind or FlagsKind or ResourceKind:
                return $"global::{TypeNamespace(id)}.{TypeName(id)}";
            case AliasKind alias:
                return Translate(alias.Target);
            case HandleKind handle:
                return Translate(WitType.Of(handle.Resource));
            case OptionKind option:
                if (IsOption(option.Inner))
                {
                    RequireRuntime("option<option<T>>", "Option<T>");
                    return $"{RuntimeNamespace}.Option<{Translate(option.Inner)}>";
                }

                return Translate(option.Inner) + "?";
            case ResultKind result:
                RequireRuntime("result", "Result<TOk, TErr>");
                return $"{RuntimeNamespace}.Result<{TranslateOrUnit(result.Ok)}, {TranslateOrUnit(result.Err)}>";
            case TupleKind tuple:
                return tuple.Types.Count switch
                {
                    0 => UnitOfEmptyTuple(),
                    1 => $"global::System.ValueTuple<{Translate(tuple.Types[0])}>",
                    _ => "(" + string.Join(", ", tuple.Types.Select(Translate)) + ")",
                };
            case ListKind list:
                return ArrayOf(list.Element);
            case FixedLengthListKind fixedList:
                return ArrayOf(fixedList.Element);
            case MapKind map:
                return $"global::System.Collections.Generic.IReadOnlyDictionary<{Translate(map.Key)}, {Translate(map.Value)}>";
            case StreamKind { Payload: { } element } when !_guest:
                RequireRuntime("stream", "StreamReader<T>");
                return $"global::WitBindgen.Runtime.StreamReader<{Translate(element)}>";
            case FutureKind { Payload: { } value } when !_guest:
                RequireRuntime("future", "FutureReader<T>");
                return $"global::WitBindgen.Runtime.FutureReader<{Translate(value)}>";
            default:
                return Unsupported(type);
        }
    }

    private string ArrayOf(WitType element) =>
        element.IsPrimitive && element.Primitive == PrimitiveType.U8 ? "byte[]" : Translate(element) + "[]";

    private string TranslateOrUnit(WitType? type)
    {
        if (type is { } t)
        {
            return Translate(t);
        }

        // The result's own diagnostic covers its missing side.
        return $"{RuntimeNamespace}.Unit";
    }

    private string UnitOfEmptyTuple()
    {
        RequireRuntime("tuple<>", "Unit");
        return $"{RuntimeNamespace}.Unit";
    }

    /// <summary>
    /// The helper types are the runtime's: a project that does not reference it (types only) cannot use them, which
    /// is reported once per WIT type instead of leaving the compiler to say that <c>WitBindgen.Runtime</c> is unknown.
    /// </summary>
    private void RequireRuntime(string witType, string helper)
    {
        if (!_bindings && !_guest)
        {
            var message = $"the WIT type '{witType}' maps to WitBindgen.Runtime.{helper}, but the project does not reference WitBindgen.Runtime; reference the WitBindgen package (it brings the runtime)";
            if (!_diagnostics.Any(d => d.Message == message))
            {
                _diagnostics.Add(DiagnosticSpec.At(DiagnosticDescriptors.RuntimeRequired.Id, message, _declaring?.Location, _unit));
            }
        }
    }

    private bool IsOption(WitType type)
    {
        for (var depth = 0; depth < 1000 && type.Id is { } id; depth++)
        {
            switch (_resolve[id].Kind)
            {
                case OptionKind:
                    return true;
                case AliasKind alias:
                    type = alias.Target;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private string TypeName(TypeId id)
    {
        if (!_typeNames.TryGetValue(id, out var name))
        {
            name = Naming.Unique(Naming.Pascal(_resolve[id].Name ?? "Anonymous"), TakenNames(TypeNamespace(id)));
            _typeNames[id] = name;
        }

        return name;
    }

    private string TypeNamespace(TypeId id)
    {
        var owner = _resolve[id].Owner;
        return owner.Interface is { } iface ? InterfaceNamespace(iface) : WorldNamespace();
    }

    private string InterfaceNamespace(InterfaceId id)
    {
        if (_reused.TryGetValue(id, out var reuse))
        {
            return reuse.Namespace;
        }

        var iface = _resolve[id];
        if (iface.Name is null)
        {
            var key = _inlineNames.TryGetValue(id, out var n) ? n : "interface-" + id.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WorldNamespace() + "." + Naming.Pascal(key);
        }

        var pkg = iface.Package is { } p ? PackageNamespace(p) : _baseNamespace;
        return pkg + "." + Naming.Pascal(iface.Name);
    }

    private string WorldNamespace()
    {
        if (_world is null)
        {
            return _baseNamespace;
        }

        // A world named like an interface of its package gets the "World" suffix (once: a world "x-world" named like
        // the interface "x-world" gets "_" instead), so that the two namespaces differ.
        var segment = Naming.Pascal(_world.Name);
        var package = _world.Package is { } p ? _resolve[p] : null;
        bool Taken(string s) => package is not null && package.Interfaces.Keys.Any(k => Naming.Pascal(k) == s);
        if (Taken(segment))
        {
            var suffixed = Naming.WithSuffix(segment, "World");
            segment = suffixed == segment || Taken(suffixed) ? segment + "_" : suffixed;
        }

        return (_world.Package is { } pid ? PackageNamespace(pid) : _baseNamespace) + "." + segment;
    }

    private string PackageNamespace(PackageId id)
    {
        if (id == _main && _unit.Namespace is { } ns)
        {
            return ns;
        }

        var name = _resolve[id].Name;
        return Naming.Pascal(name.Namespace) + "." + Naming.Pascal(name.Name);
    }
}
