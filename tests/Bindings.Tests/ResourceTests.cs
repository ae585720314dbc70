using Fixtures.Resources.HostStore;
using Fixtures.Resources.Resources;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Resources through generated bindings: guest-implemented resources as <see cref="IDisposable"/> handles,
/// host-implemented resources as classes deriving from the generated abstract class.
/// </summary>
public class ResourceTests
{
    private sealed class MemoryStore(string name, List<string> log) : Store
    {
        private uint _total;

        public string Name { get; } = name;

        public override void Put(uint value) => _total += value;

        public override uint Total() => _total;

        protected override void Dispose(bool disposing) => log.Add("disposed " + Name);
    }

    private sealed class StoreHost : IHostStore
    {
        public List<string> Log { get; } = new();

        public Store NewStore(string name)
        {
            Log.Add("created " + name);
            return new MemoryStore(name, Log);
        }
    }

    private static ResourcesWorld Instantiate(StoreHost host) => ResourcesWorld.Instantiate(Fixture.Resources, new ResourcesWorld.Imports(host));

    [Fact]
    public void Guest_resources_are_constructed_called_and_dropped_by_Dispose()
    {
        using var world = Instantiate(new StoreHost());
        var counters = world.Counters;
        using var a = counters.NewCounter(5);
        a.Increment(3);
        Assert.Equal(8u, a.Get());
        Assert.Equal(8u, counters.Peek(a));

        var zero = counters.CounterZero();
        Assert.Equal(0u, zero.Get());
        Assert.Equal(0u, counters.Dropped());
        zero.Dispose();
        Assert.True(zero.IsDisposed);
        Assert.Equal(1u, counters.Dropped());
        Assert.Throws<ObjectDisposedException>(() => zero.Get());
        zero.Dispose(); // a second Dispose does nothing
        Assert.Equal(1u, counters.Dropped());
    }

    [Fact]
    public void Passing_an_owned_handle_moves_it_into_the_guest()
    {
        using var world = Instantiate(new StoreHost());
        using var a = world.Counters.NewCounter(10);
        var b = world.Counters.NewCounter(32);
        a.Merge(b);
        Assert.Equal(42u, a.Get());
        Assert.True(b.IsDisposed);
        Assert.Equal(1u, world.Counters.Dropped()); // the guest dropped b after merging it
        Assert.Throws<ObjectDisposedException>(() => a.Merge(b));
    }

    [Fact]
    public void A_counter_cannot_be_lent_and_moved_in_the_same_call()
    {
        // a.Merge(a) would hand the guest `self` as a borrow and the same counter as an owned handle, which the
        // guest drops (running the destructor) while its method still uses `self`. The canonical ABI traps
        // there (a lent handle cannot be moved); the call is refused before the guest is entered.
        using var world = Instantiate(new StoreHost());
        using var a = world.Counters.NewCounter(7);
        Assert.Throws<ComponentTrapException>(() => a.Merge(a));
        Assert.False(a.IsDisposed);
        Assert.Equal(7u, a.Get());
        Assert.Equal(0u, world.Counters.Dropped());
        using var b = world.Counters.NewCounter(1);
        a.Merge(b);
        Assert.Equal(8u, a.Get());
        Assert.Equal(1u, world.Counters.Dropped());
    }

    [Fact]
    public void The_guest_uses_host_resources_and_their_destructor_runs_when_it_drops_them()
    {
        var host = new StoreHost();
        using var world = Instantiate(host);
        Assert.Equal(60u, world.Fill("sums", new[] { 10u, 20u, 30u }));
        Assert.Equal(new[] { "created sums", "disposed sums" }, host.Log);
    }

    [Fact]
    public void Calls_that_lend_and_move_handles_can_be_repeated_after_a_refused_one()
    {
        // Each function keeps one call scope and resets it per call: records of an earlier call (a refused
        // lend-and-move, borrows the guest dropped) must not leak into the next one.
        var host = new StoreHost();
        using var world = Instantiate(host);
        var store = world.MakeStore("again");
        using var a = world.Counters.NewCounter(1);
        for (var i = 1; i <= 5; i++)
        {
            store.Put(1);
            Assert.Equal((uint)i, world.TotalOf(store));
            Assert.Throws<ComponentTrapException>(() => a.Merge(a));
            using var b = world.Counters.NewCounter(1);
            a.Merge(b);
            Assert.Equal((uint)(i + 1), a.Get());
        }

        Assert.Equal(5u, world.Counters.Dropped());
        store.Dispose();
    }

    [Fact]
    public void A_host_resource_returned_by_the_guest_belongs_to_the_host_and_can_be_lent_back()
    {
        var host = new StoreHost();
        using var world = Instantiate(host);
        var store = world.MakeStore("mine");
        Assert.Equal("mine", Assert.IsType<MemoryStore>(store).Name);
        store.Put(5);
        Assert.Equal(5u, world.TotalOf(store));
        Assert.Equal(new[] { "created mine" }, host.Log);

        // A store the guest never saw can be lent too.
        var other = new MemoryStore("other", host.Log);
        other.Put(9);
        Assert.Equal(9u, world.TotalOf(other));
        store.Dispose();
        Assert.Equal("disposed mine", host.Log[^1]);
    }

    [Fact]
    public void Resources_of_a_disposed_instance_dispose_quietly()
    {
        var world = Instantiate(new StoreHost());
        var counter = world.Counters.NewCounter(1);
        world.Dispose();
        counter.Dispose();
        Assert.True(counter.IsDisposed);
    }
}
