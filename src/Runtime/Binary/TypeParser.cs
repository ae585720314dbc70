namespace WitBindgen.Runtime.Binary;

/// <summary>Reads component-level types (<c>type</c>, <c>valtype</c>, component and instance declarations).</summary>
internal static class TypeParser
{
    /// <summary>Reads a <c>deftype</c>.</summary>
    public static DefinedType ReadDefinedType(WasmReader r, int depth)
    {
        var start = r.Position;
        switch (r.PeekByte())
        {
            case 0x40:
            case 0x43:
                return ReadFunctionType(r);
            case 0x41:
                r.ReadByte();
                var (componentDeclarations, componentSpaces) = ReadDeclarations(r, depth + 1, start, allowImports: true);
                return new ComponentType(componentDeclarations, componentSpaces);
            case 0x42:
                r.ReadByte();
                var (instanceDeclarations, instanceSpaces) = ReadDeclarations(r, depth + 1, start, allowImports: false);
                return new InstanceType(instanceDeclarations, instanceSpaces);
            case 0x3f:
                r.ReadByte();
                var representation = CoreTypeParser.ReadValueType(r);
                uint? destructor = r.ReadOptionalPresent("destructor") ? r.ReadU32() : null;
                return new ResourceType(representation, destructor);
            default:
                return ReadValueType(r);
        }
    }

    private static FunctionType ReadFunctionType(WasmReader r)
    {
        var isAsync = r.ReadByte() == 0x43;
        var parameters = ReadLabeledTypes(r);
        return new FunctionType(isAsync, parameters, ReadResultList(r));
    }

