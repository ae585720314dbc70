using WitBindgen.Generator.Specs;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>How AdditionalFiles are grouped into WIT loads.</summary>
public class GroupingTests
{
    [Fact]
    public void Files_sharing_a_root_form_one_unit_and_loose_files_one_each()
    {
        var files = new[]
        {
            new WitInputFile("/p/deps/d.wit", "", "/p", null, null, null),
            new WitInputFile("/a.wit", "", null, "w", null, null),
            new WitInputFile("/p/main.wit", "", "/p", "proxy", "My.Ns", "x"),
            new WitInputFile("/b.wit", "", null, null, null, null),
        };

        var units = WitUnit.Group(files).ToList();

        Assert.Equal(3, units.Count);
        Assert.Equal(new[] { "/a.wit" }, units[0].Files.Select(f => f.Path));
        Assert.Equal("w", units[0].World);
        Assert.Equal(new[] { "/b.wit" }, units[1].Files.Select(f => f.Path));
        Assert.Equal("/p", units[2].Root);
        Assert.Equal(new[] { "/p/deps/d.wit", "/p/main.wit" }, units[2].Files.Select(f => f.Path));
        Assert.Equal(("proxy", "My.Ns", "x"), (units[2].World, units[2].Namespace, units[2].Features));
    }

    [Fact]
    public void Units_compare_by_value()
    {
        var a = WitUnit.Group(new[] { new WitInputFile("/a.wit", "text", null, null, null, null) }).Single();
        var b = WitUnit.Group(new[] { new WitInputFile("/a.wit", "text", null, null, null, null) }).Single();
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
