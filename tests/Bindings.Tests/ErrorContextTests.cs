using Fixtures.ErrorContexts.ErrorContexts;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Generated bindings of <c>error-context</c> (wit/error-contexts.wit): <see cref="ErrorContext"/> values the component
/// makes with <c>error-context.new</c> reach the host with their debug message, and the host's reach the component.
/// </summary>
public class ErrorContextTests
{
    private sealed class Host(string message) : IErrorContextsImports
    {
        public int Calls { get; private set; }

        public ErrorContext HostError()
        {
            Calls++;
            return new ErrorContext(message);
        }
    }

    private static ErrorContextsWorld Instantiate(Host host) =>
        ErrorContextsWorld.Instantiate(Fixture.ErrorContexts, new ErrorContextsWorld.Imports(host));

    [Fact]
    public void An_error_context_the_component_makes_carries_its_debug_message()
    {
        using var world = Instantiate(new Host("unused"));
        var made = world.Make();
        Assert.Equal("disk full", made.DebugMessage);
        Assert.NotSame(made, world.Make()); // each error-context.new is a new context
    }

    [Fact]
    public void Error_contexts_go_back_into_the_component_whoever_made_them()
    {
        using var world = Instantiate(new Host("unused"));
        Assert.Equal("from the host", world.Describe(new ErrorContext("from the host")));
        var made = world.Make();
        Assert.Equal("disk full", world.Describe(made));
        Assert.Equal("disk full", world.Describe(made)); // sharing, not moving: the host's object stays valid
        Assert.Equal("", world.Describe(new ErrorContext("")));
    }

    [Fact]
    public void An_error_context_inside_a_result_is_lifted()
    {
        using var world = Instantiate(new Host("unused"));
        Assert.Equal(7u, world.Check(true).Ok);
        var failed = world.Check(false);
        Assert.True(failed.IsErr);
        Assert.Equal("disk full", failed.Err.DebugMessage);
    }

    [Fact]
    public void An_import_returns_the_hosts_error_context_to_the_component()
    {
        var host = new Host("connection reset");
        using var world = Instantiate(host);
        Assert.Equal("connection reset", world.Relay());
        Assert.Equal(1, host.Calls);
    }

    [Fact]
    public void A_null_error_context_is_refused_before_the_call()
    {
        using var world = Instantiate(new Host("unused"));
        Assert.Throws<ArgumentNullException>(() => world.Describe(null!));
        Assert.Equal("disk full", world.Describe(world.Make())); // the instance is still usable
    }
}
