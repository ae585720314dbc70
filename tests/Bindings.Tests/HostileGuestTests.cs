using Fixtures.Echoes.Echoes;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>A guest returning invalid values: a <see cref="ComponentTrapException"/> of the right kind, the instance poisoned, the host unharmed.</summary>
public class HostileGuestTests
{
    [Theory]
    [InlineData("string", ComponentTrapKind.OutOfBounds)]
    [InlineData("char", ComponentTrapKind.InvalidChar)]
    [InlineData("color", ComponentTrapKind.InvalidDiscriminant)]
    [InlineData("shape", ComponentTrapKind.InvalidDiscriminant)]
    public void Invalid_results_trap_and_poison_the_instance(string what, ComponentTrapKind kind)
    {
        using var world = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        Action call = what switch
        {
            "string" => () => world.BadString(),
            "char" => () => world.BadChar(),
            "color" => () => world.BadColor(),
            _ => () => world.BadShape(),
        };

        var error = Assert.Throws<ComponentTrapException>(call);
        Assert.Equal(kind, error.Kind);
        Assert.Throws<ComponentTrapException>(() => world.EchoU32(1));

        // Another instance of the same component is unaffected.
        using var fresh = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        Assert.Equal(7u, fresh.EchoU32(7));
    }
}
