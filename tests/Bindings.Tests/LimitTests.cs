using WitBindgen.Runtime;
using Fixtures.Echoes.Echoes;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>Limits given to the generated <c>Instantiate</c> apply to the calls of the generated bindings.</summary>
public sealed class LimitTests
{
    [Fact]
    public void A_string_result_over_the_limit_traps_and_poisons_only_that_instance()
    {
        using var limited = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports(), new ComponentLimits { StringBytes = 16 });
        using var other = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        Assert.Equal("sixteen bytes ok", limited.EchoString("sixteen bytes ok"));
        var trap = Assert.Throws<ComponentTrapException>(() => limited.EchoString("seventeen bytes!!"));
        Assert.Equal(ComponentTrapKind.ValueTooLarge, trap.Kind);
        Assert.True(limited.Instance.State.Poisoned);
        Assert.Throws<ComponentTrapException>(() => limited.EchoString("a"));
        Assert.Equal("seventeen bytes!!", other.EchoString("seventeen bytes!!"));
    }

    [Fact]
    public void Null_limits_mean_none_even_when_the_runtime_has_some()
    {
        using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { Limits = new ComponentLimits { StringBytes = 4 } });
        var component = runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "echoes.wat")));
        using var runtimeLimited = EchoesWorld.Instantiate(component, new EchoHost().Imports());
        Assert.Equal(ComponentTrapKind.ValueTooLarge, Assert.Throws<ComponentTrapException>(() => runtimeLimited.EchoString("12345")).Kind);
        using var unlimited = EchoesWorld.Instantiate(component, new EchoHost().Imports(), (ComponentLimits?)null);
        Assert.Equal("12345", unlimited.EchoString("12345"));
    }
}
