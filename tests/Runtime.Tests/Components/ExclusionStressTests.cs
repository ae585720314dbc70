using System.Collections.Concurrent;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Several threads hammer one instance through the fastest entry (generated bindings' <see cref="ExportFunction"/>
/// steps, scalars only: the call's entry is its only claim). The guest shows any overlap of two calls: "tick" traps when
/// it finds its busy flag set, and bumps a counter with a plain read and write that a second call running beside it
/// would lose. Every call must either run (and get the next counter value, each value once) or be refused with the
/// documented exception; none may ever see another in progress. A thread keeps the instance between its calls
/// (InstanceState.LazyClaim.cs), so these calls also race the takeover of that lazy hold by the other threads.
/// </summary>
public class ExclusionStressTests
{
    /// <summary>
    /// "tick" sets a busy flag (trapping when it is set already), spins a while, bumps the counter, clears the flag and
    /// returns the counter; "boom" traps; "again" calls the host's "hook" (for reentrance).
    /// </summary>
    private const string Component = """
        (component
          (import "hook" (func $hook))
          (core func $hook (canon lower (func $hook)))
          (core module $m
            (import "host" "hook" (func $hook))
            (global $busy (mut i32) (i32.const 0))
            (global $count (mut i32) (i32.const 0))
            (func (export "tick") (result i32) (local $i i32) (local $c i32)
              (if (global.get $busy) (then unreachable))
              (global.set $busy (i32.const 1))
              (local.set $c (global.get $count))
              (loop $spin
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $spin (i32.lt_u (local.get $i) (i32.const 200))))
              (global.set $count (i32.add (local.get $c) (i32.const 1)))
              (global.set $busy (i32.const 0))
              (global.get $count))
            (func (export "boom") unreachable)
            (func (export "again") (call $hook)))
          (core instance $i (instantiate $m (with "host" (instance (export "hook" (func $hook))))))
          (func (export "tick") (result u32) (canon lift (core func $i "tick")))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "again") (canon lift (core func $i "again"))))
        """;

    private static readonly AbiFunctionType Tick = new([], [AbiType.U32]);
    private static readonly AbiFunctionType Empty = new([], []);

    private static uint CallTick(ExportFunction f)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        var e = f.Call(s);
        return f.Return(e, s, s[0].U32);
    }

    private static void CallEmpty(ExportFunction f)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        var e = f.Call(s);
        f.Complete(e, s);
    }

    /// <summary>
    /// Runs <paramref name="threads"/> threads calling "tick" until <paramref name="stop"/> says so (checked after each
    /// attempt), each attempt either a value (recorded) or an exception that <paramref name="expected"/> accepts.
    /// </summary>
    private static (ConcurrentBag<uint> Values, int Refused) Hammer(ExportFunction tick, int threads, Func<bool> stop, Func<Exception, bool> expected)
    {
        var values = new ConcurrentBag<uint>();
        var refused = 0;
        var unexpected = new ConcurrentQueue<Exception>();
        var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            while (!stop())
            {
                try
                {
                    values.Add(CallTick(tick));
                }
                catch (Exception e) when (expected(e))
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    unexpected.Enqueue(e);
                    return;
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Empty(unexpected);
        return (values, refused);
    }

    private static bool InUse(Exception e) => e is InvalidOperationException && e.Message.Contains("in use by another thread");

    private static (ComponentInstance Instance, ExportFunction Tick) Create(ComponentRuntime runtime, Action? hook = null)
    {
        var instance = runtime.LoadText(Component).Instantiate(new HostImports().DefineFunction("hook", _ =>
        {
            hook?.Invoke();
            return [];
        }));
        // Every change of thread goes through the lazy claim's takeover (not only the first sixteen).
        instance.State.TakeoverLimit = int.MaxValue;
        return (instance, instance.BindFunction(null, "tick", Tick));
    }

    [Fact]
    public void Threads_hammering_one_instance_never_run_two_calls_at_once()
    {
        using var runtime = new ComponentRuntime();
        var (instance, tick) = Create(runtime);
        using var owned = instance;
        var until = DateTime.UtcNow.AddSeconds(2);

        var (values, _) = Hammer(tick, 4, () => DateTime.UtcNow >= until, InUse);

        // Each call that ran got the next count: no two ever overlapped (a lost update would repeat a value, an overlap
        // seen by the guest would have trapped).
        var sorted = values.OrderBy(v => v).ToArray();
        Assert.NotEmpty(sorted);
        Assert.Equal(Enumerable.Range(1, sorted.Length).Select(v => (uint)v), sorted);
        Assert.False(instance.State.Poisoned);
        Assert.Equal((uint)sorted.Length + 1, CallTick(tick));
        Assert.True(instance.State.Takeovers > 0, "no thread ever took the instance over from a lazy holder");
    }

    [Fact]
    public void Calls_alternating_between_threads_all_run_when_they_never_overlap()
    {
        // The instance is handed from thread to thread between calls (no two at once): every call runs, each taking the
        // instance over from the other thread's lazy hold.
        using var runtime = new ComponentRuntime();
        var (instance, tick) = Create(runtime);
        using var owned = instance;
        uint last = 0;
        for (var round = 0u; round < 50; round++)
        {
            var thread = new Thread(() => last = CallTick(tick));
            thread.Start();
            thread.Join();
            Assert.Equal((2 * round) + 1, last);
            Assert.Equal((2 * round) + 2, CallTick(tick));
        }

        // Each call on the other thread took the instance from this one's lazy hold, and each call here took it back.
        Assert.Equal(99, instance.State.Takeovers); // every call but the first
    }

    [Fact]
    public void An_instance_a_thread_keeps_between_calls_is_free_for_another_thread_to_call_or_dispose()
    {
        using var runtime = new ComponentRuntime();
        var (instance, tick) = Create(runtime);
        Assert.Equal(1u, CallTick(tick));
        Assert.Equal(2u, CallTick(tick));
        Assert.Equal(0, instance.State.Takeovers);

        uint other = 0;
        var thread = new Thread(() => other = CallTick(tick));
        thread.Start();
        thread.Join();
        Assert.Equal(3u, other);
        Assert.Equal(1, instance.State.Takeovers);

        // This thread takes it back; a third thread disposes it, taking it from this thread's lazy hold.
        Assert.Equal(4u, CallTick(tick));
        var disposer = new Thread(instance.Dispose);
        disposer.Start();
        disposer.Join();
        Assert.True(instance.State.Disposed);
        Assert.Throws<ObjectDisposedException>(() => CallTick(tick));
    }

    [Fact]
    public void After_a_trap_every_thread_gets_the_unusable_instance_error_and_nothing_else_runs()
    {
        using var runtime = new ComponentRuntime();
        var (instance, tick) = Create(runtime);
        using var owned = instance;
        var boom = instance.BindFunction(null, "boom", Empty);
        var until = DateTime.UtcNow.AddSeconds(1);
        var trapper = new Thread(() =>
        {
            Thread.Sleep(200);
            while (true)
            {
                try
                {
                    CallEmpty(boom);
                }
                catch (ComponentTrapException)
                {
                    return; // the trap, or the instance already unusable after it
                }
                catch (InvalidOperationException e) when (InUse(e))
                {
                    // Another thread was in a call: try again.
                }
            }
        });
        trapper.Start();
        var (values, _) = Hammer(tick, 3, () => DateTime.UtcNow >= until, e => InUse(e) || (e is ComponentTrapException t && t.Message.Contains("unusable after an earlier trap")));
        trapper.Join();

        Assert.True(instance.State.Poisoned);
        var sorted = values.OrderBy(v => v).ToArray();
        Assert.Equal(Enumerable.Range(1, sorted.Length).Select(v => (uint)v), sorted);
        var error = Assert.Throws<ComponentTrapException>(() => CallTick(tick));
        Assert.Contains("unusable after an earlier trap", error.Message);
    }

    [Fact]
    public void Disposing_while_threads_call_either_is_refused_or_ends_every_later_call()
    {
        using var runtime = new ComponentRuntime();
        var (instance, tick) = Create(runtime);
        var disposed = 0;
        var disposer = new Thread(() =>
        {
            Thread.Sleep(200);
            while (true)
            {
                try
                {
                    instance.Dispose();
                    Volatile.Write(ref disposed, 1);
                    return;
                }
                catch (InvalidOperationException e) when (InUse(e))
                {
                    // A call was running on another thread: dispose was refused, try again.
                }
            }
        });
        disposer.Start();
        var (values, _) = Hammer(tick, 3, () => Volatile.Read(ref disposed) == 1, e => InUse(e) || e is ObjectDisposedException);
        disposer.Join();

        Assert.True(instance.State.Disposed);
        var sorted = values.OrderBy(v => v).ToArray();
        Assert.Equal(Enumerable.Range(1, sorted.Length).Select(v => (uint)v), sorted);
        Assert.Throws<ObjectDisposedException>(() => CallTick(tick));
    }

    [Fact]
    public void Reentrance_from_a_host_import_is_a_trap_on_the_calling_thread_and_other_threads_are_refused_meanwhile()
    {
        using var runtime = new ComponentRuntime();
        ExportFunction? tickFn = null;
        Exception? reentrant = null;
        Exception? other = null;
        var (instance, tick) = Create(runtime, () =>
        {
            reentrant = Record.Exception(() => CallTick(tickFn!));
            var thread = new Thread(() => other = Record.Exception(() => CallTick(tickFn!)));
            thread.Start();
            thread.Join();
        });
        using var owned = instance;
        tickFn = tick;
        CallEmpty(instance.BindFunction(null, "again", Empty));

        Assert.Equal(ComponentTrapKind.Reentrance, Assert.IsType<ComponentTrapException>(reentrant).Kind);
        Assert.True(InUse(Assert.IsType<InvalidOperationException>(other)));
        Assert.False(instance.State.Poisoned);
        Assert.Equal(1u, CallTick(tick));
    }
}
