namespace WitBindgen.Shared;

/// <summary>
/// The layout of a <c>variant</c> (CanonicalABI.md; <c>enum</c>, <c>option</c> and <c>result</c> despecialise to one),
/// built case by case: the discriminant, then the payload at the discriminant's end aligned to the widest payload;
/// the variant is aligned to the wider of the discriminant and the payloads and sized to hold the largest payload.
/// </summary>
internal struct VariantLayout
{
    private long _payloadSize;
    private int _payloadAlignment;

    /// <summary>Starts the layout of a variant of <paramref name="caseCount"/> cases.</summary>
    public VariantLayout(long caseCount)
    {
        DiscriminantSize = CanonicalLayout.DiscriminantSize(caseCount);
    }

    /// <summary>The byte size and alignment of the discriminant.</summary>
    public int DiscriminantSize { get; }

    /// <summary>Accounts for a case payload of <paramref name="size"/> bytes and <paramref name="alignment"/> (cases without one add nothing).</summary>
    public void AddPayload(long size, int alignment)
    {
        _payloadSize = Math.Max(_payloadSize, size);
        _payloadAlignment = Math.Max(_payloadAlignment, alignment);
    }

    /// <summary>The offset of every case's payload: the end of the discriminant, aligned to the widest payload.</summary>
    public readonly long PayloadOffset => CanonicalLayout.AlignTo(DiscriminantSize, Math.Max(_payloadAlignment, 1));

    /// <summary>The alignment of the variant: the wider of the discriminant and the payloads.</summary>
    public readonly int Alignment => Math.Max(DiscriminantSize, _payloadAlignment);

    /// <summary>The size of the variant (<c>elem_size</c>): past the largest payload, rounded up to <see cref="Alignment"/>.</summary>
    public readonly long Size => CanonicalLayout.AlignTo(PayloadOffset + _payloadSize, Alignment);
}
