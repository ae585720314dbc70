using Fixtures.TypeImports.Things;
using Fixtures.TypeImports.TypeImports;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// A component whose imports include type imports bounded by <c>eq</c> (<c>(import "thing" (type (eq N)))</c>, as
/// wit-component emits for a world that uses an imported interface's types): the bound gives the type, so neither the
/// generated bindings nor a <see cref="HostImports"/> has anything to define for them.
/// </summary>
public class TypeImportTests
{
    private sealed class ValueThing(uint value) : Thing
    {
        public bool Disposed { get; private set; }

        public override uint Value() => value;

        protected override void Dispose(bool disposing) => Disposed = true;
    }

    private sealed class ThingsHost : IThings
    {
        public Thing NewThing(uint value) => new ValueThing(value);
    }

    [Fact]
    public void The_component_instantiates_through_generated_bindings()
    {
        using var world = TypeImportsWorld.Instantiate(Fixture.TypeImports, new TypeImportsWorld.Imports(new ThingsHost()));

        using var mine = new ValueThing(41);
        Assert.Equal(41u, world.Read(mine));

        // The guest constructs a host thing through the import and gives it back: the host gets its own object.
        var made = Assert.IsType<ValueThing>(world.Make(7));
        Assert.Equal(7u, made.Value());
        Assert.Equal(new Point(2, -1), world.Swap(new Point(-1, 2)));
    }

    [Fact]
    public void The_component_instantiates_through_host_imports()
    {
        var component = Fixture.TypeImports;
        var imports = new HostImports();
        var things = imports.DefineInstance("test:type-imports/things");
        var thing = things.DefineResource("thing");
        things.DefineFunction("[constructor]thing", args => [WitValue.Handle(new ResourceValue(thing, (int)args[0].AsU32()))]);
        things.DefineFunction("[method]thing.value", args => [WitValue.U32((uint)((ResourceValue)args[0].AsHandle()).Rep)]);
        Assert.DoesNotContain("thing", imports.Names);
        Assert.DoesNotContain("point", imports.Names);

        using var instance = component.Instantiate(imports);
        Assert.Equal(5u, instance.GetFunction("read")!.Invoke(WitValue.Handle(new ResourceValue(thing, 5)))[0].AsU32());
        var made = (ResourceValue)instance.GetFunction("make")!.Invoke(WitValue.U32(9))[0].AsHandle();
        Assert.Same(thing, made.Type);
        Assert.Equal(9, made.Rep);
        Assert.Equal(
            WitValue.Record(WitValue.S32(4), WitValue.S32(3)),
            instance.GetFunction("swap")!.Invoke(WitValue.Record(WitValue.S32(3), WitValue.S32(4)))[0]);
    }

    [Fact]
    public void Unknown_imports_as_traps_cover_the_instance_and_need_nothing_for_the_eq_bounded_types()
    {
        var component = Fixture.TypeImports;
        var imports = new HostImports().DefineUnknownAsTraps(component);
        Assert.Equal(["test:type-imports/things"], imports.Names);

        using var instance = component.Instantiate(imports);
        Assert.Equal(
            WitValue.Record(WitValue.S32(2), WitValue.S32(1)),
            instance.GetFunction("swap")!.Invoke(WitValue.Record(WitValue.S32(1), WitValue.S32(2)))[0]);
        var e = Assert.Throws<NotImplementedException>(() => instance.GetFunction("make")!.Invoke(WitValue.U32(1)));
        Assert.Contains("[constructor]thing", e.Message);
    }
}
