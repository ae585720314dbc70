namespace WitBindgen.Shared;

/// <summary>
/// The layout of a <c>record</c> (CanonicalABI.md; a <c>tuple</c> and a spilled parameter list despecialise to one),
/// built field by field: each field is aligned to its own alignment, the record to its widest field, and the size is
/// rounded up to that alignment.
/// </summary>
internal struct ProductLayout
{
    private long _end;
    private int _alignment;

    /// <summary>Places the next field of <paramref name="size"/> bytes and <paramref name="alignment"/> and returns its offset.</summary>
    public long Add(long size, int alignment)
    {
        var offset = CanonicalLayout.AlignTo(_end, alignment);
        _end = offset + size;
        _alignment = Math.Max(_alignment, alignment);
        return offset;
    }

    /// <summary>The alignment of the record so far: its widest field's, at least 1.</summary>
    public readonly int Alignment => Math.Max(_alignment, 1);

    /// <summary>The size of the record so far (<c>elem_size</c>): past its last field, rounded up to <see cref="Alignment"/>.</summary>
    public readonly long Size => CanonicalLayout.AlignTo(_end, Alignment);
}
