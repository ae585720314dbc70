using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Cli.Inspect;

/// <summary>
/// The <c>producers</c> custom section (tool conventions): fields such as <c>language</c>, <c>processed-by</c> and
/// <c>sdk</c>, each a list of (name, version).
/// </summary>
internal static class ProducersSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "producers";

    /// <summary>Decodes a section's contents; a malformed section is a <see cref="ComponentFormatException"/>.</summary>
    public static IReadOnlyList<(string Field, IReadOnlyList<(string Name, string Version)> Values)> Read(ReadOnlyMemory<byte> data, int offset)
    {
        var reader = new WasmReader(data, 0, data.Length, "producers section");
        var fields = new List<(string, IReadOnlyList<(string, string)>)>();
        try
        {
            var count = reader.ReadCount();
            for (var i = 0; i < count; i++)
            {
                var field = reader.ReadName();
                var valueCount = reader.ReadCount();
                var values = new List<(string, string)>();
                for (var k = 0; k < valueCount; k++)
                {
                    values.Add((reader.ReadName(), reader.ReadName()));
                }

                fields.Add((field, values));
            }
        }
        catch (ComponentFormatException e)
        {
            throw new ComponentFormatException($"malformed producers section: {e.Reason}", offset + e.Offset);
        }

        return fields;
    }
}
