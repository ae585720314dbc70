using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// A host instance's definitions become runtime functions when the component first names them (a component names few
/// of the functions of the interfaces it imports): what it names works, what it re-exports is found, and the
/// definitions are the ones the host had made when the component was instantiated.
/// </summary>
public class HostInstanceLookupTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = """
        (component
          (import "test:lazy/host" (instance $h
            (export "double" (func (param "x" u32) (result u32)))
            (export "triple" (func (param "x" u32) (result u32)))))
          (export "test:lazy/host" (instance $h)))
        """;

    private static HostImports Imports(List<string> called)
    {
        var imports = new HostImports();
        imports.DefineInstance("test:lazy/host")
            .DefineFunction("double", a => { called.Add("double"); return [WitValue.U32(a[0].AsU32() * 2)]; })
            .DefineFunction("triple", a => { called.Add("triple"); return [WitValue.U32(a[0].AsU32() * 3)]; })
            .DefineFunction("unused", _ => throw new InvalidOperationException("never called"));
        return imports;
    }

    [Fact]
    public void A_reexported_host_instance_calls_the_definitions_it_names()
    {
        var called = new List<string>();
        using var instance = Runtime.LoadText(Component).Instantiate(Imports(called));

        Assert.Equal(9u, instance.GetFunction("test:lazy/host", "triple")!.Invoke(WitValue.U32(3))[0].AsU32());
        Assert.Equal(4u, instance.GetFunction("test:lazy/host", "double")!.Invoke(WitValue.U32(2))[0].AsU32());
        Assert.Equal(["triple", "double"], called);
    }

    [Fact]
    public void Definitions_made_after_the_instantiation_are_not_seen_by_it()
    {
        var imports = Imports([]);
        using var instance = Runtime.LoadText(Component).Instantiate(imports);
        imports.DefineInstance("test:lazy/host").DefineFunction("late", _ => [WitValue.U32(1)]);

        Assert.Null(instance.GetFunction("test:lazy/host", "late"));
        Assert.NotNull(instance.GetFunction("test:lazy/host", "double"));
    }

    [Fact]
    public void A_definition_replaced_after_an_instantiation_reaches_the_next_instantiation_only()
    {
        var imports = Imports([]);
        var loaded = Runtime.LoadText(Component);
        using var before = loaded.Instantiate(imports);
        imports.DefineInstance("test:lazy/host").DefineFunction("double", a => [WitValue.U32(a[0].AsU32() * 20)]);
        using var after = loaded.Instantiate(imports);

        // Neither instance looked "double" up before the change.
        Assert.Equal(4u, before.GetFunction("test:lazy/host", "double")!.Invoke(WitValue.U32(2))[0].AsU32());
        Assert.Equal(40u, after.GetFunction("test:lazy/host", "double")!.Invoke(WitValue.U32(2))[0].AsU32());
    }

    [Fact]
    public void Instantiations_share_one_snapshot_of_a_host_instance_until_it_changes()
    {
        var host = Imports([]).DefineInstance("test:lazy/host");
        var snapshot = host.Snapshot();
        Assert.Same(snapshot, host.Snapshot());

        host.DefineFunction("late", _ => [WitValue.U32(1)]);
        var changed = host.Snapshot();
        Assert.NotSame(snapshot, changed);
        Assert.False(snapshot.ContainsKey("late"));
        Assert.True(changed.ContainsKey("late"));
    }
}
