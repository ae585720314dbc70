using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Generated calls that lower through their context claim the instance once, when they begin
/// (<see cref="ExportFunction.Begin"/>, <see cref="ExportFunction.CallContext"/>): the claim holds while the arguments
/// are lowered (the guest's <c>realloc</c> included), entering takes it over, leaving frees it, and
/// <see cref="ExportFunction.Abandon"/> frees it when lowering fails. The thread model stays as it was: another thread
/// is refused meanwhile, reentrance is a trap.
/// </summary>
public class CallClaimTests
{
    /// <summary>"ping" answers 42; "len" takes a string and returns its length; "again" calls the host's "hook".</summary>
    private const string Component = """
        (component
          (import "hook" (func $hook))
          (core module $libc
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024)))
          (core instance $libc (instantiate $libc))
          (core func $hook (canon lower (func $hook)))
          (core module $m
            (import "host" "hook" (func $hook))
            (func (export "ping") (result i32) (i32.const 42))
            (func (export "again") (call $hook))
            (func (export "len") (param i32 i32) (result i32) (local.get 1)))
          (core instance $i (instantiate $m (with "host" (instance (export "hook" (func $hook))))))
          (func (export "ping") (result u32) (canon lift (core func $i "ping")))
          (func (export "again") (canon lift (core func $i "again")))
          (func (export "len") (param "s" string) (result u32)
            (canon lift (core func $i "len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")))))
        """;

    private static readonly AbiFunctionType Ping = new([], [AbiType.U32]);
    private static readonly AbiFunctionType Len = new([AbiType.String], [AbiType.U32]);

    private static (ComponentInstance Instance, ExportFunction Len, ExportFunction Ping) Create(ComponentRuntime runtime, Action? hook = null)
    {
        var imports = new HostImports().DefineFunction("hook", _ =>
        {
            hook?.Invoke();
            return [];
        });
        var instance = runtime.LoadText(Component).Instantiate(imports);
        return (instance, instance.BindFunction(null, "len", Len), instance.BindFunction(null, "ping", Ping));
    }

    /// <summary>Calls "len" as generated bindings do, from after <c>Begin</c> on.</summary>
    private static uint CallLen(ExportFunction f, AbiContext cx, string text)
    {
        Span<RawValue> s = stackalloc RawValue[2];
        var i = 0;
        try
        {
            var slice = CanonicalAbi.LowerString(cx, text);
            s[i++] = RawValue.FromU32(slice.Pointer);
            s[i++] = RawValue.FromU32(slice.Length);
        }
        catch
        {
            f.Abandon();
            throw;
        }

        var e = f.Call(s);
        return f.Return(e, s, s[0].U32);
    }

    private static uint CallPing(ExportFunction f)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        var e = f.Call(s);
        return f.Return(e, s, s[0].U32);
    }

    private static Exception? OnOtherThread(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(action));
        thread.Start();
        thread.Join();
        return error;
    }

    [Fact]
    public void A_begun_call_holds_the_instance_against_other_threads_through_realloc_until_it_completes()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, ping) = Create(runtime);

        var cx = len.Begin();
        Assert.IsType<InvalidOperationException>(OnOtherThread(() => CallPing(ping)));

        // The guest's realloc runs inside the claim and does not give it up.
        var slice = CanonicalAbi.LowerString(cx, "hello");
        Assert.IsType<InvalidOperationException>(OnOtherThread(() => CallPing(ping)));

        Span<RawValue> s = [RawValue.FromU32(slice.Pointer), RawValue.FromU32(slice.Length)];
        var e = len.Call(s);
        Assert.Equal(5u, len.Return(e, s, s[0].U32));

        // Leaving freed it.
        Assert.Null(OnOtherThread(() => Assert.Equal(42u, CallPing(ping))));
        Assert.Null(OnOtherThread(() => Assert.Equal(3u, CallLen(len, len.Begin(), "abc"))));
        instance.Dispose();
    }

    [Fact]
    public void Abandoning_a_begun_call_frees_the_instance_for_other_threads()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, ping) = Create(runtime);

        len.Begin();
        Assert.IsType<InvalidOperationException>(OnOtherThread(() => CallPing(ping)));
        len.Abandon();

        Assert.Null(OnOtherThread(() => Assert.Equal(42u, CallPing(ping))));
        Assert.False(instance.State.Poisoned);
        Assert.Equal(42u, CallPing(ping));
        instance.Dispose();
    }

    [Fact]
    public void A_call_that_fails_to_lower_its_arguments_leaves_the_instance_free()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, ping) = Create(runtime);

        // An unpaired surrogate cannot be lowered to UTF-8: the call never enters.
        Assert.ThrowsAny<Exception>(() => CallLen(len, len.Begin(), "a\uD800b"));

        Assert.Null(OnOtherThread(() => Assert.Equal(42u, CallPing(ping))));
        Assert.Null(OnOtherThread(() => Assert.Equal(2u, CallLen(len, len.Begin(), "ab"))));
        Assert.Equal(2u, CallLen(len, len.Begin(), "ab"));
        instance.Dispose();
    }

    [Fact]
    public void Beginning_a_call_from_another_thread_while_one_is_begun_is_refused()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, _) = Create(runtime);

        var cx = len.Begin();
        Assert.IsType<InvalidOperationException>(OnOtherThread(() => len.Begin()));
        Assert.Equal(4u, CallLen(len, cx, "four"));
        instance.Dispose();
    }

    [Fact]
    public void A_call_begun_inside_a_running_call_on_its_thread_is_still_reentrance()
    {
        using var runtime = new ComponentRuntime();
        ComponentInstance? instance = null;
        ExportFunction? len = null;
        Exception? inner = null;
        (instance, len, var ping) = Create(runtime, () => inner = Record.Exception(() => CallLen(len!, len!.Begin(), "x")));
        var again = instance.GetFunction("again")!;

        again.Invoke();
        var trap = Assert.IsType<ComponentTrapException>(inner);
        Assert.Equal(ComponentTrapKind.Reentrance, trap.Kind);

        // The outer call's claim was not taken over by the inner attempt: the instance is free afterwards.
        Assert.Null(OnOtherThread(() => Assert.Equal(42u, CallPing(ping))));
        Assert.Equal(1u, CallLen(len, len.Begin(), "y"));
        instance.Dispose();
    }

    [Fact]
    public void Disposing_while_a_call_is_begun_makes_the_call_fail_and_frees_the_claim()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, _) = Create(runtime);

        var cx = len.Begin();
        instance.Dispose();
        Assert.Throws<ObjectDisposedException>(() => CallLen(len, cx, "z"));
        Assert.IsType<ObjectDisposedException>(OnOtherThread(() => len.Begin()));
    }

    [Fact]
    public void A_poisoned_instance_refuses_a_call_when_it_begins_and_stays_free()
    {
        using var runtime = new ComponentRuntime();
        var (instance, len, ping) = Create(runtime);
        instance.State.Poisoned = true;

        Assert.Throws<ComponentTrapException>(() => len.Begin());

        // The refused call did not keep the instance: another thread is refused for the trap, not as "in use".
        Assert.IsType<ComponentTrapException>(OnOtherThread(() => CallPing(ping)));
        instance.Dispose();
    }
}
