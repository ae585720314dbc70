namespace WitBindgen.Shared;

/// <summary>
/// A core WebAssembly value type a component value flattens to. The numbering is the runtime's public
/// <c>CoreValueType</c>'s, so the runtime converts between the two by a cast (its tests check the numbering).
/// </summary>
internal enum FlatType : byte
{
    /// <summary><c>i32</c>.</summary>
    I32 = 0,

    /// <summary><c>i64</c>.</summary>
    I64 = 1,

    /// <summary><c>f32</c>.</summary>
    F32 = 2,

    /// <summary><c>f64</c>.</summary>
    F64 = 3,
}

/// <summary>CanonicalABI.md's flattening rules that are more than concatenation (<c>flatten_type</c> of a variant, <c>join</c>).</summary>
internal static class Flattening
{
    /// <summary>
    /// <c>join</c>: the core type one flat slot of a variant takes when two cases put <paramref name="a"/> and
    /// <paramref name="b"/> there: the same type if equal, <c>i32</c> for <c>i32</c> with <c>f32</c>, else <c>i64</c>.
    /// </summary>
    public static FlatType Join(FlatType a, FlatType b) =>
        a == b ? a
        : (a, b) is (FlatType.I32, FlatType.F32) or (FlatType.F32, FlatType.I32) ? FlatType.I32
        : FlatType.I64;

    /// <summary>
    /// Joins one case's flattening into the payload slots of a variant's flattening (everything after its <c>i32</c>
    /// discriminant): <paramref name="joined"/>[..<paramref name="length"/>] holds the slots so far; slots past them are
    /// taken from <paramref name="caseFlat"/> as they are, and <paramref name="length"/> grows to cover it.
    /// <paramref name="joined"/> must have room for the longest case.
    /// </summary>
    public static void JoinCase(Span<FlatType> joined, ref int length, ReadOnlySpan<FlatType> caseFlat)
    {
        for (var i = 0; i < caseFlat.Length; i++)
        {
            joined[i] = i < length ? Join(joined[i], caseFlat[i]) : caseFlat[i];
        }

        length = Math.Max(length, caseFlat.Length);
    }
}
