using WitBindgen.Runtime.Binary;

namespace WitBindgen.Composition.Encoder;

/// <summary>
/// Lays out one plan as a component: the packages' components first (component index i is package i), then for
/// each planned instance, in plan order, the composition imports it is the first to pass through (with the types
/// they need), the aliases of the earlier instances' exports it takes as arguments, and its instantiation; last the
/// aliases and exports of the composition's exports.
/// </summary>
internal sealed class CompositionWriter
{
    private readonly CompositionPlan _plan;
    private readonly Func<string, byte[]> _componentBytes;
    private readonly Dictionary<string, uint> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Sort Sort, uint Index)> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Instance, string Export, Sort Sort), uint> _aliases = new();
    private readonly HashSet<string> _importing = new(StringComparer.Ordinal);

    public CompositionWriter(CompositionPlan plan, Func<string, byte[]> componentBytes)
    {
        _plan = plan;
        _componentBytes = componentBytes;
    }

    /// <summary>The component being written (for mapping validation errors back to the definitions).</summary>
    public ComponentBuilder Builder { get; } = new();

    public byte[] Write()
    {
        foreach (var package in _plan.Packages)
        {
            var bytes = _componentBytes(package.ComponentPath);
            _definitions[package.ComponentPath] = ComponentReader.Read(bytes);
            _components[package.ComponentPath] = Builder.AddComponent(bytes, new EncodingSite($"package `{package.Reference}`"));
        }

        foreach (var instance in _plan.Instances)
        {
            try
            {
                Instantiate(instance);
            }
            catch (CompositionEncodingException e) when (e.Location is null)
            {
                throw new CompositionEncodingException(e.Message, instance.Location);
            }
        }

        foreach (var export in _plan.Exports)
        {
            var (sort, index) = Value(export.SourceInstance, export.SourceExport, export.Kind.ToSort());
            var w = new ByteWriter();
            TypeEncoder.NameAttributes(w, new ExternName(export.Name));
            w.Sort(sort).U32(index).Byte(0x00);
            Builder.Add(SectionId.Export, sort, w.Written, new EncodingSite($"export `{export.Name}`"));
        }

        return Builder.ToArray();
    }

    private void Instantiate(PlannedInstance instance)
    {
        var context = $"instance `{instance.Name}` (`{instance.Package.Reference}`)";
        var types = new TypeImporter(Builder, _definitions[instance.Package.ComponentPath], name => InstanceFor(instance, name, context), context);
        var arguments = new List<(string Name, Sort Sort, uint Index)>();
        foreach (var passed in instance.PassThroughImports)
        {
            var (sort, index) = EnsureImport(passed.Name, types);
            arguments.Add((passed.Name, sort, index));
        }

        foreach (var binding in instance.Arguments)
        {
            var (sort, index) = Value(binding.SourceInstance, binding.SourceExport, binding.Kind.ToSort());
            arguments.Add((binding.ImportName, sort, index));
        }

        var w = new ByteWriter().Byte(0x00).U32(_components[instance.Package.ComponentPath]).U32((uint)arguments.Count);
        foreach (var (name, sort, index) in arguments)
        {
            w.Name(name).Sort(sort).U32(index);
        }

        _instances[instance.Name] = Builder.Add(SectionId.Instance, Sort.Instance, w.Written, new EncodingSite(context, instance.Location));
    }

    /// <summary>The composition's import <paramref name="name"/>, written the first time an instance passes it through.</summary>
    private (Sort Sort, uint Index) EnsureImport(string name, TypeImporter types)
    {
        if (_imports.TryGetValue(name, out var existing))
        {
            return existing;
        }

        if (!_importing.Add(name))
        {
            throw new CompositionEncodingException($"{types.Context}: the type of import `{name}` depends on itself");
        }

        var import = types.Import(name);
        var bytes = MergedImport(name, import, types) ?? types.EncodeImport(import);
        _importing.Remove(name);
        var sort = import.Type.Sort;
        var index = Builder.Add(SectionId.Import, sort, bytes, new EncodingSite($"import `{name}`"));
        _imports[name] = (sort, index);
        return (sort, index);
    }

    /// <summary>
    /// For an instance import that other instances pass through too, the import typed with the union of their
    /// packages' instance types for it (<see cref="InstanceTypeMerger"/>); null when there is nothing to merge.
    /// </summary>
    private byte[]? MergedImport(string name, ImportItem import, TypeImporter first)
    {
        var others = _plan.Imports.FirstOrDefault(i => i.Name == name)?.Instances
            .Select(n => _plan.FindInstance(n)!)
            .Where(i => !ReferenceEquals(_definitions[i.Package.ComponentPath], first.Package))
            .DistinctBy(i => i.Package.ComponentPath)
            .ToList();
        if (others is not { Count: > 0 } || InstanceTypeMerger.DeclaredType(first.Package, import) is not { } firstType)
        {
            return null;
        }

        var union = new InstanceTypeMerger();
        if (!union.TryAdd(firstType, first))
        {
            return null;
        }

        foreach (var other in others)
        {
            var context = $"instance `{other.Name}` (`{other.Package.Reference}`)";
            var package = _definitions[other.Package.ComponentPath];
            var otherImport = package.Imports.FirstOrDefault(i => i.Name.Name == name);
            if (otherImport is not null && InstanceTypeMerger.DeclaredType(package, otherImport) is { } type)
            {
                union.TryAdd(type, new TypeImporter(Builder, package, n => InstanceFor(other, n, context), context));
            }
        }

        var typeIndex = Builder.Add(SectionId.Type, Sort.Type, union.Encode(), new EncodingSite($"the type of import `{name}`"));
        var w = new ByteWriter();
        TypeEncoder.NameAttributes(w, import.Name);
        w.Byte(0x05).U32(typeIndex);
        return w.Written.ToArray();
    }

    /// <summary>
    /// The instance standing for <paramref name="instance"/>'s instance import <paramref name="name"/> in the
    /// composed component, for aliasing the types it exports: the composition import it passes through, or its argument.
    /// </summary>
    private uint InstanceFor(PlannedInstance instance, string name, string context)
    {
        if (instance.PassThroughImports.Any(p => p.Name == name))
        {
            var types = new TypeImporter(Builder, _definitions[instance.Package.ComponentPath], n => InstanceFor(instance, n, context), context);
            var (sort, index) = EnsureImport(name, types);
            return sort == Sort.Instance ? index : throw new CompositionEncodingException($"{context}: import `{name}` is not an instance");
        }

        var binding = instance.Arguments.FirstOrDefault(a => a.ImportName == name)
            ?? throw new CompositionEncodingException($"{context}: no argument or pass-through for import `{name}`");
        var value = Value(binding.SourceInstance, binding.SourceExport, binding.Kind.ToSort());
        return value.Sort == Sort.Instance ? value.Index : throw new CompositionEncodingException($"{context}: import `{name}` is not an instance");
    }

    /// <summary>An earlier instance (<paramref name="export"/> null) or one of its exports, aliased once.</summary>
    private (Sort Sort, uint Index) Value(string instance, string? export, Sort sort)
    {
        if (!_instances.TryGetValue(instance, out var source))
        {
            throw new CompositionEncodingException($"instance `{instance}` is not created yet");
        }

        if (export is null)
        {
            return (Sort.Instance, source);
        }

        if (!_aliases.TryGetValue((instance, export, sort), out var index))
        {
            var w = new ByteWriter().Sort(sort).Byte(0x00).U32(source).Name(export);
            index = Builder.Add(SectionId.Alias, sort, w.Written, new EncodingSite($"export `{export}` of instance `{instance}`", _plan.FindInstance(instance)?.Location));
            _aliases[(instance, export, sort)] = index;
        }

        return (sort, index);
    }
}
