using Fixtures.AsyncImports.AsyncImports;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>An imported <c>async func</c> implemented by a Task-returning method of the generated interface.</summary>
public class AsyncImportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private sealed class Host(Func<uint, CancellationToken, Task<uint>> fetch) : IAsyncImports
    {
        public Task<uint> FetchAsync(uint x, CancellationToken cancellationToken = default) => fetch(x, cancellationToken);
    }

    [Fact]
    public async Task The_guest_waits_for_the_hosts_task_and_gets_its_result()
    {
        var gate = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var world = AsyncImportsWorld.Instantiate(Fixture.AsyncImports, new AsyncImportsWorld.Imports(new Host(async (x, _) => x + await gate.Task)));
        var run = world.RunAsync();
        Assert.False(run.IsCompleted);
        gate.SetResult(100);
        Assert.Equal(142u, await run.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_task_complete_at_once_returns_to_the_guest_at_once()
    {
        using var world = AsyncImportsWorld.Instantiate(Fixture.AsyncImports, new AsyncImportsWorld.Imports(new Host((x, _) => Task.FromResult(x * 2))));
        Assert.Equal(83u, await world.RunAsync().WaitAsync(Timeout));
    }
}
