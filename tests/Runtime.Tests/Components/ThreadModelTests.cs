using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// The thread model (docs/security.md): a runtime and its compiled-module cache serve any number of threads; an
/// instance runs on one thread at a time, and a second thread that tries to call it, lower arguments into it (its
/// <c>realloc</c>) or dispose it while a call runs gets <see cref="InvalidOperationException"/>, with the instance
/// left as it was.
/// </summary>
public class ThreadModelTests
{
    /// <summary>
    /// "block" calls the host's "wait" (which the test holds until it lets go), "ping" answers 42, "len" takes a
    /// string (lowered with a realloc that always answers the same block, so that calls never run out of memory) and
    /// returns its length.
    /// </summary>
    private const string Blocking = """
        (component
          (import "wait" (func $wait))
          (core module $libc
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024)))
          (core instance $libc (instantiate $libc))
          (core func $wait (canon lower (func $wait)))
          (core module $m
            (import "host" "wait" (func $wait))
            (func (export "block") (result i32) (call $wait) (i32.const 5))
            (func (export "ping") (result i32) (i32.const 42))
            (func (export "len") (param i32 i32) (result i32) (local.get 1)))
          (core instance $i (instantiate $m (with "host" (instance (export "wait" (func $wait))))))
          (func (export "block") (result u32) (canon lift (core func $i "block")))
          (func (export "ping") (result u32) (canon lift (core func $i "ping")))
          (func (export "len") (param "s" string) (result u32)
            (canon lift (core func $i "len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")))))
        """;

    /// <summary>An instance of <see cref="Blocking"/> whose "block" is running on another thread until disposed.</summary>
    private sealed class Held : IDisposable
    {
        private readonly ManualResetEventSlim _entered = new();
        private readonly ManualResetEventSlim _release = new();
        private readonly Task<uint> _call;

        public Held(ComponentRuntime runtime)
        {
            var imports = new HostImports().DefineFunction("wait", _ =>
            {
                _entered.Set();
                Assert.True(_release.Wait(TimeSpan.FromSeconds(30)), "the test never released the call");
                return [];
            });
            Instance = runtime.LoadText(Blocking).Instantiate(imports);
            _call = Task.Factory.StartNew(() => Instance.GetFunction("block")!.Invoke()[0].AsU32(), TaskCreationOptions.LongRunning);
            Assert.True(_entered.Wait(TimeSpan.FromSeconds(30)), "the call never reached the host");
        }

        public ComponentInstance Instance { get; }

        /// <summary>Lets the blocked call return and gives its result.</summary>
        public uint Finish()
        {
            _release.Set();
            return _call.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _release.Set();
            _call.Wait(TimeSpan.FromSeconds(30));
            Instance.Dispose();
        }
    }

    [Fact]
    public void A_call_from_a_second_thread_while_another_runs_is_refused_and_the_instance_still_works()
    {
        using var runtime = new ComponentRuntime();
        using var held = new Held(runtime);

        // This thread is not the one running in the instance.
        var error = Assert.Throws<InvalidOperationException>(() => held.Instance.GetFunction("ping")!.Invoke());
        Assert.Contains("in use by another thread", error.Message);
        Assert.Throws<InvalidOperationException>(() => held.Instance.GetFunction("len")!.Invoke(WitValue.String("abc")));
        Assert.Throws<InvalidOperationException>(() => held.Instance.GetRawFunction("ping")!.Call(stackalloc RawValue[1]));

        Assert.Equal(5u, held.Finish());
        Assert.False(held.Instance.State.Poisoned);
        Assert.Equal(42u, held.Instance.GetFunction("ping")!.Invoke()[0].AsU32());
        Assert.Equal(3u, held.Instance.GetFunction("len")!.Invoke(WitValue.String("abc"))[0].AsU32());
    }

    [Fact]
    public void Lowering_arguments_from_a_second_thread_while_another_runs_is_refused()
    {
        // Generated bindings lower (and so run the guest's realloc) before their call enters the instance.
        using var runtime = new ComponentRuntime();
        using var held = new Held(runtime);
        var len = held.Instance.GetRawFunction("len")!;
        var context = len.CreateContext();
        Assert.Throws<InvalidOperationException>(() => context.Realloc!(0, 0, 1, 16));

        Assert.Equal(5u, held.Finish());
        Assert.NotEqual(0u, context.Realloc!(0, 0, 1, 16));
        Assert.Equal(42u, held.Instance.GetFunction("ping")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Disposing_from_a_second_thread_while_another_runs_is_refused()
    {
        using var runtime = new ComponentRuntime();
        using var held = new Held(runtime);
        Assert.Throws<InvalidOperationException>(() => held.Instance.Dispose());
        Assert.False(held.Instance.State.Disposed);

        Assert.Equal(5u, held.Finish());
        held.Instance.Dispose();
        Assert.Throws<ObjectDisposedException>(() => held.Instance.GetFunction("ping")!.Invoke());
    }

    [Fact]
    public void Reentrance_on_the_running_thread_is_still_a_trap()
    {
        using var runtime = new ComponentRuntime();
        ComponentInstance? instance = null;
        Exception? inner = null;
        var imports = new HostImports().DefineFunction("wait", _ =>
        {
            inner = Record.Exception(() => instance!.GetFunction("ping")!.Invoke());
            return [];
        });
        instance = runtime.LoadText(Blocking).Instantiate(imports);
        Assert.Equal(5u, instance.GetFunction("block")!.Invoke()[0].AsU32());
        var trap = Assert.IsType<ComponentTrapException>(inner);
        Assert.Equal(ComponentTrapKind.Reentrance, trap.Kind);
        instance.Dispose();
    }

    [Fact]
    public void Many_threads_racing_for_one_instance_either_call_it_or_are_refused_and_every_call_that_ran_is_right()
    {
        using var runtime = new ComponentRuntime();
        using var instance = runtime.LoadText(Blocking).Instantiate(new HostImports().DefineFunction("wait", _ => []));
        var ping = instance.GetFunction("ping")!;
        var len = instance.GetFunction("len")!;
        var refused = 0;
        var ran = 0;
        var until = DateTime.UtcNow.AddSeconds(1);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            var text = new string('x', t + 1);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    Assert.Equal(42u, ping.Invoke()[0].AsU32());
                    Assert.Equal((uint)text.Length, len.Invoke(WitValue.String(text))[0].AsU32());
                    Interlocked.Increment(ref ran);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });

        Assert.True(ran > 0);
        Assert.False(instance.State.Poisoned);
        Assert.Equal(42u, ping.Invoke()[0].AsU32());
    }

    [Fact]
    public void Threads_loading_the_same_bytes_share_one_compilation_of_each_module()
    {
        using var runtime = new ComponentRuntime();
        var bytes = WatText.ToBinary(Blocking);
        var components = new LoadedComponent[16];
        using var start = new Barrier(components.Length);
        Parallel.For(0, components.Length, new ParallelOptions { MaxDegreeOfParallelism = components.Length }, t =>
        {
            start.SignalAndWait();
            components[t] = runtime.Load(bytes);
        });

        // Two core modules (the libc and $m), each compiled once whatever the number of threads.
        Assert.Equal(2, runtime.CompiledModules);
        Parallel.For(0, components.Length, t =>
        {
            using var instance = components[t].Instantiate(new HostImports().DefineFunction("wait", _ => []));
            Assert.Equal(5u, instance.GetFunction("block")!.Invoke()[0].AsU32());
        });
    }
}
