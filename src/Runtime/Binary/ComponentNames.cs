namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The contents of a <c>component-name</c> custom section: the component's own name and names of
/// definitions by sort and index (e.g. the <c>$ids</c> of the text format).
/// </summary>
/// <param name="ComponentName">The component's name, if given.</param>
/// <param name="Names">For each sort that has names, index to name.</param>
internal sealed record ComponentNames(string? ComponentName, IReadOnlyDictionary<Sort, IReadOnlyDictionary<uint, string>> Names)
{
    /// <summary>The name of index <paramref name="index"/> of <paramref name="sort"/>, or null.</summary>
    /// <param name="sort">The index space.</param>
    /// <param name="index">The index.</param>
    public string? Find(Sort sort, uint index) =>
        Names.TryGetValue(sort, out var map) && map.TryGetValue(index, out var name) ? name : null;
}
