using Xunit;

namespace WitBindgen.Runtime.Tests.Values;

/// <summary><see cref="Option{T}"/>: a WIT <c>option</c> nested in another one.</summary>
public class OptionTests
{
    [Fact]
    public void None_some_and_some_of_null_are_three_values()
    {
        var none = Option<uint?>.None;
        var someNone = Option<uint?>.Some(null);
        var some = Option<uint?>.Some(4);
        Assert.False(none.HasValue);
        Assert.True(someNone.HasValue);
        Assert.Null(someNone.Value);
        Assert.Equal(4u, some.Value);
        Assert.NotEqual(none, someNone);
        Assert.NotEqual(someNone, some);
        Assert.Equal(default, none);
        Assert.Throws<InvalidOperationException>(() => none.Value);
    }

    [Fact]
    public void TryGetValue_GetValueOrDefault_Match_and_deconstruction_read_it()
    {
        var some = new Option<string?>("x");
        var none = Option<string?>.None;
        Assert.True(some.TryGetValue(out var value));
        Assert.Equal("x", value);
        Assert.False(none.TryGetValue(out _));
        Assert.Null(none.GetValueOrDefault());
        Assert.Equal("fallback", none.GetValueOrDefault("fallback"));
        Assert.Equal("x", some.GetValueOrDefault("fallback"));
        Assert.Equal("some x", some.Match(v => $"some {v}", () => "none"));
        Assert.Equal("none", none.Match(v => $"some {v}", () => "none"));

        var calls = 0;
        none.Match(_ => calls += 10, () => calls++);
        Assert.Equal(1, calls);

        var (hasValue, inner) = some;
        Assert.True(hasValue);
        Assert.Equal("x", inner);
    }

    [Fact]
    public void Equality_and_ToString()
    {
        Assert.True(Option<int>.Some(1) == new Option<int>(1));
        Assert.True(Option<int>.Some(1) != Option<int>.None);
        Assert.Equal(Option<int>.Some(1).GetHashCode(), Option<int>.Some(1).GetHashCode());
        Assert.Equal("Some(1)", Option<int>.Some(1).ToString());
        Assert.Equal("Some(null)", Option<string?>.Some(null).ToString());
        Assert.Equal("None", Option<int>.None.ToString());
    }
}