    /// <summary>Reads a <c>resultlist</c>: <c>0x00 t</c> or <c>0x01 0x00</c>.</summary>
    public static ValueTypeReference? ReadResultList(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
                return ReadValueTypeReference(r);
            case 0x01:
                var empty = r.ReadByte();
                if (empty != 0x00)
                {
                    throw r.Error($"invalid result list: named results (count {empty}) are not supported", start + 1);
                }

                return null;
            default:
                throw r.Error($"invalid result list 0x{kind:x2}", start);
        }
    }

    private static List<LabeledValueType> ReadLabeledTypes(WasmReader r)
    {
        var count = r.ReadCount(2);
        var list = new List<LabeledValueType>(count);
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadName();
            list.Add(new LabeledValueType(name, ReadValueTypeReference(r)));
        }

        return list;
    }

    private static List<string> ReadLabels(WasmReader r)
    {
        var count = r.ReadCount();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(r.ReadName());
        }

        return list;
    }

    /// <summary>Binary.md's side conditions on defined value types (non-empty records, at most 32 flags, …).</summary>
    private static void Require(WasmReader r, bool condition, string message, int start)
    {
        if (!condition)
        {
            throw r.Error(message, start);
        }
    }

    private static ValueTypeReference? ReadOptionalValueType(WasmReader r, string what) =>
        r.ReadOptionalPresent(what) ? ReadValueTypeReference(r) : null;

    private static DefinedValueType ReadValueType(WasmReader r)
    {
        var start = r.Position;
        var opcode = r.ReadByte();
        if (PrimitiveTypeExtensions.TryDecode(opcode, out var primitive))
        {
            return new PrimitiveValueType(primitive);
        }

        switch (opcode)
        {
            case 0x72:
                var fields = ReadLabeledTypes(r);
                Require(r, fields.Count > 0, "a record type must have at least one field", start);
                return new RecordType(fields);
            case 0x71:
                var count = r.ReadCount(3);
                Require(r, count > 0, "a variant type must have at least one case", start);
                var cases = new List<VariantCase>(count);
                for (var i = 0; i < count; i++)
                {
                    var name = r.ReadName();
                    var type = ReadOptionalValueType(r, "case type");
                    var refinesStart = r.Position;
                    var refines = r.ReadByte();
                    if (refines != 0x00)
                    {
                        throw r.Error($"invalid variant case terminator 0x{refines:x2} (refinements are not supported)", refinesStart);
                    }

                    cases.Add(new VariantCase(name, type));
                }

                return new VariantType(cases);
            case 0x70:
                return new ListType(ReadValueTypeReference(r));
            case 0x67:
                var element = ReadValueTypeReference(r);
                var length = r.ReadU32();
                Require(r, length > 0, "a fixed-length list type must have a length greater than zero", start);
                return new FixedSizeListType(element, length);
            case 0x6f:
                var tupleCount = r.ReadCount();
                Require(r, tupleCount > 0, "a tuple type must have at least one element", start);
                var types = new List<ValueTypeReference>(tupleCount);
                for (var i = 0; i < tupleCount; i++)
                {
                    types.Add(ReadValueTypeReference(r));
                }

                return new TupleType(types);
            case 0x6e:
                var flags = ReadLabels(r);
                Require(r, flags.Count is > 0 and <= 32, $"a flags type must have between 1 and 32 flags, not {flags.Count}", start);
                return new FlagsType(flags);
            case 0x6d:
                var labels = ReadLabels(r);
                Require(r, labels.Count > 0, "an enum type must have at least one case", start);
                return new EnumType(labels);
            case 0x6b:
                return new OptionType(ReadValueTypeReference(r));
            case 0x6a:
                var ok = ReadOptionalValueType(r, "result type");
                return new ResultType(ok, ReadOptionalValueType(r, "error type"));
            case 0x69:
                return new OwnType(r.ReadU32());
            case 0x68:
                return new BorrowType(r.ReadU32());
            case 0x66:
                return new StreamType(ReadOptionalValueType(r, "stream element type"));
            case 0x65:
                return new FutureType(ReadOptionalValueType(r, "future payload type"));
            case 0x63:
                var key = ReadValueTypeReference(r);
                return new MapType(key, ReadValueTypeReference(r));
            default:
                throw r.Error($"invalid type opcode 0x{opcode:x2}", start);
        }
    }

    /// <summary>Reads a <c>valtype</c>: a primitive type byte or a non-negative s33 type index.</summary>
    public static ValueTypeReference ReadValueTypeReference(WasmReader r)
    {
        var start = r.Position;
        var b = r.PeekByte();
        if (PrimitiveTypeExtensions.TryDecode(b, out var primitive))
        {
            r.ReadByte();
            return ValueTypeReference.FromPrimitive(primitive);
        }

        var index = r.ReadSigned(33);
        if (index < 0 || index > uint.MaxValue)
        {
            throw r.Error($"invalid value type 0x{b:x2}", start);
        }

        return ValueTypeReference.FromIndex((uint)index);
    }

    private static (List<Declaration> Declarations, IndexSpaces Spaces) ReadDeclarations(WasmReader r, int depth, int start, bool allowImports)
    {
        NestingGuard.Check(r, depth, start);
        var count = r.ReadCount();
        var declarations = new List<Declaration>(count);
        var spaces = new IndexSpaces();
        for (var i = 0; i < count; i++)
        {
            var declStart = r.Position;
            var kind = r.ReadByte();
            Declaration declaration = kind switch
            {
                0x00 => new CoreTypeDeclaration(CoreTypeParser.ReadCoreType(r, depth)),
                0x01 => new TypeDeclaration(ReadDefinedType(r, depth)),
                0x02 => new AliasDeclaration(SortParser.ReadAlias(r)),
                0x03 when allowImports => new ImportDeclaration(ExternParser.ReadName(r), ExternParser.ReadExternType(r)),
                0x04 => new ExportDeclaration(ExternParser.ReadName(r), ExternParser.ReadExternType(r)),
                _ => throw r.Error(
                    $"invalid {(allowImports ? "component" : "instance")} type declaration 0x{kind:x2}", declStart),
            };
            declaration = declaration with { Offset = declStart };
            declarations.Add(declaration);
            spaces.Add(declaration, r);
        }

        return (declarations, spaces);
    }
}
