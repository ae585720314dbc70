using WitBindgen.Runtime.Binary;

namespace WitBindgen.Composition.Encoder;

/// <summary>The binary encodings of sorts (<c>sort</c> and <c>core:sort</c>, Binary.md) and of the plan's item kinds.</summary>
internal static class SortCodes
{
    /// <summary>Writes <c>sort</c>: <c>0x00 core:sort</c> for a core sort, else its one-byte code.</summary>
    public static ByteWriter Sort(this ByteWriter w, Sort sort) => sort switch
    {
        Runtime.Binary.Sort.CoreFunction => w.Byte(0x00).Byte(0x00),
        Runtime.Binary.Sort.CoreTable => w.Byte(0x00).Byte(0x01),
        Runtime.Binary.Sort.CoreMemory => w.Byte(0x00).Byte(0x02),
        Runtime.Binary.Sort.CoreGlobal => w.Byte(0x00).Byte(0x03),
        Runtime.Binary.Sort.CoreTag => w.Byte(0x00).Byte(0x04),
        Runtime.Binary.Sort.CoreType => w.Byte(0x00).Byte(0x10),
        Runtime.Binary.Sort.CoreModule => w.Byte(0x00).Byte(0x11),
        Runtime.Binary.Sort.CoreInstance => w.Byte(0x00).Byte(0x12),
        Runtime.Binary.Sort.Function => w.Byte(0x01),
        Runtime.Binary.Sort.Value => w.Byte(0x02),
        Runtime.Binary.Sort.Type => w.Byte(0x03),
        Runtime.Binary.Sort.Component => w.Byte(0x04),
        Runtime.Binary.Sort.Instance => w.Byte(0x05),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    /// <summary>The sort of a plan item of <paramref name="kind"/>.</summary>
    public static Sort ToSort(this PackageItemKind kind) => kind switch
    {
        PackageItemKind.Function => Runtime.Binary.Sort.Function,
        PackageItemKind.Instance => Runtime.Binary.Sort.Instance,
        PackageItemKind.Type => Runtime.Binary.Sort.Type,
        PackageItemKind.Component => Runtime.Binary.Sort.Component,
        PackageItemKind.Module => Runtime.Binary.Sort.CoreModule,
        PackageItemKind.Value => Runtime.Binary.Sort.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
