using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary>A host resource table creates its collections on first use: an unused table still answers every call.</summary>
public class HostResourceTableTests
{
    [Fact]
    public void An_unused_table_has_no_objects_and_refuses_every_representation()
    {
        var table = new HostResourceTable<string>();

        Assert.Equal(0, table.Count);
        Assert.Null(table.Remove(0));
        Assert.Null(table.Remove(1));
        Assert.Equal(ComponentTrapKind.InvalidHandle, Assert.Throws<ComponentTrapException>(() => table.Get(1)).Kind);
        Assert.Equal(ComponentTrapKind.InvalidHandle, Assert.Throws<ComponentTrapException>(() => table.Take(0)).Kind);
        table.EndLends();
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void The_first_object_gets_representation_one_and_a_freed_one_is_reused()
    {
        var table = new HostResourceTable<string>();
        var first = table.Add("a");
        var second = table.Lend("b");

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.Equal("b", table.Get(second));
        table.EndLends();
        Assert.Null(table.Remove(second));
        Assert.Equal("a", table.Take(first));
        Assert.Equal(0, table.Count);
        Assert.Equal(first, table.Add("c"));
    }
}
