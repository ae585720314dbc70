namespace WitBindgen.Runtime.Binary;

/// <summary>Reads <c>sort</c>, <c>core:sort</c> and alias encodings.</summary>
internal static class SortParser
{
    /// <summary>Reads a <c>core:sort</c> byte.</summary>
    public static Sort ReadCoreSort(WasmReader r)
    {
        var start = r.Position;
        var b = r.ReadByte();
        return b switch
        {
            0x00 => Sort.CoreFunction,
            0x01 => Sort.CoreTable,
            0x02 => Sort.CoreMemory,
            0x03 => Sort.CoreGlobal,
            0x04 => Sort.CoreTag,
            0x10 => Sort.CoreType,
            0x11 => Sort.CoreModule,
            0x12 => Sort.CoreInstance,
            _ => throw r.Error($"invalid core sort 0x{b:x2}", start),
        };
    }

    /// <summary>Reads a <c>sort</c>: <c>0x00 core:sort</c> or a component sort byte.</summary>
    public static Sort ReadSort(WasmReader r)
    {
        var start = r.Position;
        var b = r.ReadByte();
        return b switch
        {
            0x00 => ReadCoreSort(r),
            0x01 => Sort.Function,
            0x02 => Sort.Value,
            0x03 => Sort.Type,
            0x04 => Sort.Component,
            0x05 => Sort.Instance,
            _ => throw r.Error($"invalid sort 0x{b:x2}", start),
        };
    }

    /// <summary>Reads an <c>alias</c>.</summary>
    public static Alias ReadAlias(WasmReader r)
    {
        var sortStart = r.Position;
        var sort = ReadSort(r);
        var targetStart = r.Position;
        var target = r.ReadByte();
        switch (target)
        {
            case 0x00:
                var instance = r.ReadU32();
                return new InstanceExportAlias(sort, instance, r.ReadName());
            case 0x01:
                if (!sort.IsCore())
                {
                    throw r.Error($"core export alias of the non-core sort {sort.ToText()}", targetStart);
                }

                var coreInstance = r.ReadU32();
                return new CoreInstanceExportAlias(sort, coreInstance, r.ReadName());
            case 0x02:
                if (sort is not (Sort.CoreModule or Sort.CoreType or Sort.Component or Sort.Type))
                {
                    // outeraliassort: only core module, core type, component and type can be aliased from an outer scope.
                    var kindOffset = sort.IsCore() ? sortStart + 1 : sortStart;
                    throw r.Error($"invalid leading byte (0x{r.Data.Span[kindOffset]:x}) for component outer alias kind: {sort.ToText()} definitions cannot be aliased from an outer scope", kindOffset);
                }

                var count = r.ReadU32();
                return new OuterAlias(sort, count, r.ReadU32());
            default:
                throw r.Error($"invalid alias target 0x{target:x2}", targetStart);
        }
    }
}
