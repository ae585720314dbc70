namespace WitBindgen.Runtime;

/// <summary>
/// Builds <see cref="Result{TOk, TErr}"/> values without naming both type arguments: <see cref="Ok{T}(T)"/> and
/// <see cref="Err{T}(T)"/> return a tagged value that converts implicitly to any result with that payload type on that
/// side (<c>Result&lt;uint, string&gt; r = Result.Ok(5u);</c>). The tag decides the side, so the conversion is never
/// ambiguous, even when both sides have the same type.
/// </summary>
public static class Result
{
    /// <summary>A success holding <paramref name="value"/>, for any <c>Result&lt;T, TErr&gt;</c>.</summary>
    /// <typeparam name="T">The success payload type.</typeparam>
    /// <param name="value">The payload.</param>
    /// <returns>The tagged success.</returns>
    public static OkValue<T> Ok<T>(T value) => new(value);

    /// <summary>A success without payload, for any <c>Result&lt;Unit, TErr&gt;</c> (WIT <c>result&lt;_, E&gt;</c>, <c>result</c>).</summary>
    /// <returns>The tagged success.</returns>
    public static OkValue<Unit> Ok() => new(default);

    /// <summary>An error holding <paramref name="error"/>, for any <c>Result&lt;TOk, T&gt;</c>.</summary>
    /// <typeparam name="T">The error payload type.</typeparam>
    /// <param name="error">The payload.</param>
    /// <returns>The tagged error.</returns>
    public static ErrValue<T> Err<T>(T error) => new(error);

    /// <summary>An error without payload, for any <c>Result&lt;TOk, Unit&gt;</c> (WIT <c>result&lt;T&gt;</c>, <c>result</c>).</summary>
    /// <returns>The tagged error.</returns>
    public static ErrValue<Unit> Err() => new(default);

    /// <summary>A success on its way to becoming a <see cref="Result{TOk, TErr}"/> (see <see cref="Ok{T}(T)"/>).</summary>
    /// <typeparam name="T">The success payload type.</typeparam>
    /// <param name="Value">The payload.</param>
    public readonly record struct OkValue<T>(T Value);

    /// <summary>An error on its way to becoming a <see cref="Result{TOk, TErr}"/> (see <see cref="Err{T}(T)"/>).</summary>
    /// <typeparam name="T">The error payload type.</typeparam>
    /// <param name="Error">The payload.</param>
    public readonly record struct ErrValue<T>(T Error);
}
