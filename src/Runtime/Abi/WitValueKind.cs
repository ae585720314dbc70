namespace WitBindgen.Runtime.Abi;

/// <summary>The kind of a <see cref="WitValue"/>.</summary>
public enum WitValueKind : byte
{
    /// <summary>A <c>bool</c>.</summary>
    Bool,

    /// <summary>An <c>s8</c>.</summary>
    S8,

    /// <summary>A <c>u8</c>.</summary>
    U8,

    /// <summary>An <c>s16</c>.</summary>
    S16,

    /// <summary>A <c>u16</c>.</summary>
    U16,

    /// <summary>An <c>s32</c>.</summary>
    S32,

    /// <summary>A <c>u32</c>.</summary>
    U32,

    /// <summary>An <c>s64</c>.</summary>
    S64,

    /// <summary>A <c>u64</c>.</summary>
    U64,

    /// <summary>An <c>f32</c>.</summary>
    F32,

    /// <summary>An <c>f64</c>.</summary>
    F64,

    /// <summary>A <c>char</c>.</summary>
    Char,

    /// <summary>A <c>string</c>.</summary>
    String,

    /// <summary>A <c>list</c>, variable- or fixed-length.</summary>
    List,

    /// <summary>A <c>record</c>: field values in declaration order.</summary>
    Record,

    /// <summary>A <c>tuple</c>.</summary>
    Tuple,

    /// <summary>A <c>variant</c> case with an optional payload.</summary>
    Variant,

    /// <summary>An <c>enum</c> case.</summary>
    Enum,

    /// <summary>An <c>option</c>: <c>none</c> or <c>some(payload)</c>.</summary>
    Option,

    /// <summary>A <c>result</c>: <c>ok(payload?)</c> or <c>error(payload?)</c>.</summary>
    Result,

    /// <summary>A set of <c>flags</c>.</summary>
    Flags,

    /// <summary>A resource value passed as an <c>own</c> or <c>borrow</c> handle.</summary>
    Handle,
}
