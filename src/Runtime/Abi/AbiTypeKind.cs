namespace WitBindgen.Runtime.Abi;

/// <summary>The kind of an <see cref="AbiType"/>; one value per concrete descriptor shape.</summary>
public enum AbiTypeKind : byte
{
    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>s8</c>.</summary>
    S8,

    /// <summary><c>u8</c>.</summary>
    U8,

    /// <summary><c>s16</c>.</summary>
    S16,

    /// <summary><c>u16</c>.</summary>
    U16,

    /// <summary><c>s32</c>.</summary>
    S32,

    /// <summary><c>u32</c>.</summary>
    U32,

    /// <summary><c>s64</c>.</summary>
    S64,

    /// <summary><c>u64</c>.</summary>
    U64,

    /// <summary><c>f32</c>.</summary>
    F32,

    /// <summary><c>f64</c>.</summary>
    F64,

    /// <summary><c>char</c>: a Unicode scalar value.</summary>
    Char,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary>Variable-length <c>list&lt;T&gt;</c>, and <c>map&lt;K, V&gt;</c> as the list of its entries (<see cref="AbiMapType"/>).</summary>
    List,

    /// <summary>Fixed-length <c>list&lt;T, N&gt;</c>.</summary>
    FixedList,

    /// <summary><c>record</c> with named fields.</summary>
    Record,

    /// <summary><c>tuple</c>.</summary>
    Tuple,

    /// <summary><c>variant</c> with named cases and optional payloads.</summary>
    Variant,

    /// <summary><c>enum</c>.</summary>
    Enum,

    /// <summary><c>option&lt;T&gt;</c>.</summary>
    Option,

    /// <summary><c>result&lt;T, E&gt;</c> with optional payloads.</summary>
    Result,

    /// <summary><c>flags</c>.</summary>
    Flags,

    /// <summary><c>own&lt;R&gt;</c>.</summary>
    Own,

    /// <summary><c>borrow&lt;R&gt;</c>.</summary>
    Borrow,

    /// <summary><c>stream&lt;T&gt;</c> (<see cref="AbiAsyncValueType"/>).</summary>
    Stream,

    /// <summary><c>future&lt;T&gt;</c> (<see cref="AbiAsyncValueType"/>).</summary>
    Future,

    /// <summary><c>error-context</c> (<see cref="AbiType.ErrorContext"/>): an <see cref="Runtime.ErrorContext"/> value.</summary>
    ErrorContext,
}
