namespace WitBindgen.Runtime.Abi;

/// <summary>
/// NaN handling. Lifting canonicalises every NaN to one bit pattern per width (CanonicalABI.md
/// <c>canonicalize_nan32/64</c>); lowering passes NaN bits through unchanged, which the spec explicitly allows
/// instead of scrambling them.
/// </summary>
internal static class AbiFloats
{
    public static float Canonicalize(float value) =>
        float.IsNaN(value) ? BitConverter.Int32BitsToSingle(CanonicalAbi.CanonicalF32NanBits) : value;

    public static double Canonicalize(double value) =>
        double.IsNaN(value) ? BitConverter.Int64BitsToDouble(CanonicalAbi.CanonicalF64NanBits) : value;

    public static bool IsNanBits(uint bits) => (bits & 0x7fff_ffffu) > 0x7f80_0000u;

    public static bool IsNanBits(ulong bits) => (bits & 0x7fff_ffff_ffff_ffffUL) > 0x7ff0_0000_0000_0000UL;
}
