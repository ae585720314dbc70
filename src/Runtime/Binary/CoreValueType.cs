namespace WitBindgen.Runtime.Binary;

/// <summary>A core WebAssembly value type: a number type, <c>v128</c>, or a reference type.</summary>
internal readonly record struct CoreValueType
{
    private CoreValueType(CoreValueTypeKind kind, CoreReferenceType reference)
    {
        Kind = kind;
        Reference = reference;
    }

    /// <summary><c>i32</c>.</summary>
    public static CoreValueType I32 { get; } = new(CoreValueTypeKind.I32, default);

    /// <summary><c>i64</c>.</summary>
    public static CoreValueType I64 { get; } = new(CoreValueTypeKind.I64, default);

    /// <summary><c>f32</c>.</summary>
    public static CoreValueType F32 { get; } = new(CoreValueTypeKind.F32, default);

    /// <summary><c>f64</c>.</summary>
    public static CoreValueType F64 { get; } = new(CoreValueTypeKind.F64, default);

    /// <summary><c>v128</c>.</summary>
    public static CoreValueType V128 { get; } = new(CoreValueTypeKind.V128, default);

    /// <summary>What kind of value type this is.</summary>
    public CoreValueTypeKind Kind { get; }

    /// <summary>The reference type, when <see cref="Kind"/> is <see cref="CoreValueTypeKind.Reference"/>.</summary>
    public CoreReferenceType Reference { get; }

    /// <summary>A reference value type.</summary>
    /// <param name="reference">The reference type.</param>
    public static CoreValueType FromReference(CoreReferenceType reference) => new(CoreValueTypeKind.Reference, reference);

    /// <summary>The text form, e.g. <c>i32</c> or <c>(ref null func)</c>.</summary>
    public override string ToString() => Kind switch
    {
        CoreValueTypeKind.Reference => Reference.ToString(),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>The kinds of <see cref="CoreValueType"/>.</summary>
internal enum CoreValueTypeKind
{
    /// <summary><c>i32</c> (0x7f).</summary>
    I32,

    /// <summary><c>i64</c> (0x7e).</summary>
    I64,

    /// <summary><c>f32</c> (0x7d).</summary>
    F32,

    /// <summary><c>f64</c> (0x7c).</summary>
    F64,

    /// <summary><c>v128</c> (0x7b).</summary>
    V128,

    /// <summary>A reference type.</summary>
    Reference,
}

/// <summary>A core reference type: <c>(ref null? heaptype)</c>.</summary>
/// <param name="Nullable">Whether null is a value of the type.</param>
/// <param name="HeapType">The heap type.</param>
internal readonly record struct CoreReferenceType(bool Nullable, CoreHeapType HeapType)
{
    /// <inheritdoc/>
    public override string ToString() => $"(ref {(Nullable ? "null " : "")}{HeapType})";
}

/// <summary>A core heap type: an abstract heap type or a concrete core type index.</summary>
/// <param name="Abstract">The abstract heap type, or null for a concrete type index.</param>
/// <param name="TypeIndex">For a concrete heap type, the index in the core type index space.</param>
/// <param name="Shared">Whether the abstract heap type is <c>shared</c>.</param>
internal readonly record struct CoreHeapType(CoreAbstractHeapType? Abstract, uint TypeIndex, bool Shared)
{
    /// <inheritdoc/>
    public override string ToString() => Abstract is { } a
        ? (Shared ? $"(shared {a.ToString().ToLowerInvariant()})" : a.ToString().ToLowerInvariant())
        : TypeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The abstract core heap types.</summary>
internal enum CoreAbstractHeapType
{
    /// <summary><c>func</c> (0x70).</summary>
    Func,

    /// <summary><c>extern</c> (0x6f).</summary>
    Extern,

    /// <summary><c>any</c> (0x6e).</summary>
    Any,

    /// <summary><c>eq</c> (0x6d).</summary>
    Eq,

    /// <summary><c>i31</c> (0x6c).</summary>
    I31,

    /// <summary><c>struct</c> (0x6b).</summary>
    Struct,

    /// <summary><c>array</c> (0x6a).</summary>
    Array,

    /// <summary><c>exn</c> (0x69).</summary>
    Exn,

    /// <summary><c>cont</c> (0x68).</summary>
    Cont,

    /// <summary><c>none</c> (0x71).</summary>
    None,

    /// <summary><c>noextern</c> (0x72).</summary>
    NoExtern,

    /// <summary><c>nofunc</c> (0x73).</summary>
    NoFunc,

    /// <summary><c>noexn</c> (0x74).</summary>
    NoExn,

    /// <summary><c>nocont</c> (0x75).</summary>
    NoCont,
}
