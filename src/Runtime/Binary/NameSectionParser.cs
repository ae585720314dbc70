namespace WitBindgen.Runtime.Binary;

/// <summary>
/// Reads a <c>component-name</c> custom section. As the format asks, a malformed name section is
/// ignored (null), never an error.
/// </summary>
internal static class NameSectionParser
{
    public const string SectionName = "component-name";

    public static ComponentNames? TryRead(ReadOnlyMemory<byte> data)
    {
        try
        {
            var r = new WasmReader(data, 0, data.Length, "name section");
            string? componentName = null;
            var names = new Dictionary<Sort, IReadOnlyDictionary<uint, string>>();
            while (!r.AtEnd)
            {
                var id = r.ReadByte();
                var sub = r.ReadSubReader("name subsection");
                switch (id)
                {
                    case 0:
                        componentName = sub.ReadName();
                        break;
                    case 1:
                        var sort = SortParser.ReadSort(sub);
                        var count = sub.ReadCount(2);
                        var map = new Dictionary<uint, string>(count);
                        for (var i = 0; i < count; i++)
                        {
                            var index = sub.ReadU32();
                            map[index] = sub.ReadName();
                        }

                        names[sort] = map;
                        break;
                    default:
                        continue;
                }

                sub.ExpectEnd();
            }

            return new ComponentNames(componentName, names);
        }
        catch (ComponentFormatException)
        {
            return null;
        }
    }
}
