using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// The call protocol generated bindings run through <see cref="ExportFunction"/>: however a call ends (results
/// delivered, lifting failed, <c>post-return</c> trapped), the instance is left exactly as the protocol says, and a
/// trap poisons it.
/// </summary>
public class ExportProtocolTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>"f" returns 5; its post-return runs <paramref name="postBody"/> (nothing, or a trap).</summary>
    private static ComponentInstance Instance(string postBody) => Runtime.LoadText($$"""
        (component
          (core module $m
            (func (export "f") (result i32) (i32.const 5))
            (func (export "post") (param i32) {{postBody}}))
          (core instance $i (instantiate $m))
          (func $f (result u32) (canon lift (core func $i "f") (post-return (core func $i "post"))))
          (export "f" (func $f)))
        """).Instantiate();

    private static ExportFunction Bind(ComponentInstance instance) =>
        instance.BindFunction(null, "f", new AbiFunctionType([], [AbiType.U32]));

    /// <summary>The generated shape of a call whose result may fail to lift.</summary>
    private static uint CallLifted(ExportFunction f, Func<uint, uint> lift)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        var e = f.Call(s);
        try
        {
            return f.Lifted(e, s, lift(s[0].U32));
        }
        catch (Exception x)
        {
            f.Abort(e, x);
            throw;
        }
    }

    /// <summary>The generated shape of a call whose result cannot fail to lift.</summary>
    private static uint CallReturn(ExportFunction f)
    {
        Span<RawValue> s = stackalloc RawValue[1];
        var e = f.Call(s);
        return f.Return(e, s, s[0].U32);
    }

    [Fact]
    public void A_delivered_result_leaves_the_instance()
    {
        using var instance = Instance("");
        var f = Bind(instance);
        Assert.Equal(5u, CallLifted(f, v => v));
        Assert.True(instance.State.MayEnter);
        Assert.Equal(5u, CallReturn(f));
        Assert.True(instance.State.MayEnter);
        Assert.Equal(5u, CallLifted(f, v => v));
    }

    [Fact]
    public void A_failed_lifting_leaves_the_instance_and_a_trap_poisons_it()
    {
        using var instance = Instance("");
        var f = Bind(instance);
        Assert.Throws<InvalidOperationException>(() => CallLifted(f, _ => throw new InvalidOperationException("not a trap")));
        Assert.True(instance.State.MayEnter);
        Assert.False(instance.State.Poisoned);
        Assert.Equal(5u, CallLifted(f, v => v));

        Assert.Throws<ComponentTrapException>(() => CallLifted(f, v => throw AbiHelpers.InvalidDiscriminant("enum 'e'", v)));
        Assert.True(instance.State.MayEnter);
        Assert.True(instance.State.Poisoned);
    }

    [Fact]
    public void A_post_return_trap_after_lifting_leaves_the_instance_poisoned()
    {
        using var instance = Instance("(unreachable)");
        var f = Bind(instance);
        var lifted = 0;
        var trap = Assert.Throws<ComponentTrapException>(() => CallLifted(f, v =>
        {
            lifted++;
            return v;
        }));
        Assert.Contains("post-return", trap.Message);
        Assert.Equal(1, lifted);
        Assert.True(instance.State.MayEnter);
        Assert.True(instance.State.Poisoned);
        using var fresh = Instance("");
        Assert.Equal(5u, CallLifted(Bind(fresh), v => v));
    }

    [Fact]
    public void A_post_return_trap_after_an_infallible_result_leaves_the_instance_poisoned()
    {
        using var instance = Instance("(unreachable)");
        var f = Bind(instance);
        var trap = Assert.Throws<ComponentTrapException>(() => CallReturn(f));
        Assert.Contains("post-return", trap.Message);
        Assert.True(instance.State.MayEnter);
        Assert.True(instance.State.Poisoned);
    }
}
