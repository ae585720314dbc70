using WitBindgen.Runtime.Binary;

namespace WitBindgen.Cli.Inspect;

/// <summary>A core module of a component (nested components' included), with its custom sections.</summary>
/// <param name="Path">Where it is: <c>module 0</c>, or <c>component 1 / module 0</c> inside a nested component.</param>
/// <param name="Offset">Byte offset of the module in the component binary.</param>
/// <param name="Bytes">The module's binary.</param>
internal sealed record CoreModuleInfo(string Path, int Offset, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The module's custom sections: name, contents and offset in the component binary.</summary>
    public List<(string Name, ReadOnlyMemory<byte> Data, int Offset)> CustomSections()
    {
        var sections = new List<(string, ReadOnlyMemory<byte>, int)>();
        var span = Bytes.Span;
        var position = 8; // magic and version
        while (position < span.Length)
        {
            var id = span[position++];
            if (!TryReadU32(span, ref position, out var size) || size > (uint)(span.Length - position))
            {
                break;
            }

            var end = position + (int)size;
            var start = position;
            if (id == 0 && TryReadU32(span, ref start, out var nameLength) && nameLength <= (uint)(end - start))
            {
                var name = System.Text.Encoding.UTF8.GetString(span.Slice(start, (int)nameLength));
                var dataStart = start + (int)nameLength;
                sections.Add((name, Bytes[dataStart..end], Offset + dataStart));
            }

            position = end;
        }

        return sections;
    }

    /// <summary>Every core module of <paramref name="component"/>, in order, nested components' in place.</summary>
    public static List<CoreModuleInfo> All(ComponentDefinition component)
    {
        var modules = new List<CoreModuleInfo>();
        Collect(component, "", modules);
        return modules;
    }

    private static void Collect(ComponentDefinition component, string prefix, List<CoreModuleInfo> modules)
    {
        int moduleIndex = 0, componentIndex = 0;
        foreach (var item in component.Items)
        {
            switch (item)
            {
                case CoreModuleItem module:
                    modules.Add(new CoreModuleInfo($"{prefix}module {moduleIndex++}", module.Offset, module.Bytes));
                    break;
                case NestedComponentItem nested:
                    Collect(nested.Component, $"{prefix}component {componentIndex++} / ", modules);
                    break;
            }
        }
    }

    private static bool TryReadU32(ReadOnlySpan<byte> span, ref int position, out uint value)
    {
        value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= span.Length)
            {
                return false;
            }

            var b = span[position++];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
