using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>An <see cref="AsyncHostFunction"/> seen as a component function.</summary>
internal sealed class AsyncHostCallable(string name, AsyncHostFunction function, AbiFunctionType? type = null) : IComponentCallable
{
    public string Name { get; } = name;

    /// <summary>The function type the host wrote the function for, or null when it adapts to any.</summary>
    public AbiFunctionType? Type { get; } = type;

    /// <summary>
    /// A synchronous lower: an async-typed caller waits in the event loop (other tasks run meanwhile); a caller that
    /// may not block waits for the host on its thread.
    /// </summary>
    public WitValue[] Call(InstanceState? caller, WitValue[] arguments)
    {
        var work = function(arguments, CancellationToken.None);
        if (!work.IsCompleted && caller is not null)
        {
            var scheduler = AsyncScheduler.For(caller);
            if (scheduler.CurrentIn(caller) is { IsAsyncType: true } current)
            {
                scheduler.AddHostWork(work, static () => { });
                scheduler.Block(caller, current, () => work.IsCompleted, $"the call of the host function '{Name}'");
            }
        }

        return work.GetAwaiter().GetResult();
    }

    /// <summary>
    /// An async lower: starts the host's task; when it is not done at once, its completion resolves the subtask from the
    /// event loop (<paramref name="onResolve"/> with null when it was cancelled). Returns the cancellation to request.
    /// </summary>
    public Action? Begin(InstanceState caller, WitValue[] arguments, Action<WitValue[]?> onResolve)
    {
        var cancellation = new CancellationTokenSource();
        var work = function(arguments, cancellation.Token);
        if (work.IsCompleted)
        {
            cancellation.Dispose();
            onResolve(work.IsCanceled ? null : work.GetAwaiter().GetResult());
            return null;
        }

        AsyncScheduler.For(caller).AddHostWork(work, () =>
        {
            cancellation.Dispose();
            onResolve(work.IsCanceled ? null : work.GetAwaiter().GetResult());
        });
        return () =>
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already completed.
            }
        };
    }
}
