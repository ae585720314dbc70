namespace WitBindgen.Runtime;

/// <summary>
/// The absent payload of a WIT <c>result</c> (<c>result</c>, <c>result&lt;T&gt;</c>, <c>result&lt;_, E&gt;</c>) and the
/// empty tuple: a type with a single value, like Rust's <c>()</c>.
/// </summary>
public readonly record struct Unit
{
    /// <summary>The only value (the same as <c>default</c>).</summary>
    public static Unit Value => default;

    /// <summary>Returns <c>()</c>.</summary>
    /// <returns><c>()</c>.</returns>
    public override string ToString() => "()";
}
