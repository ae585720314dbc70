using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Reads what a component needs to know of an embedded core module without compiling it: the types of its
/// imports and exports (type, import, function, table, memory, tag, global and export sections; the code and
/// data that follow are not read). The result is kept per module definition.
/// </summary>
internal static class CoreModuleReader
{
    private static readonly ConditionalWeakTable<CoreModuleItem, Result> Cache = new();

    /// <summary>
    /// The imports and exports of <paramref name="module"/>, or null when its sections cannot be read (the
    /// module is then malformed, which core validation reports).
    /// </summary>
    public static CoreModuleShape? Read(CoreModuleItem module) =>
        Cache.GetValue(module, static m => new Result(TryRead(m.Bytes))).Shape;

    private static CoreModuleShape? TryRead(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return ReadShape(bytes);
        }
        catch (ComponentFormatException)
        {
            return null;
        }
    }

    private static CoreModuleShape? ReadShape(ReadOnlyMemory<byte> bytes)
    {
        var r = new WasmReader(bytes, 8, bytes.Length, "core module");
        var types = new List<CoreSubType>();
        var imports = new List<CoreImport>();
        var functions = new List<CoreEntity>();
        var tables = new List<CoreEntity>();
        var memories = new List<CoreEntity>();
        var globals = new List<CoreEntity>();
        var tags = new List<CoreEntity>();
        var exports = new Dictionary<string, CoreEntity>(StringComparer.Ordinal);
        while (!r.AtEnd)
        {
            var id = r.ReadByte();
            var s = r.ReadSubReader("section");
            switch (id)
            {
                case 1:
                    ReadTypes(s, types);
                    break;
                case 2:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        var moduleName = s.ReadName();
                        var name = s.ReadName();
                        var entity = Entity(CoreTypeParser.ReadExternType(s), types);
                        imports.Add(new CoreImport(moduleName, name, entity));
                        SpaceOf(entity.Sort, functions, tables, memories, globals, tags).Add(entity);
                    }

                    break;
                case 3:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        functions.Add(new CoreEntity(Sort.CoreFunction, Signature(s.ReadU32(), types)));
                    }

                    break;
                case 4:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        var withInitializer = s.PeekByte() == 0x40;
                        if (withInitializer)
                        {
                            s.ReadByte();
                            s.ReadByte();
                        }

                        var element = CoreTypeParser.ReadReferenceType(s);
                        tables.Add(new CoreEntity(Sort.CoreTable, Type: new CoreTableExternType(element, CoreTypeParser.ReadLimits(s))));
                        if (withInitializer && !SkipConstantExpression(s))
                        {
                            return null;
                        }
                    }

                    break;
                case 5:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        memories.Add(new CoreEntity(Sort.CoreMemory, Type: new CoreMemoryExternType(CoreTypeParser.ReadLimits(s))));
                    }

                    break;
                case 13:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        s.ReadByte();
                        tags.Add(new CoreEntity(Sort.CoreTag, Signature(s.ReadU32(), types)));
                    }

                    break;
                case 6:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        var type = CoreTypeParser.ReadValueType(s);
                        var flags = s.ReadByte();
                        globals.Add(new CoreEntity(Sort.CoreGlobal, Type: new CoreGlobalExternType(type, (flags & 1) != 0, (flags & 2) != 0)));
                        if (!SkipConstantExpression(s))
                        {
                            return null;
                        }
                    }

                    break;
                case 7:
                    for (var count = s.ReadCount(); count > 0; count--)
                    {
                        var name = s.ReadName();
                        var kind = s.ReadByte();
                        var index = s.ReadU32();
                        var space = kind switch
                        {
                            0 => functions,
                            1 => tables,
                            2 => memories,
                            3 => globals,
                            4 => tags,
                            _ => null,
                        };
                        if (space is null || index >= (uint)space.Count)
                        {
                            return null;
                        }

                        exports.TryAdd(name, space[(int)index]);
                    }

                    // Nothing after the export section changes the module's imports or exports.
                    return new CoreModuleShape(imports, exports);
            }
        }

        return new CoreModuleShape(imports, exports);
    }

    private static void ReadTypes(WasmReader s, List<CoreSubType> types)
    {
        for (var count = s.ReadCount(); count > 0; count--)
        {
            if (s.PeekByte() == 0x4e)
            {
                s.ReadByte();
                for (var members = s.ReadCount(); members > 0; members--)
                {
                    types.Add(CoreTypeParser.ReadSubType(s));
                }
            }
            else
            {
                types.Add(CoreTypeParser.ReadSubType(s));
            }
        }
    }

    private static List<CoreEntity> SpaceOf(Sort sort, List<CoreEntity> functions, List<CoreEntity> tables, List<CoreEntity> memories, List<CoreEntity> globals, List<CoreEntity> tags) => sort switch
    {
        Sort.CoreFunction => functions,
        Sort.CoreTable => tables,
        Sort.CoreMemory => memories,
        Sort.CoreGlobal => globals,
        _ => tags,
    };

    /// <summary>The entity an import or export of a module (or module type) describes, with function types looked up in <paramref name="types"/>.</summary>
    public static CoreEntity Entity(CoreExternType type, IReadOnlyList<CoreSubType?> types) => type switch
    {
        CoreFunctionExternType f => new CoreEntity(Sort.CoreFunction, Signature(f.TypeIndex, types)),
        CoreTagExternType t => new CoreEntity(Sort.CoreTag, Signature(t.TypeIndex, types)),
        _ => new CoreEntity(type.Sort, Type: type),
    };

    private static CoreFunctionType? Signature(uint index, IReadOnlyList<CoreSubType?> types) =>
        index < (uint)types.Count && types[(int)index] is { Type: CoreFunctionType f } ? f : null;

    /// <summary>Skips a constant expression up to its <c>end</c>; false when it uses an instruction not known here.</summary>
    private static bool SkipConstantExpression(WasmReader s)
    {
        while (true)
        {
            var opcode = s.ReadByte();
            switch (opcode)
            {
                case 0x0b:
                    return true;
                case 0x41:
                    s.ReadSigned(32);
                    break;
                case 0x42:
                    s.ReadSigned(64);
                    break;
                case 0x43:
                    s.ReadBytes(4);
                    break;
                case 0x44:
                    s.ReadBytes(8);
                    break;
                case 0x23:
                case 0xd2:
                    s.ReadU32();
                    break;
                case 0xd0:
                    CoreTypeParser.ReadHeapType(s);
                    break;
                case 0x6a or 0x6b or 0x6c or 0x7c or 0x7d or 0x7e:
                    break;
                case 0xfd:
                    if (s.ReadU32() != 12)
                    {
                        return false;
                    }

                    s.ReadBytes(16);
                    break;
                case 0xfb:
                    switch (s.ReadU32())
                    {
                        case 0 or 1 or 6 or 7:
                            s.ReadU32();
                            break;
                        case 8:
                            s.ReadU32();
                            s.ReadU32();
                            break;
                        case 0x1a or 0x1b or 0x1c:
                            break;
                        default:
                            return false;
                    }

                    break;
                default:
                    return false;
            }
        }
    }

    private sealed record Result(CoreModuleShape? Shape);
}
