using WitBindgen.Runtime.Binary;

namespace WitBindgen.Composition.Encoder;

/// <summary>
/// Copies the types one planned instance's package declares for its imports into the composed component, so that
/// the composition can import what the instance passes through with the package's own types. A type the package
/// defines is written again (its dependencies first); a type the package aliases from one of its imported instances
/// is aliased from the instance that stands for that import in the composition (a composition import, or the
/// argument the plan gives). Each package type is copied at most once per instance.
/// </summary>
internal sealed class TypeImporter
{
    private readonly ComponentBuilder _builder;
    private readonly ComponentDefinition _package;
    private readonly Func<string, uint> _instanceFor;
    private readonly string _context;
    private readonly Dictionary<uint, uint> _mapped = new();
    private readonly HashSet<uint> _inProgress = new();
    private readonly TypeEncoder _encoder;

    /// <param name="builder">The composed component.</param>
    /// <param name="package">The instantiated package's component.</param>
    /// <param name="instanceFor">The composed component's instance index standing for an instance import of the package, by import name.</param>
    /// <param name="context">Names the instance and its package, for errors.</param>
    public TypeImporter(ComponentBuilder builder, ComponentDefinition package, Func<string, uint> instanceFor, string context)
    {
        _builder = builder;
        _package = package;
        _instanceFor = instanceFor;
        _context = context;
        _encoder = new TypeEncoder(Map, context);
    }

    /// <summary>The package's import named <paramref name="name"/>.</summary>
    public ImportItem Import(string name) =>
        _package.Imports.FirstOrDefault(i => i.Name.Name == name)
        ?? throw new CompositionEncodingException($"{_context} has no import `{name}`");

    /// <summary>Writes an <c>import</c> with the package's name and type for <paramref name="import"/>, its types copied first.</summary>
    public byte[] EncodeImport(ImportItem import)
    {
        var w = new ByteWriter();
        TypeEncoder.NameAttributes(w, import.Name);
        _encoder.ExternType(w, import.Type, depth: 0);
        return w.Written.ToArray();
    }

    /// <summary>The package's component.</summary>
    public ComponentDefinition Package => _package;

    /// <summary>Names the instance and its package, for errors.</summary>
    public string Context => _context;

    /// <summary>An encoder for rewriting one instance type of the package declaration by declaration (see <see cref="InstanceTypeMerger"/>).</summary>
    /// <param name="mapScope">Maps the instance type's own type indices.</param>
    public TypeEncoder ForInstanceType(Func<uint, uint> mapScope) => new(Map, _context, mapScope);

    /// <summary>The composed component's type index for the package's type <paramref name="index"/>, copying it when needed.</summary>
    public uint Map(uint index)
    {
        if (_mapped.TryGetValue(index, out var mapped))
        {
            return mapped;
        }

        if (!_inProgress.Add(index))
        {
            throw new CompositionEncodingException($"{_context}: type {index} refers to itself");
        }

        var entry = _package.IndexSpaces.Find(Sort.Type, index)
            ?? throw new CompositionEncodingException($"{_context}: type index {index} is out of bounds");
        mapped = entry.Source switch
        {
            TypeItem { Type: ResourceType } => throw new CompositionEncodingException(
                $"{_context}: an import's type uses a resource the package defines itself, which the composition cannot import"),
            TypeItem { Type: var type } => Define(type),
            AliasItem { Alias: InstanceExportAlias { Sort: Sort.Type } alias } => AliasExport(alias),
            ExportItem { Sort: Sort.Type, Index: var exported } => Map(exported),
            var other => throw new CompositionEncodingException(
                $"{_context}: an import's type uses {other.Describe()}, which the encoder does not copy"),
        };
        _inProgress.Remove(index);
        _mapped[index] = mapped;
        return mapped;
    }

    private uint Define(DefinedType type)
    {
        // Encoding maps (and so emits) the types this one refers to before it is added itself.
        var w = new ByteWriter();
        _encoder.DefinedType(w, type, depth: 0);
        return _builder.Add(SectionId.Type, Sort.Type, w.Written);
    }

    private uint AliasExport(InstanceExportAlias alias)
    {
        var source = _package.IndexSpaces.Find(Sort.Instance, alias.InstanceIndex)?.Source;
        if (source is not ImportItem import)
        {
            throw new CompositionEncodingException(
                $"{_context}: an import's type uses type `{alias.Name}` of an instance the package creates itself, which the encoder does not copy");
        }

        var instance = _instanceFor(import.Name.Name);
        var w = new ByteWriter().Sort(Sort.Type).Byte(0x00).U32(instance).Name(alias.Name);
        return _builder.Add(SectionId.Alias, Sort.Type, w.Written);
    }
}
