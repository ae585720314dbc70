namespace WitBindgen.Runtime.Binary;

/// <summary>Reads one component (preamble and sections), recursing into nested components.</summary>
internal static class ComponentParser
{
    /// <summary>Magic, version 0x0d and layer 1.</summary>
    public static ReadOnlySpan<byte> Preamble => [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    private static ReadOnlySpan<byte> CoreModulePreamble => [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// <summary>Reads the component that fills the rest of <paramref name="r"/>'s window.</summary>
    public static ComponentDefinition ReadComponent(WasmReader r, int depth)
    {
        var start = r.Position;
        NestingGuard.Check(r, depth, start);
        ReadPreamble(r);

        var items = new List<ComponentItem>();
        var spaces = new IndexSpaces();
        var customSections = new List<CustomSection>();
        ComponentNames? names = null;
        while (!r.AtEnd)
        {
            var sectionStart = r.Position;
            var id = r.ReadByte();
            if (id > 12)
            {
                throw r.Error($"invalid section id 0x{id:x2}", sectionStart);
            }

            var s = r.ReadSubReader("section");
            switch (id)
            {
                case 0:
                    var name = s.ReadName();
                    var data = s.ReadBytes(s.Remaining);
                    customSections.Add(new CustomSection(name, data, sectionStart));
                    if (name == NameSectionParser.SectionName)
                    {
                        names = NameSectionParser.TryRead(data) ?? names;
                    }

                    break;
                case 1:
                    var moduleStart = s.Position;
                    var module = s.ReadBytes(s.Remaining);
                    if (!module.Span.StartsWith(CoreModulePreamble))
                    {
                        throw r.Error("core module section does not start with the core module preamble", moduleStart);
                    }

                    Add(new CoreModuleItem(module), moduleStart);
                    break;
                case 2:
                    ReadVector(s, ReadCoreInstance);
                    break;
                case 3:
                    ReadVector(s, x => new CoreTypeItem(CoreTypeParser.ReadCoreType(x, depth)));
                    break;
                case 4:
                    var componentStart = s.Position;
                    Add(new NestedComponentItem(ReadComponent(s, depth + 1)), componentStart);
                    break;
                case 5:
                    ReadVector(s, ReadInstance);
                    break;
                case 6:
                    ReadVector(s, x => new AliasItem(SortParser.ReadAlias(x)));
                    break;
                case 7:
                    ReadVector(s, x => new TypeItem(TypeParser.ReadDefinedType(x, depth)));
                    break;
                case 8:
                    ReadVector(s, CanonParser.ReadCanon);
                    break;
                case 9:
                    var startStart = s.Position;
                    Add(ReadStart(s), startStart);
                    break;
                case 10:
                    ReadVector(s, x =>
                    {
                        var importName = ExternParser.ReadName(x);
                        return new ImportItem(importName, ExternParser.ReadExternType(x));
                    });
                    break;
                case 11:
                    ReadVector(s, ReadExport);
                    break;
                case 12:
                    ReadVector(s, ReadValue);
                    break;
            }

            s.ExpectEnd();
        }

        var definition = new ComponentDefinition(items, spaces, customSections, names, r.Data[start..r.Position], start);
        foreach (var nested in items.OfType<NestedComponentItem>())
        {
            nested.Component.Parent = definition;
        }

        return definition;

        void Add(ComponentItem item, int offset)
        {
            item = item with { Offset = offset };
            items.Add(item);
            spaces.Add(item, r);
        }

        void ReadVector(WasmReader s, Func<WasmReader, ComponentItem> readOne)
        {
            var count = s.ReadCount();
            for (var i = 0; i < count; i++)
            {
                var itemStart = s.Position;
                Add(readOne(s), itemStart);
            }
        }
    }

    private static void ReadPreamble(WasmReader r)
    {
        var start = r.Position;
        if (r.Remaining < 8)
        {
            throw r.Error($"unexpected end of component preamble ({r.Remaining} of 8 bytes)", start);
        }

        var preamble = r.ReadBytes(8).Span;
        if (!preamble[..4].SequenceEqual(Preamble[..4]))
        {
            throw r.Error("invalid magic number: not a WebAssembly binary", start);
        }

        if (preamble[6] == 0x00 && preamble[7] == 0x00)
        {
            throw r.Error("the binary is a core WebAssembly module, not a component", start + 4);
        }

        if (preamble[6] != 0x01 || preamble[7] != 0x00)
        {
            throw r.Error($"invalid layer 0x{preamble[6]:x2}{preamble[7]:x2} (expected 0x0001 for a component)", start + 6);
        }

        if (preamble[4] != 0x0d || preamble[5] != 0x00)
        {
            throw r.Error($"unsupported component binary version 0x{preamble[4]:x2}{preamble[5]:x2} (expected 0x0d00)", start + 4);
        }
    }

    private static ComponentItem ReadCoreInstance(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
                var module = r.ReadU32();
                var count = r.ReadCount(3);
                var arguments = new List<CoreInstantiationArgument>(count);
                for (var i = 0; i < count; i++)
                {
                    var name = r.ReadName();
                    var argumentStart = r.Position;
                    var argumentKind = r.ReadByte();
                    if (argumentKind != 0x12)
                    {
                        // core:instantiatearg ::= n:<core:name> 0x12 i:<instanceidx>: only core instances can be arguments.
                        throw r.Error($"invalid leading byte (0x{argumentKind:x}) for instantiation arg kind: a core instantiation argument must be a core instance (0x12)", argumentStart);
                    }

                    arguments.Add(new CoreInstantiationArgument(name, Sort.CoreInstance, r.ReadU32()));
                }

                return new CoreInstantiationItem(module, arguments);
            case 0x01:
                var exportCount = r.ReadCount(3);
                var exports = new List<CoreInlineExport>(exportCount);
                for (var i = 0; i < exportCount; i++)
                {
                    var name = r.ReadName();
                    var sort = SortParser.ReadCoreSort(r);
                    exports.Add(new CoreInlineExport(name, sort, r.ReadU32()));
                }

                return new CoreInlineInstanceItem(exports);
            default:
                throw r.Error($"invalid core instance kind 0x{kind:x2}", start);
        }
    }

    private static ComponentItem ReadInstance(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
                var component = r.ReadU32();
                var count = r.ReadCount(3);
                var arguments = new List<InstantiationArgument>(count);
                for (var i = 0; i < count; i++)
                {
                    var name = r.ReadName();
                    var sort = SortParser.ReadSort(r);
                    arguments.Add(new InstantiationArgument(name, sort, r.ReadU32()));
                }

                return new InstantiationItem(component, arguments);
            case 0x01:
                var exportCount = r.ReadCount(4);
                var exports = new List<InlineExport>(exportCount);
                for (var i = 0; i < exportCount; i++)
                {
                    var name = ExternParser.ReadName(r);
                    var sort = SortParser.ReadSort(r);
                    exports.Add(new InlineExport(name, sort, r.ReadU32()));
                }

                return new InlineInstanceItem(exports);
            default:
                throw r.Error($"invalid instance kind 0x{kind:x2}", start);
        }
    }

    private static StartItem ReadStart(WasmReader r)
    {
        var function = r.ReadU32();
        var count = r.ReadCount();
        var arguments = new List<uint>(count);
        for (var i = 0; i < count; i++)
        {
            arguments.Add(r.ReadU32());
        }

        return new StartItem(function, arguments, r.ReadU32());
    }

    private static ExportItem ReadExport(WasmReader r)
    {
        var name = ExternParser.ReadName(r);
        var sort = SortParser.ReadSort(r);
        var index = r.ReadU32();
        var type = r.ReadOptionalPresent("export type") ? ExternParser.ReadExternType(r) : null;
        return new ExportItem(name, sort, index, type);
    }

    private static ValueItem ReadValue(WasmReader r)
    {
        var type = TypeParser.ReadValueTypeReference(r);
        var length = r.ReadLength();
        return new ValueItem(type, r.ReadBytes(length));
    }
}
