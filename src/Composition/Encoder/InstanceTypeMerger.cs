using WitBindgen.Runtime.Binary;

namespace WitBindgen.Composition.Encoder;

/// <summary>
/// Builds the type of a composition import that several instances pass through: the union of the instance types
/// their packages declare for it. The first type's exports are taken whole; each later type adds the exports the
/// union lacks, with the declarations they depend on (types the union already exports by the same name are reused,
/// so a resource stays one resource). A type that cannot be added (for example because its package's types come from
/// an instance created later) is left out whole, and validation then reports the instance it fails.
/// </summary>
internal sealed class InstanceTypeMerger
{
    private readonly List<byte[]> _declarations = new();
    private readonly Dictionary<string, uint?> _exports = new(StringComparer.Ordinal);
    private uint _types;

    /// <summary>The instance type a package declares for an instance import, when it is defined directly in the package.</summary>
    public static InstanceType? DeclaredType(ComponentDefinition package, ImportItem import) =>
        import.Type is InstanceExternType { TypeIndex: var index }
        && package.IndexSpaces.Find(Sort.Type, index)?.Source is TypeItem { Type: InstanceType type }
            ? type
            : null;

    /// <summary>Adds the exports of <paramref name="type"/> the union lacks; false (and nothing added) when it cannot.</summary>
    /// <param name="type">An instance type of <paramref name="importer"/>'s package.</param>
    /// <param name="importer">Copies the package's own types into the composed component.</param>
    public bool TryAdd(InstanceType type, TypeImporter importer)
    {
        var declarations = _declarations.Count;
        var types = _types;
        var exports = new Dictionary<string, uint?>(_exports, StringComparer.Ordinal);
        try
        {
            new Source(this, type, importer).AddMissingExports();
            return true;
        }
        catch (CompositionEncodingException)
        {
            _declarations.RemoveRange(declarations, _declarations.Count - declarations);
            _types = types;
            _exports.Clear();
            foreach (var (name, index) in exports)
            {
                _exports[name] = index;
            }

            return false;
        }
    }

    /// <summary>The union as an <c>instancetype</c>.</summary>
    public byte[] Encode()
    {
        var w = new ByteWriter().Byte(0x42).U32((uint)_declarations.Count);
        foreach (var declaration in _declarations)
        {
            w.Bytes(declaration);
        }

        return w.Written.ToArray();
    }

    private uint? Add(ByteWriter declaration, bool addsType)
    {
        _declarations.Add(declaration.Written.ToArray());
        return addsType ? _types++ : null;
    }

    /// <summary>One instance type being added: maps its type indices to the union's.</summary>
    private sealed class Source
    {
        private readonly InstanceTypeMerger _union;
        private readonly InstanceType _type;
        private readonly TypeImporter _importer;
        private readonly TypeEncoder _encoder;
        private readonly Dictionary<uint, uint> _mapped = new();

        public Source(InstanceTypeMerger union, InstanceType type, TypeImporter importer)
        {
            _union = union;
            _type = type;
            _importer = importer;
            _encoder = importer.ForInstanceType(Map);
        }

        public void AddMissingExports()
        {
            foreach (var export in _type.Exports)
            {
                if (!_union._exports.ContainsKey(export.Name.Name))
                {
                    AddExport(export);
                }
            }
        }

        private uint? AddExport(ExportDeclaration export)
        {
            var w = new ByteWriter().Byte(0x04);
            TypeEncoder.NameAttributes(w, export.Name);
            _encoder.ExternType(w, export.Type, depth: 1);
            var index = _union.Add(w, addsType: export.Type is TypeExternType);
            _union._exports[export.Name.Name] = index;
            return index;
        }

        private uint Map(uint index)
        {
            if (_mapped.TryGetValue(index, out var mapped))
            {
                return mapped;
            }

            var source = _type.IndexSpaces.Find(Sort.Type, index)?.Source;
            uint? result = source switch
            {
                TypeDeclaration { Type: var type } => Define(type),
                AliasDeclaration { Alias: OuterAlias { Sort: Sort.Type } outer } => Alias(outer),
                ExportDeclaration { Type: TypeExternType } export =>
                    _union._exports.TryGetValue(export.Name.Name, out var existing) ? existing : AddExport(export),
                _ => null,
            };
            mapped = result ?? throw new CompositionEncodingException(
                $"{_importer.Context}: type {index} of an imported instance type cannot be merged with another instance's");
            _mapped[index] = mapped;
            return mapped;
        }

        private uint? Define(DefinedType type)
        {
            var w = new ByteWriter().Byte(0x01);
            _encoder.DefinedType(w, type, depth: 1);
            return _union.Add(w, addsType: true);
        }

        private uint? Alias(OuterAlias outer)
        {
            var w = new ByteWriter().Byte(0x02).Sort(Sort.Type).Byte(0x02).U32(outer.Count).U32(_encoder.OuterAliasTarget(outer, depth: 1));
            return _union.Add(w, addsType: true);
        }
    }
}
