namespace WitBindgen.Runtime.Binary;

/// <summary>Reads core types (<c>core:type</c>), core value types and the parts of core module types.</summary>
internal static class CoreTypeParser
{
    /// <summary>Reads a <c>core:type</c> of a component or module type: a recursion group, a subtype or a module type.</summary>
    public static CoreType ReadCoreType(WasmReader r, int depth)
    {
        var start = r.Position;
        switch (r.PeekByte())
        {
            case 0x50:
                r.ReadByte();
                return ReadModuleType(r, depth + 1, start);
            case 0x00:
                r.ReadByte();
                var next = r.ReadByte();
                if (next != 0x50)
                {
                    throw r.Error($"invalid core type: 0x00 must be followed by 0x50, not 0x{next:x2}", start);
                }

                return new CoreRecursiveType([ReadSubTypeBody(r, isFinal: false)]);
            case 0x4e:
                r.ReadByte();
                var count = r.ReadCount();
                var members = new List<CoreSubType>(count);
                for (var i = 0; i < count; i++)
                {
                    members.Add(ReadSubType(r));
                }

                return new CoreRecursiveType(members);
            default:
                return new CoreRecursiveType([ReadSubType(r)]);
        }
    }

    /// <summary>Reads a core <c>subtype</c> as core WebAssembly encodes it (0x50 is a non-final subtype here).</summary>
    internal static CoreSubType ReadSubType(WasmReader r)
    {
        switch (r.PeekByte())
        {
            case 0x50:
                r.ReadByte();
                return ReadSubTypeBody(r, isFinal: false);
            case 0x4f:
                r.ReadByte();
                return ReadSubTypeBody(r, isFinal: true);
            default:
                return new CoreSubType(true, [], ReadCompositeType(r));
        }
    }

    private static CoreSubType ReadSubTypeBody(WasmReader r, bool isFinal)
    {
        var count = r.ReadCount();
        var supers = new List<uint>(count);
        for (var i = 0; i < count; i++)
        {
            supers.Add(r.ReadU32());
        }

        return new CoreSubType(isFinal, supers, ReadCompositeType(r));
    }

    private static CoreCompositeType ReadCompositeType(WasmReader r)
    {
        var start = r.Position;
        var opcode = r.ReadByte();
        switch (opcode)
        {
            case 0x60:
                var parameters = ReadValueTypes(r);
                var results = ReadValueTypes(r);
                return new CoreFunctionType(parameters, results);
            case 0x5f:
                var count = r.ReadCount(2);
                var fields = new List<CoreFieldType>(count);
                for (var i = 0; i < count; i++)
                {
                    fields.Add(ReadFieldType(r));
                }

                return new CoreStructType(fields);
            case 0x5e:
                return new CoreArrayType(ReadFieldType(r));
            default:
                throw r.Error($"invalid core type opcode 0x{opcode:x2}", start);
        }
    }

    private static CoreFieldType ReadFieldType(WasmReader r)
    {
        CoreStorageType storage;
        switch (r.PeekByte())
        {
            case 0x78:
                r.ReadByte();
                storage = new CoreStorageType(8, default);
                break;
            case 0x77:
                r.ReadByte();
                storage = new CoreStorageType(16, default);
                break;
            default:
                storage = new CoreStorageType(0, ReadValueType(r));
                break;
        }

        return new CoreFieldType(storage, r.ReadFlag("field mutability"));
    }

    private static List<CoreValueType> ReadValueTypes(WasmReader r)
    {
        var count = r.ReadCount();
        var types = new List<CoreValueType>(count);
        for (var i = 0; i < count; i++)
        {
            types.Add(ReadValueType(r));
        }

        return types;
    }

    /// <summary>Reads a core <c>valtype</c>.</summary>
    public static CoreValueType ReadValueType(WasmReader r)
    {
        var start = r.Position;
        switch (r.PeekByte())
        {
            case 0x7f:
                r.ReadByte();
                return CoreValueType.I32;
            case 0x7e:
                r.ReadByte();
                return CoreValueType.I64;
            case 0x7d:
                r.ReadByte();
                return CoreValueType.F32;
            case 0x7c:
                r.ReadByte();
                return CoreValueType.F64;
            case 0x7b:
                r.ReadByte();
                return CoreValueType.V128;
            default:
                if (TryReadReferenceType(r, out var reference))
                {
                    return CoreValueType.FromReference(reference);
                }

                throw r.Error($"invalid core value type 0x{r.PeekByte():x2}", start);
        }
    }

    /// <summary>Reads a core <c>reftype</c>.</summary>
    public static CoreReferenceType ReadReferenceType(WasmReader r)
    {
        var start = r.Position;
        if (TryReadReferenceType(r, out var reference))
        {
            return reference;
        }

        throw r.Error($"invalid core reference type 0x{r.PeekByte():x2}", start);
    }

    private static bool TryReadReferenceType(WasmReader r, out CoreReferenceType reference)
    {
        var b = r.PeekByte();
        if (b is 0x63 or 0x64)
        {
            r.ReadByte();
            reference = new CoreReferenceType(b == 0x63, ReadHeapType(r));
            return true;
        }

        if (TryDecodeAbstractHeapType(b, out var heap))
        {
            // The abbreviations funcref, externref, ... are nullable references to abstract heap types.
            r.ReadByte();
            reference = new CoreReferenceType(true, new CoreHeapType(heap, 0, false));
            return true;
        }

        reference = default;
        return false;
    }

