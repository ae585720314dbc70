using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Tests.Components;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Failures across a live link: a trap in the callee, invalid values from either side (the CanonicalABI.md checks
/// of lifting, on the fused path), reentrance into a caller that is on the stack, and host exceptions passing
/// through both instances unchanged.
/// </summary>
public class LinkTrapTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static string Callee(string encoding) => $$"""
        (component
          (import "back" (func $back))
          {{Wat.Libc}}
          (core func $back (canon lower (func $back)))
          (core module $m
            (import "libc" "memory" (memory 1))
            (import "h" "back" (func $back))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0)) (i32.store (i32.const 20) (local.get 1)) (i32.const 16))
            (func (export "boom") unreachable)
            (func (export "bad-char") (result i32) (i32.const 0xD800))
            (func (export "call-back") (call $back)))
          (core instance $i (instantiate $m (with "libc" (instance $libc)) (with "h" (instance (export "back" (func $back))))))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) string-encoding={{encoding}}))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "bad-char") (result char) (canon lift (core func $i "bad-char")))
          (func (export "call-back") (canon lift (core func $i "call-back"))))
        """;

    private static string Caller(string encoding = "utf8", string badString = "0xFEFF") => $$"""
        (component
          (import "echo" (func $echo (param "s" string) (result string)))
          (import "boom" (func $boom))
          (import "bad-char" (func $bad-char (result char)))
          (import "call-back" (func $call-back))
          {{Wat.Libc}}
          (core func $echo (canon lower (func $echo) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) string-encoding={{encoding}}))
          (core func $boom (canon lower (func $boom)))
          (core func $bad-char (canon lower (func $bad-char)))
          (core func $call-back (canon lower (func $call-back)))
          (core module $m
            (import "libc" "memory" (memory 1))
            (import "l" "echo" (func $echo (param i32 i32 i32)))
            (import "l" "boom" (func $boom))
            (import "l" "bad-char" (func $bad-char (result i32)))
            (import "l" "call-back" (func $call-back))
            (func (export "oob") (call $echo (i32.const 0xFFF0) (i32.const 64) (i32.const 1024)))
            (func (export "bad-string") (i32.store (i32.const 100) (i32.const {{badString}})) (call $echo (i32.const 100) (i32.const 2) (i32.const 1024)))
            (func (export "echo-len") (result i32)
              (i32.store (i32.const 100) (i32.const 0x6968)) (call $echo (i32.const 100) (i32.const 2) (i32.const 1024)) (i32.load (i32.const 1028)))
            (func (export "boom") (call $boom))
            (func (export "bad-char") (result i32) (call $bad-char))
            (func (export "call-back") (call $call-back))
            (func (export "ping") (result i32) (i32.const 5)))
          (core instance $i (instantiate $m (with "libc" (instance $libc))
            (with "l" (instance (export "echo" (func $echo)) (export "boom" (func $boom)) (export "bad-char" (func $bad-char)) (export "call-back" (func $call-back))))))
          (func (export "oob") (canon lift (core func $i "oob")))
          (func (export "bad-string") (canon lift (core func $i "bad-string")))
          (func (export "echo-len") (result u32) (canon lift (core func $i "echo-len")))
          (func (export "boom") (canon lift (core func $i "boom")))
          (func (export "bad-char") (result u32) (canon lift (core func $i "bad-char")))
          (func (export "call-back") (canon lift (core func $i "call-back")))
          (func (export "ping") (result u32) (canon lift (core func $i "ping"))))
        """;

    private sealed class Pair : IDisposable
    {
        public Pair(string calleeEncoding = "utf8", HostFunction? back = null, string? caller = null)
        {
            Callee = Runtime.LoadText(Callee(calleeEncoding)).Instantiate(new HostImports().DefineFunction("back", back ?? (_ => [])));
            Caller = Runtime.LoadText(caller ?? LinkTrapTests.Caller()).Instantiate(new HostImports().LinkExports(Callee));
        }

        public ComponentInstance Callee { get; }

        public ComponentInstance Caller { get; }

        public WitValue[] Call(string name) => Caller.GetFunction(name)!.Invoke();

        public void Dispose()
        {
            Caller.Dispose();
            Callee.Dispose();
        }
    }

    [Fact]
    public void A_trap_in_the_callee_poisons_both_instances()
    {
        using var pair = new Pair();
        var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("boom"));
        Assert.Contains("component instance 'root' trapped in", trap.Message);
        Assert.True(pair.Callee.State.Poisoned);
        Assert.True(pair.Caller.State.Poisoned);
        Assert.Throws<ComponentTrapException>(() => pair.Call("ping"));
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    [InlineData("latin1+utf16")]
    public void Invalid_arguments_from_the_caller_trap_the_caller_and_leave_the_callee_usable(string calleeEncoding)
    {
        using (var pair = new Pair(calleeEncoding))
        {
            Assert.Equal(2u, pair.Call("echo-len")[0].AsU32());
            var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("oob"));
            Assert.Equal(ComponentTrapKind.OutOfBounds, trap.Kind);
            Assert.True(pair.Caller.State.Poisoned);
            Assert.False(pair.Callee.State.Poisoned);
            Assert.Equal("still", pair.Callee.GetFunction("echo")!.Invoke(WitValue.String("still"))[0].AsString());
        }

        using (var pair = new Pair(calleeEncoding))
        {
            var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("bad-string"));
            Assert.Equal(ComponentTrapKind.InvalidUtf8, trap.Kind);
            Assert.True(pair.Caller.State.Poisoned);
            Assert.False(pair.Callee.State.Poisoned);
        }

        using (var pair = new Pair(calleeEncoding, caller: Caller("utf16", "0xD800")))
        {
            // A lone surrogate from a UTF-16 caller: copied to a UTF-16 callee, transcoded to the others.
            var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("bad-string"));
            Assert.Equal(ComponentTrapKind.InvalidUtf16, trap.Kind);
            Assert.True(pair.Caller.State.Poisoned);
            Assert.False(pair.Callee.State.Poisoned);
        }
    }

    [Fact]
    public void An_invalid_result_from_the_callee_traps_and_poisons_both()
    {
        using var pair = new Pair();
        var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("bad-char"));
        Assert.Equal(ComponentTrapKind.InvalidChar, trap.Kind);
        Assert.True(pair.Callee.State.Poisoned);
        Assert.True(pair.Caller.State.Poisoned);
    }

    [Fact]
    public void The_callee_cannot_reenter_the_caller_that_is_on_the_stack()
    {
        ComponentInstance? caller = null;
        using var pair = new Pair(back: _ =>
        {
            caller!.GetFunction("ping")!.Invoke();
            return [];
        });
        caller = pair.Caller;
        var trap = Assert.Throws<ComponentTrapException>(() => pair.Call("call-back"));
        Assert.Equal(ComponentTrapKind.Reentrance, trap.Kind);
        Assert.Contains("already running", trap.Message);
    }

    [Fact]
    public void A_host_exception_in_the_callee_reaches_the_host_unchanged()
    {
        var thrown = new InvalidOperationException("from the host");
        using var pair = new Pair(back: _ => throw thrown);
        var caught = Assert.Throws<InvalidOperationException>(() => pair.Call("call-back"));
        Assert.Same(thrown, caught);
        Assert.True(pair.Callee.State.Poisoned);
        Assert.True(pair.Caller.State.Poisoned);
    }
}
