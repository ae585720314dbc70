using Fixtures.Echoes.Echoes;
using Fixtures.Echoes.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>Host imports implemented in C# through generated interfaces, called back by the guest.</summary>
public class ImportTests
{
    [Fact]
    public void The_guest_calls_interface_and_world_imports_with_lifted_arguments()
    {
        var host = new EchoHost { Clock = 123456789012345UL };
        using var world = EchoesWorld.Instantiate(Fixture.Echoes, host.Imports());

        world.RelayLog("from the guest: ✓");
        Assert.Equal(new[] { "from the guest: ✓" }, host.Logged);
        Assert.Equal(84u, world.RelayDouble(42));
        Assert.Equal(new Point(2, 3, 1), world.RelayTransform(new Point(1, 2, 3)));
        Assert.Equal(new[] { "c", "b", "a", "" }, world.RelayReverse(new[] { "", "a", "b", "c" }));
        Assert.Equal("rect 1,2,3", world.RelayDescribe(new Shape.Rect(new Point(1, 2, 3))));
        Assert.Equal("named ok", world.RelayDescribe(new Shape.Named("ok")));
        Assert.Null(world.RelayDescribe(new Shape.Empty()));
        Assert.Equal(new Shape[] { new Shape.Rect(new Point(1, 2, 3)), new Shape.Named("ok"), new Shape.Empty() }, host.Described);
        Assert.Equal(123456789012345UL, world.RelayNow());
    }

    [Fact]
    public void A_host_exception_reaches_the_caller_unchanged_and_leaves_the_instance_unusable()
    {
        var failure = new InvalidOperationException("host failure");
        var host = new EchoHost { ThrowFromDouble = failure };
        using var world = EchoesWorld.Instantiate(Fixture.Echoes, host.Imports());
        var error = Assert.Throws<InvalidOperationException>(() => world.RelayDouble(1));
        Assert.Same(failure, error);

        // The guest was unwound in the middle of its code (a trap): its state may be half-updated, so the instance
        // refuses every later call, even those that do not reach the import; other instances are unaffected.
        host.ThrowFromDouble = null;
        var trap = Assert.Throws<ComponentTrapException>(() => world.EchoU32(1));
        Assert.Equal("the instance of world 'echoes' is unusable after an earlier trap", trap.Message);
        Assert.Throws<ComponentTrapException>(() => world.RelayDouble(1));
        using var fresh = EchoesWorld.Instantiate(Fixture.Echoes, host.Imports());
        Assert.Equal(2u, fresh.RelayDouble(1));
    }

    [Fact]
    public void An_unsatisfied_import_is_named_before_any_guest_code_runs()
    {
        // The resources component imports test:resources/host-store; instantiating it as the echoes world
        // (whose bindings do not provide it) fails at link time, naming the import.
        var error = Assert.Throws<ComponentLinkException>(() => EchoesWorld.Instantiate(Fixture.Resources, new EchoHost().Imports()));
        Assert.Contains("test:resources/host-store", error.Message);
    }

    [Fact]
    public void Providers_supply_imports_the_world_does_not_name_and_the_worlds_own_imports_win()
    {
        var host = new EchoHost();
        var provider = new HostImports();
        provider.DefineFunction("now", _ => new[] { WitValue.U64(1) });
        provider.DefineFunction("unused-extra", _ => Array.Empty<WitValue>());
        using var world = EchoesWorld.Instantiate(Fixture.Echoes, host.Imports(), provider);
        Assert.Equal(host.Clock, world.RelayNow());
    }

    [Fact]
    public void Null_imports_are_rejected()
    {
        var host = new EchoHost();
        Assert.Throws<ArgumentNullException>(() => new EchoesWorld.Imports(null!, host));
        Assert.Throws<ArgumentNullException>(() => EchoesWorld.Instantiate(Fixture.Echoes, null!));
    }

    [Fact]
    public void Imports_can_be_provided_as_runtime_definitions_to_a_plain_instantiation()
    {
        var host = new EchoHost();
        using var instance = Fixture.Echoes.Instantiate(host.Imports().ToHostImports());
        var relay = instance.GetFunction("relay-double")!;
        Assert.Equal(WitValue.U32(42), relay.Invoke(WitValue.U32(21))[0]);
    }
}
