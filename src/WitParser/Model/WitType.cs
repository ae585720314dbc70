namespace WitBindgen.WitParser.Model;

/// <summary>The built-in WIT types that need no definition.</summary>
public enum PrimitiveType
{
    /// <summary><c>bool</c></summary>
    Bool,

    /// <summary><c>u8</c></summary>
    U8,

    /// <summary><c>u16</c></summary>
    U16,

    /// <summary><c>u32</c></summary>
    U32,

    /// <summary><c>u64</c></summary>
    U64,

    /// <summary><c>s8</c></summary>
    S8,

    /// <summary><c>s16</c></summary>
    S16,

    /// <summary><c>s32</c></summary>
    S32,

    /// <summary><c>s64</c></summary>
    S64,

    /// <summary><c>f32</c></summary>
    F32,

    /// <summary><c>f64</c></summary>
    F64,

    /// <summary><c>char</c></summary>
    Char,

    /// <summary><c>string</c></summary>
    String,

    /// <summary><c>error-context</c></summary>
    ErrorContext,
}

/// <summary>A reference to a type: a primitive, or a <see cref="TypeId"/> into the type arena.</summary>
public readonly struct WitType : IEquatable<WitType>
{
    // Non-negative: a type id. Negative: -(primitive + 1).
    private readonly int _value;

    private WitType(int value) => _value = value;

    /// <summary>A primitive type reference.</summary>
    public static WitType Of(PrimitiveType primitive) => new(-((int)primitive + 1));

    /// <summary>A reference to a defined type.</summary>
    public static WitType Of(TypeId id) => new(id.Index);

    /// <summary>True when this is a primitive.</summary>
    public bool IsPrimitive => _value < 0;

    /// <summary>The primitive; only meaningful when <see cref="IsPrimitive"/>.</summary>
    public PrimitiveType Primitive => (PrimitiveType)(-_value - 1);

    /// <summary>The type id, when this refers to a defined type.</summary>
    public TypeId? Id => _value >= 0 ? new TypeId(_value) : null;

    /// <summary>The WIT spelling of a primitive.</summary>
    public static string NameOf(PrimitiveType p) => p switch
    {
        PrimitiveType.Bool => "bool",
        PrimitiveType.U8 => "u8",
        PrimitiveType.U16 => "u16",
        PrimitiveType.U32 => "u32",
        PrimitiveType.U64 => "u64",
        PrimitiveType.S8 => "s8",
        PrimitiveType.S16 => "s16",
        PrimitiveType.S32 => "s32",
        PrimitiveType.S64 => "s64",
        PrimitiveType.F32 => "f32",
        PrimitiveType.F64 => "f64",
        PrimitiveType.Char => "char",
        PrimitiveType.String => "string",
        _ => "error-context",
    };

    /// <inheritdoc />
    public bool Equals(WitType other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WitType t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => _value;

    /// <inheritdoc />
    public override string ToString() => IsPrimitive ? NameOf(Primitive) : "#" + _value;

    /// <summary>Equality.</summary>
    public static bool operator ==(WitType a, WitType b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(WitType a, WitType b) => !a.Equals(b);
}
