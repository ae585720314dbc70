namespace WitBindgen.Runtime.Abi;

/// <summary>Questions about <see cref="AbiType"/> trees.</summary>
internal static class AbiTypes
{
    /// <summary>True when a value of <paramref name="type"/> can contain an <c>own</c> or <c>borrow</c> handle.</summary>
    public static bool ContainsHandles(AbiType type) => type switch
    {
        AbiOwnType or AbiBorrowType or AbiAsyncValueType or { Kind: AbiTypeKind.ErrorContext } => true,
        AbiListType list => ContainsHandles(list.Element),
        AbiFixedListType list => ContainsHandles(list.Element),
        AbiOptionType option => ContainsHandles(option.Payload),
        AbiResultType result => (result.Ok is { } ok && ContainsHandles(ok)) || (result.Error is { } error && ContainsHandles(error)),
        AbiProductType product => product.FieldTypes.Any(ContainsHandles),
        AbiSumType sum => Enumerable.Range(0, sum.CaseCount).Any(i => sum.GetCasePayload(i) is { } payload && ContainsHandles(payload)),
        _ => false,
    };
}
