using WitBindgen.Shared;

namespace WitBindgen.Runtime.Abi;

/// <summary>
/// Base of the types laid out as a discriminant followed by an optional case payload:
/// <see cref="AbiVariantType"/>, <see cref="AbiEnumType"/>, <see cref="AbiOptionType"/> and
/// <see cref="AbiResultType"/> (the latter three despecialise to variants).
/// </summary>
public abstract class AbiSumType : AbiType
{
    private readonly AbiType?[]? _payloads;

    private protected AbiSumType(AbiTypeKind kind, int caseCount, AbiType?[]? payloads)
        : this(kind, caseCount, payloads, Layout.Compute(caseCount, payloads))
    {
    }

    private AbiSumType(AbiTypeKind kind, int caseCount, AbiType?[]? payloads, Layout layout)
        : base(kind, layout.Size, layout.Alignment, layout.FlatCount, layout.Flat)
    {
        CaseCount = caseCount;
        _payloads = payloads;
        DiscriminantSize = layout.DiscriminantSize;
        PayloadOffset = layout.PayloadOffset;
        HasIndirection = layout.HasIndirection;
    }

    /// <summary>The number of cases; case indices run from 0 to <c>CaseCount - 1</c>.</summary>
    public int CaseCount { get; }

    /// <summary>Byte size of the discriminant in memory: 1, 2 or 4 (CanonicalABI.md <c>discriminant_type</c>).</summary>
    public int DiscriminantSize { get; }

    /// <summary>Byte offset of the payload from the start of the value (the discriminant aligned to the widest payload).</summary>
    public int PayloadOffset { get; }

    /// <inheritdoc/>
    public override bool HasIndirection { get; }

    /// <summary>The payload type of case <paramref name="caseIndex"/>, or null when the case carries no payload.</summary>
    public AbiType? GetCasePayload(int caseIndex)
    {
        if ((uint)caseIndex >= (uint)CaseCount)
        {
            throw new ArgumentOutOfRangeException(nameof(caseIndex), caseIndex, $"{this} has {CaseCount} cases.");
        }

        return _payloads?[caseIndex];
    }

    /// <summary>Payload of a case already known to be in range.</summary>
    internal AbiType? PayloadUnchecked(int caseIndex) => _payloads?[caseIndex];

    private sealed record Layout(
        int Size, int Alignment, int DiscriminantSize, int PayloadOffset, long FlatCount, CoreValueType[]? Flat, bool HasIndirection)
    {
        public static Layout Compute(int caseCount, AbiType?[]? payloads)
        {
            if (caseCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(caseCount), caseCount, "A variant-like type must have at least one case.");
            }

            var layout = new VariantLayout(caseCount);
            long payloadFlatCount = 0;
            var hasIndirection = false;
            if (payloads is not null)
            {
                foreach (var payload in payloads)
                {
                    if (payload is null)
                    {
                        continue;
                    }

                    layout.AddPayload(payload.Size, payload.Alignment);
                    payloadFlatCount = Math.Max(payloadFlatCount, payload.FlatCount);
                    hasIndirection |= payload.HasIndirection;
                }
            }

            var flatCount = 1 + payloadFlatCount;
            return new Layout(
                AbiLayout.CheckedSize(layout.Size, "variant"),
                layout.Alignment,
                layout.DiscriminantSize,
                (int)layout.PayloadOffset,
                flatCount,
                JoinFlat(flatCount, payloads),
                hasIndirection);
        }

        private static CoreValueType[]? JoinFlat(long flatCount, AbiType?[]? payloads)
        {
            if (flatCount > AbiLayout.MaxMaterializedFlatTypes)
            {
                return null;
            }

            // The discriminant (i32) comes first, then the payload slots joined over the cases.
            var flat = new CoreValueType[flatCount];
            flat[0] = CoreValueType.I32;
            var length = 0;
            if (payloads is not null)
            {
                foreach (var payload in payloads)
                {
                    if (payload is not null)
                    {
                        Flattening.JoinCase(AbiLayout.AsFlatSlots(flat.AsSpan(1)), ref length, AbiLayout.AsFlat(payload.FlatTypesOrNull!));
                    }
                }
            }

            return flat;
        }
    }
}
