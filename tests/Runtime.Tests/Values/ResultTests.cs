using Xunit;

namespace WitBindgen.Runtime.Tests.Values;

/// <summary><see cref="Result{TOk, TErr}"/>: the C# face of a WIT <c>result</c>.</summary>
public class ResultTests
{
    [Fact]
    public void A_success_and_an_error_say_which_they_are_and_give_their_payload()
    {
        var ok = Result<uint, string>.FromOk(5);
        var err = Result<uint, string>.FromErr("bad");
        Assert.True(ok.IsOk);
        Assert.False(ok.IsErr);
        Assert.Equal(5u, ok.Ok);
        Assert.True(err.IsErr);
        Assert.Equal("bad", err.Err);
        Assert.Contains("Err(bad)", Assert.Throws<InvalidOperationException>(() => err.Ok).Message);
        Assert.Contains("Ok(5)", Assert.Throws<InvalidOperationException>(() => ok.Err).Message);
    }

    [Fact]
    public void TryGetValue_and_TryGetError_read_one_side()
    {
        var ok = Result<uint, string>.FromOk(5);
        var err = Result<uint, string>.FromErr("bad");
        Assert.True(ok.TryGetValue(out var value));
        Assert.Equal(5u, value);
        Assert.False(ok.TryGetError(out var none));
        Assert.Null(none);
        Assert.False(err.TryGetValue(out var zero));
        Assert.Equal(0u, zero);
        Assert.True(err.TryGetError(out var error));
        Assert.Equal("bad", error);
        Assert.Equal(5u, ok.GetValueOrDefault(9));
        Assert.Equal(9u, err.GetValueOrDefault(9));
    }

    [Fact]
    public void Match_calls_the_function_of_its_side()
    {
        var ok = Result<uint, string>.FromOk(5);
        var err = Result<uint, string>.FromErr("bad");
        Assert.Equal("ok 5", ok.Match(v => $"ok {v}", e => $"err {e}"));
        Assert.Equal("err bad", err.Match(v => $"ok {v}", e => $"err {e}"));

        var seen = new List<string>();
        ok.Match(v => seen.Add($"ok {v}"), e => seen.Add($"err {e}"));
        err.Match(v => seen.Add($"ok {v}"), e => seen.Add($"err {e}"));
        Assert.Equal(new[] { "ok 5", "err bad" }, seen);
        Assert.Throws<ArgumentNullException>(() => ok.Match(null!, (string e) => 0));
    }

    [Fact]
    public void A_result_deconstructs_into_its_side_and_payloads()
    {
        var (isOk, value, error) = Result<uint, string>.FromOk(5);
        Assert.True(isOk);
        Assert.Equal(5u, value);
        Assert.Null(error);
        (isOk, value, error) = Result<uint, string>.FromErr("bad");
        Assert.False(isOk);
        Assert.Equal(0u, value);
        Assert.Equal("bad", error);
    }

    [Fact]
    public void Result_Ok_and_Err_convert_to_any_result_with_that_payload_even_when_both_sides_share_a_type()
    {
        Result<uint, string> ok = Result.Ok(5u);
        Result<uint, string> err = Result.Err("bad");
        Assert.Equal(Result<uint, string>.FromOk(5), ok);
        Assert.Equal(Result<uint, string>.FromErr("bad"), err);

        Result<string, string> same = Result.Err("x");
        Assert.True(same.IsErr);
        Result<Unit, int> unit = Result.Ok();
        Result<int, Unit> unitError = Result.Err();
        Assert.True(unit.IsOk);
        Assert.True(unitError.IsErr);
    }

    [Fact]
    public void Equality_compares_the_side_and_the_payload()
    {
        Assert.Equal(Result<uint, uint>.FromOk(1), Result<uint, uint>.FromOk(1));
        Assert.NotEqual(Result<uint, uint>.FromOk(1), Result<uint, uint>.FromErr(1));
        Assert.True(Result<uint, uint>.FromErr(2) == Result<uint, uint>.FromErr(2));
        Assert.True(Result<uint, uint>.FromErr(2) != Result<uint, uint>.FromErr(3));
        Assert.Equal(Result<uint, uint>.FromOk(1).GetHashCode(), Result<uint, uint>.FromOk(1).GetHashCode());
        Assert.False(Result<uint, uint>.FromOk(1).Equals((object)1u));
        Assert.Equal(Result<uint, string>.FromErr(null!), default);
    }

    [Fact]
    public void ToString_shows_the_side_and_the_payload()
    {
        Assert.Equal("Ok(5)", Result<uint, string>.FromOk(5).ToString());
        Assert.Equal("Err(bad)", Result<uint, string>.FromErr("bad").ToString());
        Assert.Equal("Ok(())", Result<Unit, Unit>.FromOk(Unit.Value).ToString());
        Assert.Equal("Err(null)", Result<uint, string?>.FromErr(null).ToString());
    }

    [Fact]
    public void Unit_has_one_value()
    {
        Assert.Equal(default, Unit.Value);
        Assert.Equal("()", Unit.Value.ToString());
    }
}
