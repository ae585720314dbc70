using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// What every instantiation of one component definition places where, worked out once per definition: for each
/// definition, the index space entries it adds, and the length of each index space. A <see cref="Frame"/> then holds
/// its values in one array per index space.
/// </summary>
internal sealed class FramePlan
{
    private static readonly ConditionalWeakTable<ComponentDefinition, FramePlan> Plans = new();

    private readonly Dictionary<Definition, IndexSpaceEntry[]> _placements = new(ReferenceEqualityComparer.Instance);

    private FramePlan(ComponentDefinition definition)
    {
        var sorts = Enum.GetValues<Sort>();
        Lengths = new int[sorts.Max(s => (int)s) + 1];
        var placements = new Dictionary<Definition, List<IndexSpaceEntry>>(ReferenceEqualityComparer.Instance);
        foreach (var sort in sorts)
        {
            foreach (var entry in definition.IndexSpaces[sort])
            {
                if (!placements.TryGetValue(entry.Source, out var list))
                {
                    placements[entry.Source] = list = new List<IndexSpaceEntry>();
                }

                list.Add(entry);
                Lengths[(int)sort] = Math.Max(Lengths[(int)sort], checked((int)entry.Index + 1));
            }
        }

        foreach (var (source, entries) in placements)
        {
            _placements[source] = entries.ToArray();
        }
    }

    /// <summary>The length of each index space, by <see cref="Sort"/>.</summary>
    public int[] Lengths { get; }

    /// <summary>The plan of <paramref name="definition"/>, made on its first instantiation.</summary>
    public static FramePlan For(ComponentDefinition definition) => Plans.GetValue(definition, static d => new FramePlan(d));

    /// <summary>The index space entries <paramref name="definition"/> adds; empty when it adds none.</summary>
    public IndexSpaceEntry[] Placements(Definition definition) => _placements.GetValueOrDefault(definition) ?? [];
}
