namespace WitBindgen.Runtime.Binary;

/// <summary>Reads import and export names (<c>nameattributes</c>) and types (<c>externtype</c>).</summary>
internal static class ExternParser
{
    /// <summary>Reads <c>nameattributes</c>.</summary>
    public static ExternName ReadName(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
            case 0x01:
                return new ExternName(r.ReadName());
            case 0x02:
                var name = new ExternName(r.ReadName());
                string? implements = null, versionSuffix = null, externalId = null;
                var count = r.ReadCount();
                for (var i = 0; i < count; i++)
                {
                    var attributeStart = r.Position;
                    var attribute = r.ReadByte();
                    switch (attribute)
                    {
                        case 0x00:
                            implements = Once(r, implements, r.ReadName(), "implements", attributeStart);
                            break;
                        case 0x01:
                            versionSuffix = Once(r, versionSuffix, r.ReadName(), "versionsuffix", attributeStart);
                            break;
                        case 0x02:
                            externalId = Once(r, externalId, r.ReadName(), "external-id", attributeStart);
                            break;
                        default:
                            throw r.Error($"invalid import/export attribute 0x{attribute:x2}", attributeStart);
                    }
                }

                return name with { Implements = implements, VersionSuffix = versionSuffix, ExternalId = externalId };
            default:
                throw r.Error($"invalid import/export name kind 0x{kind:x2}", start);
        }
    }

    private static string Once(WasmReader r, string? previous, string value, string attribute, int offset) =>
        previous is null ? value : throw r.Error($"duplicate '{attribute}' attribute in name: each kind of attribute appears at most once", offset);

    /// <summary>Reads an <c>externtype</c>.</summary>
    public static ExternType ReadExternType(WasmReader r)
    {
        var start = r.Position;
        var kind = r.ReadByte();
        switch (kind)
        {
            case 0x00:
                var coreSortStart = r.Position;
                var coreSort = r.ReadByte();
                if (coreSort != 0x11)
                {
                    throw r.Error($"invalid core extern type 0x{coreSort:x2} (only core module is allowed)", coreSortStart);
                }

                return new CoreModuleExternType(r.ReadU32());
            case 0x01:
                return new FunctionExternType(r.ReadU32());
            case 0x02:
                var boundStart = r.Position;
                if (PrimitiveTypeExtensions.TryDecode(r.PeekByte(), out _))
                {
                    // The older encoding (still produced by the bundled text parser) has a bare valtype here;
                    // a primitive type byte cannot start a valuebound, so it is unambiguous.
                    return new ValueExternType(new ValueBound(null, TypeParser.ReadValueTypeReference(r)));
                }

                var valueBound = r.ReadByte();
                return valueBound switch
                {
                    0x00 => new ValueExternType(new ValueBound(r.ReadU32(), null)),
                    0x01 => new ValueExternType(new ValueBound(null, TypeParser.ReadValueTypeReference(r))),
                    _ => throw r.Error($"invalid value bound 0x{valueBound:x2}", boundStart),
                };
            case 0x03:
                var typeBoundStart = r.Position;
                var typeBound = r.ReadByte();
                return typeBound switch
                {
                    0x00 => new TypeExternType(new TypeBound(r.ReadU32())),
                    0x01 => new TypeExternType(TypeBound.SubResource),
                    _ => throw r.Error($"invalid type bound 0x{typeBound:x2}", typeBoundStart),
                };
            case 0x04:
                return new ComponentExternType(r.ReadU32());
            case 0x05:
                return new InstanceExternType(r.ReadU32());
            default:
                throw r.Error($"invalid extern type 0x{kind:x2}", start);
        }
    }
}
