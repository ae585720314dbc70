namespace WitBindgen.Runtime.Binary;

/// <summary>The primitive value types (<c>primvaltype</c>).</summary>
internal enum PrimitiveType
{
    /// <summary><c>bool</c> (0x7f).</summary>
    Bool,

    /// <summary><c>s8</c> (0x7e).</summary>
    S8,

    /// <summary><c>u8</c> (0x7d).</summary>
    U8,

    /// <summary><c>s16</c> (0x7c).</summary>
    S16,

    /// <summary><c>u16</c> (0x7b).</summary>
    U16,

    /// <summary><c>s32</c> (0x7a).</summary>
    S32,

    /// <summary><c>u32</c> (0x79).</summary>
    U32,

    /// <summary><c>s64</c> (0x78).</summary>
    S64,

    /// <summary><c>u64</c> (0x77).</summary>
    U64,

    /// <summary><c>f32</c> (0x76).</summary>
    F32,

    /// <summary><c>f64</c> (0x75).</summary>
    F64,

    /// <summary><c>char</c> (0x74).</summary>
    Char,

    /// <summary><c>string</c> (0x73).</summary>
    String,

    /// <summary><c>error-context</c> (0x64).</summary>
    ErrorContext,
}

/// <summary>Helpers for <see cref="PrimitiveType"/>.</summary>
internal static class PrimitiveTypeExtensions
{
    /// <summary>The type as written in the text format, e.g. <c>u32</c> or <c>error-context</c>.</summary>
    public static string ToText(this PrimitiveType type) => type switch
    {
        PrimitiveType.ErrorContext => "error-context",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Decodes a <c>primvaltype</c> opcode; false when the byte is not one.</summary>
    internal static bool TryDecode(byte opcode, out PrimitiveType type)
    {
        if (opcode is >= 0x73 and <= 0x7f)
        {
            type = (PrimitiveType)(0x7f - opcode);
            return true;
        }

        if (opcode == 0x64)
        {
            type = PrimitiveType.ErrorContext;
            return true;
        }

        type = default;
        return false;
    }
}
