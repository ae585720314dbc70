using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// Trap messages are text: none carries the NUL that ends the C API's strings, on any path a trap reaches the host by
/// (a call, a raw call, <c>realloc</c>, <c>post-return</c>, a start function, a guest destructor, an uncaught exception).
/// </summary>
public class TrapMessageTests
{
    private static readonly ComponentRuntime Runtime = new();

    private const string Component = """
        (component
          (core module $m
            (memory (export "mem") 1)
            (tag $e)
            (func (export "boom") unreachable)
            (func (export "throw") (throw $e))
            (func (export "bad-realloc") (param i32 i32 i32 i32) (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
            (func (export "len") (param i32 i32) (result i32) (local.get 1))
            (func (export "one") (result i32) (i32.const 1))
            (func (export "post") (param i32) (drop (i32.load (i32.const 0x7fffffff))))
            (func (export "dtor") (param i32) unreachable))
          (core instance $i (instantiate $m))
          (type $r' (resource (rep i32) (dtor (core func $i "dtor"))))
          (export $r "r" (type $r'))
          (core func $new (canon resource.new $r'))
          (core module $n
            (import "" "new" (func $new (param i32) (result i32)))
            (func (export "make") (result i32) (call $new (i32.const 3))))
          (core instance $j (instantiate $n (with "" (instance (export "new" (func $new))))))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "throw") (canon lift (core func $i "throw")))
          (func (export "len") (param "s" string) (result u32)
            (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "bad-realloc"))))
          (func (export "one") (result u32) (canon lift (core func $i "one") (post-return (core func $i "post"))))
          (func (export "make") (result (own $r)) (canon lift (core func $j "make"))))
        """;

    public static TheoryData<string> Calls => new() { "boom", "throw", "len", "one" };

    [Theory]
    [MemberData(nameof(Calls))]
    public void Traps_of_dynamic_calls_have_no_NUL(string function)
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var arguments = function == "len" ? new[] { WitValue.String("abc") } : [];
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction(function)!.Invoke(arguments));
        AssertClean(trap);
    }

    [Fact]
    public void Traps_of_raw_calls_have_no_NUL()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetRawFunction("boom")!.Call(new RawValue[1]));
        AssertClean(trap);

        using var other = Runtime.LoadText(Component).Instantiate();
        var one = other.GetRawFunction("one")!;
        var slots = new RawValue[1];
        var entered = one.Call(slots);
        AssertClean(Assert.Throws<ComponentTrapException>(() => one.Complete(entered, slots)));
    }

    [Fact]
    public void A_trap_in_a_guest_destructor_has_no_NUL()
    {
        using var instance = Runtime.LoadText(Component).Instantiate();
        var handle = (ResourceValue)instance.GetFunction("make")!.Invoke()[0].AsHandle();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.Drop(handle));
        AssertClean(trap);
    }

    [Fact]
    public void A_trap_in_a_start_function_has_no_NUL()
    {
        var component = Runtime.LoadText("""
            (component
              (core module $m (func $start unreachable) (start $start))
              (core instance $i (instantiate $m)))
            """);
        AssertClean(Assert.Throws<ComponentTrapException>(() => component.Instantiate()));
    }

    private static void AssertClean(Exception e)
    {
        Assert.False(string.IsNullOrEmpty(e.Message));
        Assert.DoesNotContain('\0', e.Message);
        if (e.InnerException is WitBindgen.Runtime.Interop.CoreTrapException core)
        {
            Assert.DoesNotContain('\0', core.Message);
        }
    }
}
