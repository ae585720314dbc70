using WitBindgen.Runtime;
namespace WitBindgen.Runtime.Abi;

/// <summary>
/// The canonical ABI algorithms of CanonicalABI.md for 32-bit memories: loading and storing values in linear
/// memory, lifting and lowering flat core values, function parameters and results with spilling, and
/// allocation-free fast paths for generated code. Every guest ABI violation throws
/// <see cref="ComponentTrapException"/>; host mistakes (a value that does not match its type, missing canonical
/// options) throw <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>.
/// </summary>
public static partial class CanonicalAbi
{
    /// <summary><c>MAX_FLAT_PARAMS</c>: parameters flattening to more core values are passed through memory.</summary>
    public const int MaxFlatParams = WitBindgen.Shared.CanonicalLayout.MaxFlatParams;

    /// <summary><c>MAX_FLAT_RESULTS</c>: results flattening to more core values are passed through memory.</summary>
    public const int MaxFlatResults = WitBindgen.Shared.CanonicalLayout.MaxFlatResults;

    /// <summary><c>UTF16_TAG</c> for 32-bit memories: marks a <c>latin1+utf16</c> string length as UTF-16.</summary>
    public const uint Utf16Tag = 1u << 31;

    /// <summary><c>MAX_STRING_BYTE_LENGTH</c>: loading a longer string traps.</summary>
    public const int MaxStringByteLength = (1 << 28) - 1;

    /// <summary><c>MAX_LIST_BYTE_LENGTH</c>: loading a longer list traps.</summary>
    public const int MaxListByteLength = (1 << 28) - 1;

    /// <summary><c>CANONICAL_FLOAT32_NAN</c>: the bits every lifted <c>f32</c> NaN has.</summary>
    public const int CanonicalF32NanBits = 0x7fc0_0000;

    /// <summary><c>CANONICAL_FLOAT64_NAN</c>: the bits every lifted <c>f64</c> NaN has.</summary>
    public const long CanonicalF64NanBits = 0x7ff8_0000_0000_0000;
}
