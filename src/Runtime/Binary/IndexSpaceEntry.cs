namespace WitBindgen.Runtime.Binary;

/// <summary>Where one index of an index space came from.</summary>
/// <param name="Sort">The index space.</param>
/// <param name="Index">The index in that space.</param>
/// <param name="Source">The definition that added the index.</param>
/// <param name="Position">
/// Which of the source's contributions this is: the member of a core recursion group, or the result of
/// a start function; 0 for definitions that add a single index.
/// </param>
internal sealed record IndexSpaceEntry(Sort Sort, uint Index, Definition Source, int Position)
{
    /// <summary>A short, human-readable description of the origin, e.g. <c>canon lower of func 3</c>.</summary>
    public string Describe() => Source switch
    {
        StartItem => $"result {Position} of {Source.Describe()}",
        CoreTypeItem or CoreTypeDeclaration when Position > 0 => $"member {Position} of {Source.Describe()}",
        _ => Source.Describe(),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Sort.ToText()} {Index}: {Describe()}";
}
