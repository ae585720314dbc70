namespace WitBindgen.Shared;

/// <summary>
/// CanonicalABI.md's layout facts for 32-bit memories, over plain numbers: the one copy of them, compiled into both the
/// generator (which writes sizes, offsets and flat counts into generated code) and the runtime (whose
/// <c>AbiType</c> descriptors compute the same values once per type). <see cref="ProductLayout"/>,
/// <see cref="VariantLayout"/> and <see cref="Flattening"/> hold the composite rules.
/// </summary>
internal static class CanonicalLayout
{
    /// <summary><c>MAX_FLAT_PARAMS</c>: parameters flattening to more core values are passed as one pointer to their tuple.</summary>
    public const int MaxFlatParams = 16;

    /// <summary><c>MAX_FLAT_RESULTS</c>: results flattening to more core values are returned through memory.</summary>
    public const int MaxFlatResults = 1;

    /// <summary>Component validation bounds every type's <c>elem_size</c> below 2^28: this is the largest allowed.</summary>
    public const long MaxElementSize = (1L << 28) - 1;

    /// <summary>The size of a <c>string</c> or variable-length <c>list</c> in memory: a pointer and a length.</summary>
    public const int PointerPairSize = 8;

    /// <summary>The alignment of a <c>string</c> or variable-length <c>list</c> (of its 32-bit pointer).</summary>
    public const int PointerPairAlignment = 4;

    /// <summary>The size and alignment of a handle (<c>own</c>, <c>borrow</c>): an <c>i32</c> table index.</summary>
    public const int HandleSize = 4;

    /// <summary><c>align_to</c>: <paramref name="offset"/> rounded up to a multiple of <paramref name="alignment"/> (positive).</summary>
    public static long AlignTo(long offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>
    /// The byte size (and alignment) of the discriminant of a variant of <paramref name="caseCount"/> cases
    /// (<c>discriminant_type</c>: <c>u8</c> up to 2^8 cases, <c>u16</c> up to 2^16, else <c>u32</c>). Enums, options
    /// and results despecialise to variants, so they share it.
    /// </summary>
    public static int DiscriminantSize(long caseCount) => caseCount switch
    {
        <= 1 << 8 => 1,
        <= 1 << 16 => 2,
        _ => 4,
    };

    /// <summary>
    /// The number of 32-bit words <c>flags</c> of <paramref name="count"/> members occupy, and so the number of
    /// <c>i32</c> values they flatten to (<c>num_i32_flags</c>).
    /// </summary>
    public static int FlagsFlatCount(int count) => (int)(((long)count + 31) / 32);

    /// <summary>The byte size of <c>flags</c> of <paramref name="count"/> members: 1 up to 8, 2 up to 16, else 4 per 32-bit word (0 for none).</summary>
    public static long FlagsSize(int count) => count switch
    {
        <= 0 => 0,
        <= 8 => 1,
        <= 16 => 2,
        _ => 4L * FlagsFlatCount(count),
    };

    /// <summary>The alignment of <c>flags</c> of <paramref name="count"/> members: 1 up to 8 (none included), 2 up to 16, else 4.</summary>
    public static int FlagsAlignment(int count) => count switch
    {
        <= 8 => 1,
        <= 16 => 2,
        _ => 4,
    };

    /// <summary>
    /// The byte size of the fixed-length <c>list&lt;T, length&gt;</c> of elements of <paramref name="elementSize"/> bytes
    /// (laid out as a tuple of <paramref name="length"/> elements, which needs no padding; its alignment is the element's).
    /// </summary>
    public static long FixedListSize(long elementSize, long length) => elementSize * length;

    /// <summary>
    /// Whether a function whose parameters flatten to <paramref name="flatCount"/> core values passes them through
    /// memory, as one pointer to the tuple of all parameters.
    /// </summary>
    public static bool ParametersSpilled(long flatCount) => flatCount > MaxFlatParams;

    /// <summary>Whether a function whose results flatten to <paramref name="flatCount"/> core values returns them through memory.</summary>
    public static bool ResultsSpilled(long flatCount) => flatCount > MaxFlatResults;
}
