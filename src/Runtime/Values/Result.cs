using System.Diagnostics.CodeAnalysis;

namespace WitBindgen.Runtime;

/// <summary>
/// A WIT <c>result&lt;T, E&gt;</c>: either a success holding a <typeparamref name="TOk"/> or an error holding a
/// <typeparamref name="TErr"/> (<see cref="Unit"/> for a side the WIT leaves out).
/// </summary>
/// <typeparam name="TOk">The success payload.</typeparam>
/// <typeparam name="TErr">The error payload.</typeparam>
/// <remarks>
/// Build one with <see cref="FromOk"/> and <see cref="FromErr"/>, or with <see cref="Result.Ok{T}(T)"/> and
/// <see cref="Result.Err{T}(T)"/>, which convert implicitly: <c>Result&lt;uint, string&gt; r = Result.Ok(5u);</c>.
/// Read one with <see cref="IsOk"/>, <see cref="TryGetValue"/>, <see cref="TryGetError"/>, <see cref="Match{TResult}"/>
/// or a deconstruction (<c>var (isOk, value, error) = r;</c>). The default value is an error holding the default
/// <typeparamref name="TErr"/>.
/// </remarks>
public readonly struct Result<TOk, TErr> : IEquatable<Result<TOk, TErr>>
{
    private readonly TOk _ok;
    private readonly TErr _err;

    private Result(bool isOk, TOk ok, TErr err)
    {
        IsOk = isOk;
        _ok = ok;
        _err = err;
    }

    /// <summary>True for a success.</summary>
    public bool IsOk { get; }

    /// <summary>True for an error.</summary>
    public bool IsErr => !IsOk;

    /// <summary>The success payload.</summary>
    /// <exception cref="InvalidOperationException">The result is an error (the message shows it).</exception>
    public TOk Ok => IsOk ? _ok : throw new InvalidOperationException($"the result is an error, not a success: {this}");

    /// <summary>The error payload.</summary>
    /// <exception cref="InvalidOperationException">The result is a success (the message shows it).</exception>
    public TErr Err => IsOk ? throw new InvalidOperationException($"the result is a success, not an error: {this}") : _err;

    /// <summary>A success.</summary>
    /// <param name="value">The payload.</param>
    /// <returns>The result.</returns>
    public static Result<TOk, TErr> FromOk(TOk value) => new(true, value, default!);

    /// <summary>An error.</summary>
    /// <param name="error">The payload.</param>
    /// <returns>The result.</returns>
    public static Result<TOk, TErr> FromErr(TErr error) => new(false, default!, error);

    /// <summary>The success made by <see cref="Result.Ok{T}(T)"/>.</summary>
    /// <param name="ok">The success.</param>
    public static implicit operator Result<TOk, TErr>(Result.OkValue<TOk> ok) => FromOk(ok.Value);

    /// <summary>The error made by <see cref="Result.Err{T}(T)"/>.</summary>
    /// <param name="error">The error.</param>
    public static implicit operator Result<TOk, TErr>(Result.ErrValue<TErr> error) => FromErr(error.Error);

    /// <summary>Gets the success payload, if the result is a success.</summary>
    /// <param name="value">The payload, or <c>default</c> for an error.</param>
    /// <returns>True for a success.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out TOk value)
    {
        value = _ok;
        return IsOk;
    }

    /// <summary>Gets the error payload, if the result is an error.</summary>
    /// <param name="error">The payload, or <c>default</c> for a success.</param>
    /// <returns>True for an error.</returns>
    public bool TryGetError([MaybeNullWhen(false)] out TErr error)
    {
        error = _err;
        return !IsOk;
    }

    /// <summary>The success payload, or <paramref name="defaultValue"/> for an error.</summary>
    /// <param name="defaultValue">What an error gives.</param>
    /// <returns>The payload or <paramref name="defaultValue"/>.</returns>
    public TOk GetValueOrDefault(TOk defaultValue) => IsOk ? _ok : defaultValue;

    /// <summary>Calls <paramref name="ok"/> or <paramref name="err"/> with the payload and returns what it returns.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="ok">Called with a success payload.</param>
    /// <param name="err">Called with an error payload.</param>
    /// <returns>The result of the function called.</returns>
    public TResult Match<TResult>(Func<TOk, TResult> ok, Func<TErr, TResult> err)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(err);
        return IsOk ? ok(_ok) : err(_err);
    }

    /// <summary>Calls <paramref name="ok"/> or <paramref name="err"/> with the payload.</summary>
    /// <param name="ok">Called with a success payload.</param>
    /// <param name="err">Called with an error payload.</param>
    public void Match(Action<TOk> ok, Action<TErr> err)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(err);
        if (IsOk)
        {
            ok(_ok);
        }
        else
        {
            err(_err);
        }
    }

    /// <summary>Deconstructs the result: <c>var (isOk, value, error) = result;</c>.</summary>
    /// <param name="isOk">True for a success.</param>
    /// <param name="value">The success payload, or <c>default</c> for an error.</param>
    /// <param name="error">The error payload, or <c>default</c> for a success.</param>
    public void Deconstruct(out bool isOk, out TOk? value, out TErr? error)
    {
        isOk = IsOk;
        value = _ok;
        error = _err;
    }

    /// <summary>Equality: the same side with equal payloads.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Result<TOk, TErr> left, Result<TOk, TErr> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns>True when not equal.</returns>
    public static bool operator !=(Result<TOk, TErr> left, Result<TOk, TErr> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Result<TOk, TErr> other) =>
        IsOk == other.IsOk && (IsOk
            ? EqualityComparer<TOk>.Default.Equals(_ok, other._ok)
            : EqualityComparer<TErr>.Default.Equals(_err, other._err));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result<TOk, TErr> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsOk ? HashCode.Combine(true, _ok) : HashCode.Combine(false, _err);

    /// <summary><c>Ok(value)</c> or <c>Err(error)</c> (<c>null</c> for a null payload, <c>()</c> for <see cref="Unit"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsOk ? $"Ok({Text(_ok)})" : $"Err({Text(_err)})";

    private static string Text<T>(T value) => value?.ToString() ?? "null";
}
