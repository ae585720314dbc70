using System.Text;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Linking.Adapters;

/// <summary>
/// The flat variants of a wasm adapter (<see cref="AdapterText"/>): variants, enums, options and results whose every
/// case has no payload or one of one-slot scalars (also as fields of records and tuples) of exactly the variant's own
/// payload slot types, so no case needs a coercion between core types. CanonicalABI.md's <c>lift_flat_variant</c>
/// then <c>lower_flat_variant</c>: the discriminant must name a case (otherwise the host-side adapter traps), the
/// active case's payload is converted as its scalars are, and the slots it does not use are zero.
/// </summary>
internal static class AdapterVariants
{
    /// <summary>Whether <paramref name="type"/> is a flat variant the adapter converts.</summary>
    public static bool IsFlat(AbiType type)
    {
        if (type is not AbiSumType sum || !type.HasFlatTypes)
        {
            return false;
        }

        var slots = type.FlatTypes[1..];
        for (var c = 0; c < sum.CaseCount; c++)
        {
            if (sum.GetCasePayload(c) is not { } payload)
            {
                continue;
            }

            if (!AdapterText.IsScalars(payload) || !payload.HasFlatTypes || !payload.FlatTypes.SequenceEqual(slots[..payload.FlatTypes.Length]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Appends the checks of a flat variant at core parameter <paramref name="p"/> that send the call to the host path
    /// (<c>$slow</c>): a discriminant naming no case, a <c>char</c> of the active case that is not a scalar value.
    /// </summary>
    public static void AppendChecks(StringBuilder t, AbiSumType type, int p, Action<StringBuilder, string> line)
    {
        line(t, $"(br_if $slow (i32.ge_u (local.get {p}) (i32.const {type.CaseCount})))");
        for (var c = 0; c < type.CaseCount; c++)
        {
            var scalars = Scalars(type.GetCasePayload(c));
            for (var j = 0; j < scalars.Count; j++)
            {
                if (scalars[j].Kind == AbiTypeKind.Char)
                {
                    line(t, $"(br_if $slow (i32.and (i32.eq (local.get {p}) (i32.const {c})) {InvalidChar($"(local.get {p + 1 + j})")}))");
                }
            }
        }
    }

    /// <summary>The callee's arguments for a flat variant at core parameter <paramref name="p"/>: its discriminant, then each payload slot.</summary>
    public static string Arguments(AbiSumType type, int p, Func<AbiType, string, string> convert)
    {
        var text = new StringBuilder($"(local.get {p})");
        var slots = type.FlatTypes[1..];
        for (var j = 0; j < slots.Length; j++)
        {
            var value = Zero(slots[j]);
            for (var c = type.CaseCount - 1; c >= 0; c--)
            {
                var scalars = Scalars(type.GetCasePayload(c));
                if (j < scalars.Count)
                {
                    value = $"(select {convert(scalars[j], $"(local.get {p + 1 + j})")} {value} (i32.eq (local.get {p}) (i32.const {c})))";
                }
            }

            text.Append(' ').Append(value);
        }

        return text.ToString();
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a variant returned in memory whose payloads are all plain data
    /// (<see cref="ValueTransfer.IsPlainData"/>): the adapter copies its discriminant and the active case's bytes.
    /// </summary>
    public static bool IsPlainSpilled(AbiType type)
    {
        if (type is not AbiSumType sum)
        {
            return false;
        }

        for (var c = 0; c < sum.CaseCount; c++)
        {
            if (sum.GetCasePayload(c) is { } payload && !ValueTransfer.IsPlainData(payload))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Appends the copy of a plain variant result from the callee's block <c>$r</c> to the caller's return area
    /// <paramref name="area"/> (both checked for alignment and bounds before): CanonicalABI.md's <c>load_variant</c>
    /// then <c>store_variant</c>, the discriminant checked (a bad one goes to <c>fail-variant</c>, which raises the
    /// host-side adapter's trap), then only the discriminant and the active case's payload bytes are written.
    /// </summary>
    public static void AppendSpilledResult(StringBuilder t, AbiSumType type, string area, Action<StringBuilder, string> line)
    {
        var (load, store) = type.DiscriminantSize switch
        {
            1 => ("i32.load8_u", "i32.store8"),
            2 => ("i32.load16_u", "i32.store16"),
            _ => ("i32.load", "i32.store"),
        };
        line(t, $"(local.set $rd ({load} 2 (local.get $r)))");
        line(t, $"(if (i32.ge_u (local.get $rd) (i32.const {type.CaseCount})) (then (call $fail-variant (local.get $r) {area}) (unreachable)))");
        line(t, $"({store} 1 {area} (local.get $rd))");
        var size = "(i32.const 0)";
        for (var c = type.CaseCount - 1; c >= 0; c--)
        {
            if (type.GetCasePayload(c) is { Size: > 0 } payload)
            {
                size = $"(select (i32.const {payload.Size}) {size} (i32.eq (local.get $rd) (i32.const {c})))";
            }
        }

        if (size != "(i32.const 0)")
        {
            var offset = type.PayloadOffset;
            line(t, $"(memory.copy 1 2 (i32.add {area} (i32.const {offset})) (i32.add (local.get $r) (i32.const {offset})) {size})");
        }
    }

    /// <summary>Whether a one-slot value is not valid (<c>i32</c>, 1 when not): a <c>char</c> that is no scalar value, a discriminant naming no case.</summary>
    public static string? Invalid(AbiType type, string value) => type switch
    {
        { Kind: AbiTypeKind.Char } => InvalidChar(value),
        AbiSumType sum => $"(i32.ge_u {value} (i32.const {sum.CaseCount}))",
        _ => null,
    };

    /// <summary>Whether a <c>char</c> (<c>i32</c>) is not a Unicode scalar value.</summary>
    public static string InvalidChar(string value) =>
        $"(i32.or (i32.ge_u {value} (i32.const 0x110000)) (i32.eq (i32.and {value} (i32.const 0xfffff800)) (i32.const 0xd800)))";

    /// <summary>The one-slot scalars a payload flattens to (fields of records and tuples in order); none without one.</summary>
    private static List<AbiType> Scalars(AbiType? payload)
    {
        var list = new List<AbiType>();
        Add(payload);
        return list;

        void Add(AbiType? type)
        {
            if (type is AbiProductType product)
            {
                foreach (var field in product.FieldTypes)
                {
                    Add(field);
                }
            }
            else if (type is not null)
            {
                list.Add(type);
            }
        }
    }

    private static string Zero(CoreValueType type) => type switch
    {
        CoreValueType.I32 => "(i32.const 0)",
        CoreValueType.I64 => "(i64.const 0)",
        CoreValueType.F32 => "(f32.const 0)",
        _ => "(f64.const 0)",
    };
}
