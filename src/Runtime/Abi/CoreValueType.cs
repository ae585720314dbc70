namespace WitBindgen.Runtime.Abi;

/// <summary>A core WebAssembly value type that component values flatten to.</summary>
public enum CoreValueType : byte
{
    /// <summary>32-bit integer.</summary>
    I32,

    /// <summary>64-bit integer.</summary>
    I64,

    /// <summary>32-bit IEEE 754 float.</summary>
    F32,

    /// <summary>64-bit IEEE 754 float.</summary>
    F64,
}
