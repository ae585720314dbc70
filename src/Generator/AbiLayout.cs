using WitBindgen.Generator.Specs;
using WitBindgen.Shared;

namespace WitBindgen.Generator;

/// <summary>The shared layout rules (<see cref="ProductLayout"/>) over shapes, for the bindings writer's spilled parameter lists.</summary>
internal static class AbiLayout
{
    /// <summary>The layout of a record or tuple of <paramref name="parts"/> (also a spilled parameter list): each part's offset, the size and the alignment.</summary>
    public static (int[] Offsets, int Size, int Align) Product(IEnumerable<ShapeSpec> parts)
    {
        var layout = new ProductLayout();
        var offsets = new List<int>();
        foreach (var part in parts)
        {
            offsets.Add((int)layout.Add(part.Size, part.Align));
        }

        return (offsets.ToArray(), (int)layout.Size, layout.Alignment);
    }
}
