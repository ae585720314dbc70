using System.Diagnostics.CodeAnalysis;

namespace WitBindgen.Runtime;

/// <summary>
/// A WIT <c>option</c> nested in another option (<c>option&lt;option&lt;u32&gt;&gt;</c> is <c>Option&lt;uint?&gt;</c>), where
/// a C# <c>T?</c> alone cannot tell "no value" from "a value that is none". Generated bindings use it only there;
/// a single <c>option&lt;T&gt;</c> is <c>T?</c>.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <remarks>
/// <c>default</c> is <see cref="None"/>. There is deliberately no implicit conversion from <typeparamref name="T"/>:
/// with a nullable payload (the only kind the bindings use), <c>Option&lt;uint?&gt; o = null</c> would silently be
/// <c>Some(null)</c> rather than <see cref="None"/>. Write <see cref="Some(T)"/> or <see cref="None"/>.
/// </remarks>
public readonly struct Option<T> : IEquatable<Option<T>>
{
    private readonly T _value;

    /// <summary>An option holding <paramref name="value"/> (which may itself be null: <c>Some(null)</c>).</summary>
    /// <param name="value">The payload.</param>
    public Option(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>The option with no value (the same as <c>default</c>).</summary>
    public static Option<T> None => default;

    /// <summary>True when the option holds a value.</summary>
    public bool HasValue { get; }

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">The option is <see cref="None"/>.</exception>
    public T Value => HasValue ? _value : throw new InvalidOperationException("the option is None: it has no value");

    /// <summary>An option holding <paramref name="value"/>.</summary>
    /// <param name="value">The payload.</param>
    /// <returns>The option.</returns>
    public static Option<T> Some(T value) => new(value);

    /// <summary>Gets the value, if there is one.</summary>
    /// <param name="value">The value, or <c>default</c> for <see cref="None"/>.</param>
    /// <returns>True when the option holds a value.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return HasValue;
    }

    /// <summary>The value, or <c>default</c> for <see cref="None"/>.</summary>
    /// <returns>The value or <c>default</c>.</returns>
    public T? GetValueOrDefault() => _value;

    /// <summary>The value, or <paramref name="defaultValue"/> for <see cref="None"/>.</summary>
    /// <param name="defaultValue">What <see cref="None"/> gives.</param>
    /// <returns>The value or <paramref name="defaultValue"/>.</returns>
    public T GetValueOrDefault(T defaultValue) => HasValue ? _value : defaultValue;

    /// <summary>Calls <paramref name="some"/> with the value or <paramref name="none"/>, and returns what it returns.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="some">Called with the value.</param>
    /// <param name="none">Called when there is no value.</param>
    /// <returns>The result of the function called.</returns>
    public TResult Match<TResult>(Func<T, TResult> some, Func<TResult> none)
    {
        ArgumentNullException.ThrowIfNull(some);
        ArgumentNullException.ThrowIfNull(none);
        return HasValue ? some(_value) : none();
    }

    /// <summary>Calls <paramref name="some"/> with the value or <paramref name="none"/>.</summary>
    /// <param name="some">Called with the value.</param>
    /// <param name="none">Called when there is no value.</param>
    public void Match(Action<T> some, Action none)
    {
        ArgumentNullException.ThrowIfNull(some);
        ArgumentNullException.ThrowIfNull(none);
        if (HasValue)
        {
            some(_value);
        }
        else
        {
            none();
        }
    }

    /// <summary>Deconstructs the option: <c>var (hasValue, value) = option;</c>.</summary>
    /// <param name="hasValue">True when the option holds a value.</param>
    /// <param name="value">The value, or <c>default</c>.</param>
    public void Deconstruct(out bool hasValue, out T? value)
    {
        hasValue = HasValue;
        value = _value;
    }

    /// <summary>Equality: both none, or both some with equal values.</summary>
    /// <param name="left">The first option.</param>
    /// <param name="right">The second option.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Option<T> left, Option<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">The first option.</param>
    /// <param name="right">The second option.</param>
    /// <returns>True when not equal.</returns>
    public static bool operator !=(Option<T> left, Option<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Option<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Option<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HasValue ? HashCode.Combine(true, _value) : 0;

    /// <summary><c>Some(value)</c> (<c>Some(null)</c> for a null value) or <c>None</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => HasValue ? $"Some({_value?.ToString() ?? "null"})" : "None";
}
