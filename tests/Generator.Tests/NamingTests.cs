using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>WIT names to C# identifiers.</summary>
public class NamingTests
{
    [Theory]
    [InlineData("foo", "Foo")]
    [InlineData("foo-bar", "FooBar")]
    [InlineData("HTTP-version", "HTTPVersion")]
    [InlineData("%type", "Type")]
    [InlineData("a-b-c", "ABC")]
    public void Pascal_case(string wit, string expected) => Assert.Equal(expected, Naming.Pascal(wit));

    [Fact]
    public void Keywords_are_escaped() => Assert.Equal("@class", Naming.Escape("class"));

    [Fact]
    public void Collisions_get_a_suffix()
    {
        var taken = new HashSet<string> { "Equals" };
        Assert.Equal("Equals_", Naming.Unique("Equals", taken));
        Assert.Equal("Equals_2", Naming.Unique("Equals", taken));
        Assert.Equal("Other", Naming.Unique("Other", taken));
    }
}