    /// <summary>Reads a core <c>heaptype</c>.</summary>
    internal static CoreHeapType ReadHeapType(WasmReader r)
    {
        var start = r.Position;
        var b = r.PeekByte();
        if (b == 0x65)
        {
            r.ReadByte();
            var shared = r.ReadByte();
            if (!TryDecodeAbstractHeapType(shared, out var sharedHeap))
            {
                throw r.Error($"invalid shared heap type 0x{shared:x2}", start);
            }

            return new CoreHeapType(sharedHeap, 0, true);
        }

        if (TryDecodeAbstractHeapType(b, out var heap))
        {
            r.ReadByte();
            return new CoreHeapType(heap, 0, false);
        }

        var index = r.ReadSigned(33);
        if (index < 0 || index > uint.MaxValue)
        {
            throw r.Error($"invalid heap type 0x{b:x2}", start);
        }

        return new CoreHeapType(null, (uint)index, false);
    }

    private static bool TryDecodeAbstractHeapType(byte b, out CoreAbstractHeapType heap)
    {
        heap = b switch
        {
            0x70 => CoreAbstractHeapType.Func,
            0x6f => CoreAbstractHeapType.Extern,
            0x6e => CoreAbstractHeapType.Any,
            0x6d => CoreAbstractHeapType.Eq,
            0x6c => CoreAbstractHeapType.I31,
            0x6b => CoreAbstractHeapType.Struct,
            0x6a => CoreAbstractHeapType.Array,
            0x69 => CoreAbstractHeapType.Exn,
            0x68 => CoreAbstractHeapType.Cont,
            0x71 => CoreAbstractHeapType.None,
            0x72 => CoreAbstractHeapType.NoExtern,
            0x73 => CoreAbstractHeapType.NoFunc,
            0x74 => CoreAbstractHeapType.NoExn,
            0x75 => CoreAbstractHeapType.NoCont,
            _ => (CoreAbstractHeapType)(-1),
        };
        return (int)heap >= 0;
    }

    private static CoreModuleType ReadModuleType(WasmReader r, int depth, int start)
    {
        NestingGuard.Check(r, depth, start);
        var count = r.ReadCount();
        var declarations = new List<CoreModuleDeclaration>(count);
        for (var i = 0; i < count; i++)
        {
            var declStart = r.Position;
            var kind = r.ReadByte();
            switch (kind)
            {
                case 0x00:
                    var module = r.ReadName();
                    var name = r.ReadName();
                    declarations.Add(new CoreModuleImport(module, name, ReadExternType(r)));
                    break;
                case 0x01:
                    declarations.Add(new CoreModuleTypeDefinition(ReadCoreType(r, depth)));
                    break;
                case 0x02:
                    var sort = r.ReadByte();
                    var aliasKind = r.ReadByte();
                    if (sort != 0x10 || aliasKind != 0x01)
                    {
                        throw r.Error($"invalid core alias declaration 0x{sort:x2} 0x{aliasKind:x2} (only outer type aliases are allowed)", declStart + 1);
                    }

                    var outerCount = r.ReadU32();
                    declarations.Add(new CoreModuleOuterAlias(outerCount, r.ReadU32()));
                    break;
                case 0x03:
                    var exportName = r.ReadName();
                    declarations.Add(new CoreModuleExport(exportName, ReadExternType(r)));
                    break;
                default:
                    throw r.Error($"invalid module type declaration 0x{kind:x2}", declStart);
            }
        }

        return new CoreModuleType(declarations);
    }

    /// <summary>Reads a core <c>externtype</c> (an import description of a core module or module type).</summary>
    internal static CoreExternType ReadExternType(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
                return new CoreFunctionExternType(r.ReadU32());
            case 0x01:
                var element = ReadReferenceType(r);
                return new CoreTableExternType(element, ReadLimits(r));
            case 0x02:
                return new CoreMemoryExternType(ReadLimits(r));
            case 0x03:
                var type = ReadValueType(r);
                var flagsStart = r.Position;
                var flags = r.ReadByte();
                if (flags > 0x03)
                {
                    throw r.Error($"invalid global type flags 0x{flags:x2}", flagsStart);
                }

                return new CoreGlobalExternType(type, (flags & 1) != 0, (flags & 2) != 0);
            case 0x04:
                var attribute = r.ReadByte();
                if (attribute != 0x00)
                {
                    throw r.Error($"invalid tag attribute 0x{attribute:x2}", start + 1);
                }

                return new CoreTagExternType(r.ReadU32());
            default:
                throw r.Error($"invalid core extern type 0x{kind:x2}", start);
        }
    }

    /// <summary>Reads core <c>limits</c> of a table or memory.</summary>
    internal static CoreLimits ReadLimits(WasmReader r)
    {
        var start = r.Position;
        var flags = r.ReadByte();
        if (flags > 0x0f)
        {
            throw r.Error($"invalid limits flags 0x{flags:x2}", start);
        }

        var is64 = (flags & 0x04) != 0;
        var minimum = is64 ? r.ReadU64() : r.ReadU32();
        ulong? maximum = (flags & 0x01) != 0 ? (is64 ? r.ReadU64() : r.ReadU32()) : null;
        uint? pageSize = (flags & 0x08) != 0 ? r.ReadU32() : null;
        return new CoreLimits(minimum, maximum, (flags & 0x02) != 0, is64, pageSize);
    }
}
