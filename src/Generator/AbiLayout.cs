using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator;

/// <summary>CanonicalABI.md's memory layout arithmetic, shared by the shape builder and the bindings writer.</summary>
internal static class AbiLayout
{
    /// <summary><c>align_to</c>: <paramref name="offset"/> rounded up to a multiple of <paramref name="alignment"/>.</summary>
    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>The layout of a record or tuple of <paramref name="parts"/> (also a spilled parameter list): each part's offset, the size and the alignment.</summary>
    public static (int[] Offsets, int Size, int Align) Product(IEnumerable<ShapeSpec> parts)
    {
        var offsets = new List<int>();
        var offset = 0;
        var align = 1;
        foreach (var part in parts)
        {
            offset = AlignTo(offset, part.Align);
            offsets.Add(offset);
            offset += part.Size;
            align = Math.Max(align, part.Align);
        }

        return (offsets.ToArray(), AlignTo(offset, align), align);
    }
}
