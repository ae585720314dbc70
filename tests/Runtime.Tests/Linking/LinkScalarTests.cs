using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Links whose parameters and result are all one-slot scalars take a fast path (the values are converted in place):
/// they must still narrow the caller's arguments and the callee's result as lifting does, hand post-return the
/// callee's own result, and, between two instances nested in one composed binary, allocate nothing.
/// </summary>
public class LinkScalarTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>
    /// <c>echo(u8) -> u8</c> whose core function returns its argument plus 0x300; post-return keeps the core result it
    /// was given, which <c>seen</c> returns.
    /// </summary>
    private const string Callee = """
        (component
          (core module $m
            (global $seen (mut i32) (i32.const -1))
            (func (export "echo") (param i32) (result i32) (i32.add (local.get 0) (i32.const 0x300)))
            (func (export "post") (param i32) (global.set $seen (local.get 0)))
            (func (export "seen") (result i32) (global.get $seen)))
          (core instance $i (instantiate $m))
          (func (export "echo") (param "x" u8) (result u8) (canon lift (core func $i "echo") (post-return (core func $i "post"))))
          (func (export "seen") (result u32) (canon lift (core func $i "seen"))))
        """;

    /// <summary>Calls <c>echo</c> with the core value 0x1FF (0xFF as a <c>u8</c>) and returns what it receives.</summary>
    private const string Caller = """
        (component
          (import "echo" (func $echo (param "x" u8) (result u8)))
          (core func $echo (canon lower (func $echo)))
          (core module $m
            (import "l" "echo" (func $echo (param i32) (result i32)))
            (func (export "go") (result i32) (call $echo (i32.const 0x1FF)))
            (func (export "loop") (param $n i32) (result i32) (local $acc i32)
              (block $done (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc) (call $echo (local.get $n))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
              (local.get $acc)))
          (core instance $i (instantiate $m (with "l" (instance (export "echo" (func $echo))))))
          (func (export "go") (result u32) (canon lift (core func $i "go")))
          (func (export "loop") (param "n" u32) (result u32) (canon lift (core func $i "loop"))))
        """;

    /// <summary>A component's text with a name, to nest it.</summary>
    private static string Nested(string name, string component) => $"(component {name}{component.Trim()["(component".Length..]}";

    /// <summary>The two nested in one binary, the caller instantiated with the callee's <c>echo</c>.</summary>
    private static readonly string Composed = $$"""
        (component
          {{Nested("$callee", Callee)}}
          {{Nested("$caller", Caller)}}
          (instance $b (instantiate $callee))
          (instance $a (instantiate $caller (with "echo" (func $b "echo"))))
          (export "go" (func $a "go"))
          (export "loop" (func $a "loop"))
          (export "seen" (func $b "seen")))
        """;

    [Fact]
    public void Arguments_and_results_are_narrowed_and_post_return_gets_the_callee_s_own_result()
    {
        using var callee = Runtime.LoadText(Callee).Instantiate();
        using var caller = Runtime.LoadText(Caller).Instantiate(new HostImports().LinkExports(callee));

        // The callee receives 0xFF, returns 0x3FF; the caller gets 0xFF, post-return the 0x3FF.
        Assert.Equal(0xFFu, caller.GetFunction("go")!.Invoke()[0].AsU32());
        Assert.Equal(0x3FFu, callee.GetFunction("seen")!.Invoke()[0].AsU32());
    }

    [Fact]
    public void Calls_between_sibling_instances_of_a_composed_binary_allocate_nothing()
    {
        using var composed = Runtime.LoadText(Composed).Instantiate();
        Assert.Equal(0xFFu, composed.GetFunction("go")!.Invoke()[0].AsU32());
        Assert.Equal(0x3FFu, composed.GetFunction("seen")!.Invoke()[0].AsU32());

        var loop = composed.GetRawFunction("loop")!;
        uint Loop(uint n)
        {
            Span<RawValue> slots = stackalloc RawValue[1];
            slots[0] = RawValue.FromU32(n);
            var entered = loop.Call(slots);
            var result = slots[0].U32;
            loop.Complete(entered, slots);
            return result;
        }

        Assert.Equal(5050u, Loop(100)); // 1..100, each below 0x100 so echoed unchanged
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            Loop(100);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
