using Fixtures.AsyncResources.AsyncResources;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Generated bindings of async functions of an exported resource (wit/async-resources.wit): <c>Task</c>-returning
/// methods and static functions with a <c>CancellationToken</c>, the handle lent as the borrowed <c>self</c>.
/// </summary>
public class AsyncResourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_async_method_runs_on_the_resource_it_is_called_on()
    {
        using var world = AsyncResourcesWorld.Instantiate(Fixture.AsyncResources);
        using var a = world.Counters.NewCounter(5);
        using var b = world.Counters.NewCounter(100);
        Assert.Equal(8u, await a.AddAsync(3).WaitAsync(Timeout));
        Assert.Equal(101u, await b.AddAsync(1).WaitAsync(Timeout));
        Assert.Equal(8u, a.Get());

        await a.ResetAsync().WaitAsync(Timeout);
        Assert.Equal(0u, a.Get());
        Assert.Equal(101u, b.Get());
    }

    [Fact]
    public async Task Calls_started_together_each_yield_and_all_complete()
    {
        using var world = AsyncResourcesWorld.Instantiate(Fixture.AsyncResources);
        using var counter = world.Counters.NewCounter(0);
        var sums = await Task.WhenAll(Enumerable.Range(1, 10).Select(n => counter.AddAsync((uint)n))).WaitAsync(Timeout);
        Assert.Equal(55u, counter.Get());
        Assert.Equal(55u, sums.Max());
        Assert.Equal(10, sums.Distinct().Count());
    }

    [Fact]
    public async Task An_async_static_function_borrows_two_resources()
    {
        using var world = AsyncResourcesWorld.Instantiate(Fixture.AsyncResources);
        using var a = world.Counters.NewCounter(20);
        using var b = world.Counters.NewCounter(22);
        Assert.Equal(42u, await world.Counters.CounterSumAsync(a, b).WaitAsync(Timeout));
        Assert.Equal(40u, await world.Counters.CounterSumAsync(a, a).WaitAsync(Timeout));
        Assert.False(a.IsDisposed); // a borrow leaves the handle with the host
    }

    [Fact]
    public async Task A_disposed_resource_or_a_cancelled_token_is_refused()
    {
        using var world = AsyncResourcesWorld.Instantiate(Fixture.AsyncResources);
        var counter = world.Counters.NewCounter(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => counter.AddAsync(1, cancelled.Token).WaitAsync(Timeout));
        Assert.Equal(1u, counter.Get());

        counter.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => counter.AddAsync(1).WaitAsync(Timeout));
    }
}
